// Text that came from the server (error messages, hints, status values) goes through `serverText`
// once, where it enters the action. The result is one line, so it can never start a workflow command
// (`::add-mask::`, `::set-output`) in the log: every line the action prints begins with its own words.

const MAX_LENGTH = 600;

export function serverText(text: string, secrets: readonly string[] = [], maxLength = MAX_LENGTH): string {
  // Leading spaces stay: they are the indentation of log and compiler lines, which the action prefixes.
  const line = redact(text, secrets)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .trimEnd();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}

/** The text with every secret replaced by `***`, as the runner masks them. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret) result = result.split(secret).join('***');
  }
  return result;
}

/** `90500` → `1m30.5s`: how the action writes durations, the way users write them as inputs. */
export function formatDuration(ms: number): string {
  const tenths = Math.round(ms / 100);
  const hours = Math.floor(tenths / 36_000);
  const minutes = Math.floor((tenths % 36_000) / 600);
  const seconds = (tenths % 600) / 10;
  const parts = [];
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (seconds || parts.length === 0) parts.push(`${seconds.toFixed(seconds % 1 ? 1 : 0)}s`);
  return parts.join('');
}
