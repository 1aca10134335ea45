/**
 * How the text of one input becomes its value: each parser returns the value, or reports a problem
 * that names the input and returns undefined, so that every problem is found in one read.
 */
export type Parser<T> = (name: string, value: string, problems: string[]) => T | undefined;

/** Any text; empty: not set. */
export const text: Parser<string> = (_name, value) => value || undefined;

/** One line of text (it becomes a header); empty: not set. */
export const oneLine: Parser<string> = (name, value, problems) => {
  if (/[\r\n]/.test(value)) problems.push(`${name} must be one line.`);
  return value || undefined;
};

export function parseBoolean(name: string, value: string, problems: string[]): boolean | undefined {
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  problems.push(`${name} "${value}" must be true or false.`);
  return undefined;
}

/** One of the values accepted, in any case. */
export function oneOf<T extends string>(accepted: readonly T[]): Parser<T> {
  return (name, value, problems) => {
    const lower = value.toLowerCase();
    const found = accepted.find((candidate) => candidate === lower);
    if (!found) problems.push(`${name} "${value}" is not one of ${accepted.join(', ')}.`);
    return found;
  };
}

/** Some of the parts accepted, separated by commas, spaces or newlines, in their order; empty: not set. */
export function someOf<T extends string>(accepted: readonly T[]): Parser<readonly T[]> {
  return (name, value, problems) => {
    if (!value) return undefined;
    const names = value.split(/[\s,]+/).filter(Boolean);
    const unknown = names.filter((part) => !(accepted as readonly string[]).includes(part));
    for (const part of unknown) problems.push(`${name} "${part}" is not one of ${accepted.join(', ')}.`);
    if (names.length === 0)
      problems.push(
        `${name} "${value}" names no part: give some of ${accepted.join(', ')}, or leave it empty for all.`,
      );
    return Object.freeze(accepted.filter((part) => names.includes(part)));
  };
}

// Feldera's validate_pipeline_name: a Kubernetes label.
const PIPELINE_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_]{0,61}[A-Za-z0-9])?$/;

/** One pipeline name, or up to `most` separated by newlines, commas or spaces (a YAML block scalar works). */
export function pipelineNames(most: number): Parser<readonly string[]> {
  return (name, value, problems) => {
    const names = value.split(/[\s,]+/).filter(Boolean);
    if (names.length === 0)
      problems.push(
        `${name} is empty: give the name of a pipeline, or several separated by newlines, commas or spaces.`,
      );
    for (const bad of names.filter((each) => !PIPELINE_NAME.test(each)))
      problems.push(
        `${name} "${bad}" must be 1 to 63 letters, digits, "_" or "-", not starting or ending with "_" or "-".`,
      );
    const repeated = [...new Set(names.filter((each, i) => names.indexOf(each) !== i))];
    if (repeated.length > 0)
      problems.push(
        `${name} names ${repeated.map((each) => `"${each}"`).join(', ')} more than once: give each pipeline once.`,
      );
    if (names.length > most) problems.push(`${name} names ${names.length} pipelines: at most ${most} in one step.`);
    return Object.freeze(names);
  };
}

/** Table names separated by newlines, commas or spaces, or a JSON array of them (`[]`: none); empty: not set. */
export const tableNames: Parser<readonly string[]> = (name, value, problems) => {
  if (!value) return undefined;
  if (!value.startsWith('[')) return Object.freeze(value.split(/[\s,]+/).filter(Boolean));
  let names: unknown;
  try {
    names = JSON.parse(value);
  } catch {
    names = undefined;
  }
  if (!Array.isArray(names) || !names.every((each) => typeof each === 'string' && each !== '')) {
    problems.push(
      `${name} "${value}" is not a JSON array of table names, such as ["orders", "My Table"]; or give the names separated by newlines, commas or spaces.`,
    );
    return undefined;
  }
  return Object.freeze(names as string[]);
};

/** A whole number of days within the bounds. */
export function days(least: number, most: number): Parser<number> {
  return (name, value, problems) => {
    const count = /^\d+$/.test(value) ? Number(value) : NaN;
    if (count >= least && count <= most) return count;
    problems.push(`${name} "${value}" must be a whole number of days from ${least} to ${most}.`);
    return undefined;
  };
}

/** The base URL of Feldera's API; it ends with `/`, so that `new URL('v0/…', apiUrl)` keeps a path prefix. */
export const apiUrl: Parser<URL> = (name, value, problems) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  // First, so that a URL with a password is never echoed.
  if (url?.username || url?.password) {
    problems.push(`${name} must not hold a user or password; give the key in api-key.`);
    return undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    problems.push(`${name} "${value}" must be an http:// or https:// URL, such as https://feldera.example.com.`);
    return undefined;
  }
  if (url.search || url.hash) {
    problems.push(`${name} "${value}" must not have a query or fragment.`);
    return undefined;
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
};

/** A path in the repository, as GitHub places annotations: relative, with `/`; empty: not set. */
export const repositoryPath: Parser<string> = (name, value, problems) => {
  if (!value) return undefined;
  const path = value.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..')) {
    problems.push(
      `${name} "${value}" must be a path inside the repository, relative to its root, such as sql/program.sql.`,
    );
    return undefined;
  }
  return path;
};

// Feldera's RuntimeSelector takes `vX.Y.Z` or a git SHA (db/types/program.rs), newer ones more: the server judges.
const RUNTIME_VERSION = /^[A-Za-z0-9][A-Za-z0-9._:+-]{0,99}$/;

/** A runtime version of Feldera; empty: not set. */
export const runtimeVersion: Parser<string> = (name, value, problems) => {
  if (value && !RUNTIME_VERSION.test(value))
    problems.push(
      `${name} "${value}" is not a runtime version: give a version tag (v0.375.0) or a 40-character git SHA of feldera/feldera, as Feldera takes it.`,
    );
  return value || undefined;
};

// Five days, a self-hosted runner's job limit; well within the 24.8 days that Node's timers can wait
// (a longer delay fires at once).
const MAX_DURATION = '120h';
const MAX_DURATION_MS = 120 * 3600_000;
const PART = '(\\d+(?:\\.\\d+)?)';
const DURATION = new RegExp(`^(?:${PART}h)?(?:${PART}m(?!s))?(?:${PART}s)?(?:${PART}ms)?$`);

/** `90` (seconds), `90s`, `15m`, `1h30m`, `500ms` → milliseconds; more than zero, unless `zero` is allowed. */
export function duration(allow: { zero?: boolean } = {}): Parser<number> {
  return (name, value, problems) => {
    const seconds = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : undefined;
    const parts = seconds === undefined ? DURATION.exec(value) : null;
    if (seconds === undefined && (!parts || value === '')) {
      problems.push(
        `${name} "${value}" is not a duration: give seconds (90) or h, m, s and ms parts (1h30m, 90s, 500ms).`,
      );
      return undefined;
    }
    const [, h = '0', m = '0', s = '0', ms = '0'] = parts ?? [];
    const total =
      seconds !== undefined ? seconds * 1000 : ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
    if (!(total > 0) && !(allow.zero && total === 0)) {
      problems.push(`${name} "${value}" must be more than zero.`);
      return undefined;
    }
    if (total > MAX_DURATION_MS) {
      problems.push(
        `${name} "${value}" is longer than ${MAX_DURATION}, the longest a job can run (on a self-hosted runner).`,
      );
      return undefined;
    }
    return Math.round(total);
  };
}
