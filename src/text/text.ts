// Text that came from the server (error messages, hints, status values, log and compiler lines) goes
// through `serverText` once, where it enters the action; every plain line the action prints goes
// through `inert` (src/log/log.ts) on its way out. Together they keep the runner from reading a workflow
// command in anything a server sent.

const MAX_LENGTH = 600;

// ANSI escape sequences: CSI (colours, cursor moves; ESC [ or the one-byte C1 form), OSC (titles,
// links; ended by BEL or ESC \), and the two-byte escapes. Feldera's logs are coloured.
const ANSI =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-Z\\-_]/g;
// The runner finds commands with .NET's culture-sensitive IndexOf and StartsWith, which skip what ICU
// ignores: control and format characters, variation selectors. Such a character between `#` and `#[`
// would hide a command from a plain search, so it goes (it shows as nothing anyway).
const IGNORABLE = /[\p{Cc}\p{Default_Ignorable_Code_Point}\u2028\u2029]+/gu;
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029\v\f]+/g;

export function serverText(text: string, secrets: readonly string[] = [], maxLength = MAX_LENGTH): string {
  // Line breaks and tabs become spaces first, so words stay apart; the other invisible characters go.
  const plain = redact(text.replace(ANSI, ''), secrets).replace(LINE_BREAKS, ' ').replace(/\t/g, ' ');
  // Leading spaces stay: they are the indentation of log and compiler lines, which the action prefixes.
  const line = inert(plain).trimEnd();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}

/**
 * One line the runner prints as it is: it reads `::command::` at the start of a line, after spaces,
 * and the legacy `##[command]` anywhere in it (actions/runner, ActionCommand.TryParseV2 and TryParse).
 * Both are broken by a visible space; invisible characters that could hide them are removed first.
 */
export function inert(line: string): string {
  return line
    .replace(IGNORABLE, (match) => (/[\r\n\u2028\u2029]/.test(match) ? ' ' : ''))
    .replace(/##\[/g, '## [')
    .replace(/^(\s*):(?=:)/u, '$1: ');
}

/** What an error says, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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

/**
 * `Feldera pipeline orders`, or `Feldera pipelines orders, billing and refunds`: the one way a title or
 * a heading names pipelines, whatever the input held (names one a line, or comma-separated).
 */
export function pipelineLabel(names: string): string {
  return `Feldera pipeline${namesOf(names).length > 1 ? 's' : ''} ${readableNames(names)}`;
}

/** `orders`, or `orders, billing and refunds`: a name list as a reader says it; `(no name)` for none. */
export function readableNames(names: string): string {
  const each = namesOf(names);
  if (each.length <= 1) return each[0] ?? '(no name)';
  return `${each.slice(0, -1).join(', ')} and ${each.at(-1) ?? ''}`;
}

function namesOf(names: string): string[] {
  return names
    .split(/[\n,]/)
    .map((name) => name.trim())
    .filter(Boolean);
}
