import type { BootstrapPolicy, Initial } from '../feldera/types.ts';
import type { ConnectorErrorsMode } from './verdict.ts';
import type { IfDeployed } from './transition.ts';
import { readProxies, type Proxies } from './proxy.ts';
import { parseExpectedDiff } from './expected-diff.ts';
import type { PipelineDiff } from '../feldera/types.ts';

/** Every input of action.yml, in its order. */
export const INPUT_NAMES = [
  'pipeline-name',
  'api-url',
  'api-key',
  'initial',
  'if-deployed',
  'bootstrap-policy',
  'silent-bootstrap',
  'concurrent-bootstrap',
  'auto-approve',
  'reloadable-tables',
  'dismiss-error',
  'wait',
  'timeout',
  'poll-interval',
  'request-timeout',
  'sql-file',
  'logs',
  'health-window',
  'connector-errors',
  'stop-on-failure',
  'stop-at-job-end',
  'environment',
  'github-token',
  'oidc-audience',
  'tenant',
  'support-bundle',
  'support-bundle-parts',
  'support-bundle-retention-days',
  'expected-diff',
  'plan',
  'runtime-version',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export interface Config {
  /** One or more, in the order given, each once. */
  readonly pipelineNames: readonly string[];
  /** Ends with `/`, so that `new URL('v0/…', apiUrl)` keeps a path prefix. */
  readonly apiUrl: URL;
  readonly apiKey: string | undefined;
  readonly initial: Initial;
  /** A pipeline already deployed: moved to `initial` (`converge`), or started as Feldera decides (`fail`). */
  readonly ifDeployed: IfDeployed;
  readonly bootstrapPolicy: BootstrapPolicy;
  /** Bootstrap with the output connectors off: sinks do not get the views' contents again. */
  readonly silentBootstrap: boolean;
  /** Bootstrap new and modified views in the background while the others stay live. */
  readonly concurrentBootstrap: boolean;
  readonly autoApprove: boolean;
  /**
   * `reloadable_tables` of Feldera's Python client: with bootstrap-policy allow, the tables a bootstrap
   * may reload; the step starts with await_approval and approves only when it reloads no other.
   * Undefined: not set, any table may be reloaded; empty: none may.
   */
  readonly reloadableTables: readonly string[] | undefined;
  readonly dismissError: boolean;
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly requestTimeoutMs: number;
  /**
   * The SQL's path in the repository, for annotations on its lines and the program a plan proposes;
   * `{name}` in it stands for each pipeline's name (sqlFileOf).
   */
  readonly sqlFile: string | undefined;
  readonly logs: Logs;
  /** How long to watch the pipeline's health after the target; 0: one check. */
  readonly healthWindowMs: number;
  readonly connectorErrors: ConnectorErrorsMode;
  /** After a Timeout, a cancel or a failed health check, stop the pipeline this step started. */
  readonly stopOnFailure: boolean;
  /** In the post step, stop the pipeline this step started, whatever the job's result. */
  readonly stopAtJobEnd: boolean;
  /** A GitHub environment to record a deployment to; undefined: none. */
  readonly environment: string | undefined;
  readonly githubToken: string | undefined;
  /** Authenticate with a GitHub ID token for this audience instead of an API key. */
  readonly oidcAudience: string | undefined;
  /**
   * The file feldera/oidc-auth-action keeps a fresh ID token in (FELDERA_OIDC_TOKEN_FILE), read
   * before every request; only when no credential input is given.
   */
  readonly oidcTokenFile: string | undefined;
  /** Sent as `Feldera-Tenant` on every request. */
  readonly tenant: string | undefined;
  /** From HTTP_PROXY, HTTPS_PROXY and NO_PROXY. */
  readonly proxy: Proxies;
  /** When to upload the pipeline's support bundle as a workflow artifact. */
  readonly supportBundle: SupportBundleMode;
  /** The parts asked for; undefined: Feldera's default (all of them). */
  readonly supportBundleParts: readonly SupportBundlePart[] | undefined;
  readonly supportBundleRetentionDays: number;
  /** Per pipeline, the only changes auto-approve may approve; undefined: any. */
  readonly expectedDiff: ReadonlyMap<string, PipelineDiff> | undefined;
  /** Start nothing: ask Feldera what the program of sql-file would change (`POST /diff`), and report it. */
  readonly plan: boolean;
  /** `runtime_version` of the plan's `/diff`; undefined: the platform's runtime. */
  readonly runtimeVersion: string | undefined;
}

/** The SQL file of one pipeline: sql-file with `{name}` replaced by the pipeline's name. */
export function sqlFileOf(config: Pick<Config, 'sqlFile'>, pipelineName: string): string | undefined {
  return config.sqlFile?.replaceAll('{name}', pipelineName);
}

export type SupportBundleMode = 'never' | 'on-failure' | 'always';

/** The query parameters of `GET /support_bundle` that select a part, each `true` by default (support_data_collector.rs). */
export const SUPPORT_BUNDLE_PARTS = [
  'circuit_profile',
  'heap_profile',
  'metrics',
  'logs',
  'stats',
  'pipeline_config',
  'system_config',
  'dataflow_graph',
  'pipeline_events',
] as const;
export type SupportBundlePart = (typeof SUPPORT_BUNDLE_PARTS)[number];

/** When to read the pipeline's log into the step's log and summary. */
export type Logs = 'on-failure' | 'always' | 'never';

/** Every problem with the inputs, found before any request is sent. */
export class InputError extends Error {
  readonly problems: readonly string[];

  constructor(problems: string[]) {
    super(`Invalid input:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
    this.name = 'InputError';
    this.problems = problems;
  }
}

export interface InputSource {
  /** The input as the runner passes it (`INPUT_*`), trimmed; empty when not set. */
  getInput: (name: InputName) => string;
  env: Record<string, string | undefined>;
  /** Told of the API key before anything else happens, so that the runner masks it everywhere. */
  onSecret: (secret: string) => void;
}

// Feldera's validate_pipeline_name: a Kubernetes label.
const PIPELINE_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_]{0,61}[A-Za-z0-9])?$/;
const INITIALS: readonly Initial[] = ['running', 'paused', 'standby'];
const IF_DEPLOYED: readonly IfDeployed[] = ['converge', 'fail'];
const BOOTSTRAP_POLICIES: readonly BootstrapPolicy[] = ['allow', 'reject', 'await_approval'];
const LOGS: readonly Logs[] = ['on-failure', 'always', 'never'];
const CONNECTOR_ERRORS: readonly ConnectorErrorsMode[] = ['warn', 'fail', 'ignore'];
const MIN_POLL_INTERVAL_MS = 100;
const SUPPORT_BUNDLE: readonly SupportBundleMode[] = ['never', 'on-failure', 'always'];
/** Feldera's RuntimeSelector takes `vX.Y.Z` or a git SHA (db/types/program.rs); newer ones more: the server judges the rest. */
const RUNTIME_VERSION = /^[A-Za-z0-9][A-Za-z0-9._:+-]{0,99}$/;
/** GitHub keeps an artifact 1 to 90 days (a repository may allow fewer). */
const RETENTION_DAYS = { least: 1, most: 90 };

/** Reads and checks every input; throws one `InputError` that lists all problems. */
export function readConfig(source: InputSource): { config: Config; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const input = (name: InputName) => source.getInput(name).trim();

  const apiKey = input('api-key') || source.env.FELDERA_API_KEY?.trim() || undefined;
  if (apiKey) source.onSecret(apiKey);
  const githubToken = input('github-token') || undefined;
  if (githubToken) source.onSecret(githubToken);

  const pipelineNames = parsePipelineNames(input('pipeline-name'), problems);

  // Like fda, the environment may name one credential: explicit inputs choose without complaint.
  const envTokenFile = source.env.FELDERA_OIDC_TOKEN_FILE?.trim() || undefined;
  const fromEnvironment = !input('api-key') && !input('oidc-audience');
  if (fromEnvironment && envTokenFile && source.env.FELDERA_API_KEY?.trim()) {
    problems.push(
      'FELDERA_OIDC_TOKEN_FILE and FELDERA_API_KEY are both set in the environment, two credentials: give api-key (or oidc-audience) to choose, or unset one of them.',
    );
  }
  const oidcTokenFile = fromEnvironment ? envTokenFile : undefined;

  const apiUrl = parseApiUrl(input('api-url') || source.env.FELDERA_HOST?.trim() || 'http://localhost:8080', problems);
  if (
    apiUrl &&
    (apiKey || input('oidc-audience') || oidcTokenFile) &&
    apiUrl.protocol === 'http:' &&
    !isLoopback(apiUrl.hostname)
  ) {
    warnings.push(`api-url ${apiUrl.origin} is plain http: the credential crosses the network unencrypted. Use https.`);
  }

  const initial = oneOf('initial', input('initial') || 'running', INITIALS, problems);
  const ifDeployed = oneOf('if-deployed', input('if-deployed') || 'converge', IF_DEPLOYED, problems);
  const bootstrapPolicy = oneOf(
    'bootstrap-policy',
    input('bootstrap-policy') || 'await_approval',
    BOOTSTRAP_POLICIES,
    problems,
  );
  const silentBootstrap = parseBoolean('silent-bootstrap', input('silent-bootstrap') || 'false', problems);
  const concurrentBootstrap = parseBoolean('concurrent-bootstrap', input('concurrent-bootstrap') || 'false', problems);
  if (silentBootstrap && concurrentBootstrap) {
    problems.push(
      'silent-bootstrap and concurrent-bootstrap cannot both be true: Feldera bootstraps with the output connectors off, or concurrently, not both.',
    );
  }
  const autoApprove = parseBoolean('auto-approve', input('auto-approve') || 'false', problems);
  const reloadableTables = parseReloadableTables(input('reloadable-tables'), problems);
  const dismissError = parseBoolean('dismiss-error', input('dismiss-error') || 'true', problems);
  const wait = parseBoolean('wait', input('wait') || 'true', problems);
  const timeoutMs = parseDuration('timeout', input('timeout') || '30m', problems);
  const pollIntervalMs = parseDuration('poll-interval', input('poll-interval') || '1s', problems);
  const requestTimeoutMs = parseDuration('request-timeout', input('request-timeout') || '30s', problems);
  const sqlFile = parseSqlFile(input('sql-file'), problems);
  const logs = oneOf('logs', input('logs') || 'on-failure', LOGS, problems);
  const healthWindowMs = parseDuration('health-window', input('health-window') || '0s', problems, { zero: true });
  const connectorErrors = oneOf('connector-errors', input('connector-errors') || 'warn', CONNECTOR_ERRORS, problems);
  const stopOnFailure = parseBoolean('stop-on-failure', input('stop-on-failure') || 'false', problems);
  const stopAtJobEnd = parseBoolean('stop-at-job-end', input('stop-at-job-end') || 'false', problems);
  const oidcAudience = input('oidc-audience') || undefined;
  if (oidcAudience && input('api-key')) {
    problems.push('api-key and oidc-audience are two credentials: give one of them.');
  }
  const tenant = input('tenant') || undefined;
  if (tenant && /[\r\n]/.test(tenant)) problems.push('tenant must be one line.');
  const proxy = readProxies(source.env, problems);
  const supportBundle = oneOf('support-bundle', input('support-bundle') || 'never', SUPPORT_BUNDLE, problems);
  const supportBundleParts = parseSupportBundleParts(input('support-bundle-parts'), problems);
  const supportBundleRetentionDays = parseRetentionDays(input('support-bundle-retention-days') || '7', problems);
  const environment = input('environment') || undefined;
  if (environment && !githubToken)
    problems.push("environment needs github-token (by default the job's github.token) to record the deployment.");

  if (pollIntervalMs !== undefined && pollIntervalMs < MIN_POLL_INTERVAL_MS) {
    problems.push(`poll-interval "${input('poll-interval')}" is under the least of 100ms.`);
  }
  if (pollIntervalMs !== undefined && timeoutMs !== undefined && pollIntervalMs > timeoutMs) {
    problems.push(`poll-interval "${input('poll-interval')}" is longer than timeout "${input('timeout') || '30m'}".`);
  }
  if (autoApprove && wait === false) {
    problems.push(
      'auto-approve: true needs wait: true; without waiting the step never sees AwaitingApproval to approve it.',
    );
  }
  if (reloadableTables !== undefined) {
    if (bootstrapPolicy && bootstrapPolicy !== 'allow') {
      problems.push(
        `reloadable-tables needs bootstrap-policy: allow (not ${bootstrapPolicy}): it names the tables that an allowed bootstrap may reload.`,
      );
    }
    if (wait === false)
      problems.push(
        'reloadable-tables needs wait: true: the step reads the changes while the pipeline awaits approval, and approves them then.',
      );
    if (autoApprove)
      problems.push(
        'reloadable-tables and auto-approve: true cannot go together: auto-approve approves whatever changed, reloadable-tables only a bootstrap that reloads the tables it names.',
      );
  }

  const expectedDiff = parseExpectedDiff(input('expected-diff'), pipelineNames, problems);
  if (input('expected-diff')) {
    if (autoApprove === false)
      problems.push('expected-diff needs auto-approve: true: it names the only changes that auto-approve may approve.');
    if (bootstrapPolicy && bootstrapPolicy !== 'await_approval') {
      problems.push(
        `expected-diff needs bootstrap-policy: await_approval (the default), not ${bootstrapPolicy}: only then does Feldera ask approval, with the diff to compare.`,
      );
    }
  }

  const plan = parseBoolean('plan', input('plan') || 'false', problems);
  const runtimeVersion = input('runtime-version') || undefined;
  if (runtimeVersion !== undefined && !RUNTIME_VERSION.test(runtimeVersion)) {
    problems.push(
      `runtime-version "${runtimeVersion}" is not a runtime version: give a version tag (v0.375.0) or a 40-character git SHA of feldera/feldera, as Feldera takes it.`,
    );
  }
  if (runtimeVersion !== undefined && plan === false) {
    problems.push(
      "runtime-version goes with plan: true: it is the runtime the plan's diff compiles the program with. A start runs the runtime of the pipeline's own program_config.",
    );
  }
  if (plan) {
    if (!sqlFile && !input('sql-file'))
      problems.push(
        'plan: true needs sql-file: the proposed program (sql/program.sql; with several pipelines, sql/{name}.sql for a file each).',
      );
    // A plan changes nothing, so the inputs that act on a pipeline have nothing to act on: said, not ignored.
    const acting: [boolean, string][] = [
      [autoApprove === true, 'auto-approve: true'],
      [input('expected-diff') !== '', 'expected-diff'],
      [reloadableTables !== undefined, 'reloadable-tables'],
      [stopOnFailure === true, 'stop-on-failure: true'],
      [stopAtJobEnd === true, 'stop-at-job-end: true'],
      [environment !== undefined, 'environment'],
      [supportBundle !== undefined && supportBundle !== 'never', `support-bundle: ${supportBundle}`],
    ];
    for (const [given, name] of acting) {
      if (given)
        problems.push(
          `${name} cannot go with plan: true: a plan starts, approves and stops nothing. Use it in the step that starts the pipeline.`,
        );
    }
  }

  if (problems.length > 0) throw new InputError(problems);
  /* eslint-disable @typescript-eslint/no-non-null-assertion -- no problem was found, so each value was parsed */
  const config: Config = {
    pipelineNames,
    apiUrl: apiUrl!,
    initial: initial!,
    ifDeployed: ifDeployed!,
    bootstrapPolicy: bootstrapPolicy!,
    silentBootstrap: silentBootstrap!,
    concurrentBootstrap: concurrentBootstrap!,
    autoApprove: autoApprove!,
    reloadableTables,
    dismissError: dismissError!,
    wait: wait!,
    timeoutMs: timeoutMs!,
    pollIntervalMs: pollIntervalMs!,
    requestTimeoutMs: requestTimeoutMs!,
    sqlFile,
    logs: logs!,
    healthWindowMs: healthWindowMs!,
    connectorErrors: connectorErrors!,
    stopOnFailure: stopOnFailure!,
    stopAtJobEnd: stopAtJobEnd!,
    environment,
    githubToken,
    oidcAudience,
    oidcTokenFile,
    // With an ID token, a key from FELDERA_API_KEY in the environment is not the credential.
    apiKey: oidcAudience ? undefined : apiKey,
    tenant,
    proxy,
    supportBundle: supportBundle!,
    supportBundleParts,
    supportBundleRetentionDays: supportBundleRetentionDays!,
    expectedDiff,
    plan: plan!,
    runtimeVersion,
  };
  /* eslint-enable @typescript-eslint/no-non-null-assertion */

  return { config: Object.freeze(config), warnings };
}

/** The most pipelines one step starts: each is a few requests a second, and a row of the report. */
export const MAX_PIPELINES = 50;

/** One name, or several separated by newlines, commas or spaces (a YAML block scalar works). */
function parsePipelineNames(value: string, problems: string[]): readonly string[] {
  const names = value.split(/[\s,]+/).filter(Boolean);
  if (names.length === 0)
    problems.push(
      'pipeline-name is empty: give the name of a pipeline, or several separated by newlines, commas or spaces.',
    );
  const bad = names.filter((name) => !PIPELINE_NAME.test(name));
  for (const name of bad)
    problems.push(
      `pipeline-name "${name}" must be 1 to 63 letters, digits, "_" or "-", not starting or ending with "_" or "-".`,
    );
  const repeated = [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
  if (repeated.length > 0)
    problems.push(
      `pipeline-name names ${repeated.map((name) => `"${name}"`).join(', ')} more than once: give each pipeline once.`,
    );
  if (names.length > MAX_PIPELINES)
    problems.push(`pipeline-name names ${names.length} pipelines: at most ${MAX_PIPELINES} in one step.`);
  return Object.freeze(names);
}

/** Table names separated by newlines, commas or spaces, or a JSON array of them (`[]`: none); empty: not set. */
function parseReloadableTables(value: string, problems: string[]): readonly string[] | undefined {
  if (!value) return undefined;
  if (!value.startsWith('[')) return Object.freeze(value.split(/[\s,]+/).filter(Boolean));
  let names: unknown;
  try {
    names = JSON.parse(value);
  } catch {
    names = undefined;
  }
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string' && name !== '')) {
    problems.push(
      `reloadable-tables "${value}" is not a JSON array of table names, such as ["orders", "My Table"]; or give the names separated by newlines, commas or spaces.`,
    );
    return undefined;
  }
  return Object.freeze(names as string[]);
}

/** Feldera's parameter names separated by commas, spaces or newlines; empty: Feldera's default. */
function parseSupportBundleParts(value: string, problems: string[]): readonly SupportBundlePart[] | undefined {
  if (!value) return undefined;
  const names = value.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((name) => !(SUPPORT_BUNDLE_PARTS as readonly string[]).includes(name));
  for (const name of unknown)
    problems.push(`support-bundle-parts "${name}" is not one of ${SUPPORT_BUNDLE_PARTS.join(', ')}.`);
  if (names.length === 0)
    problems.push(
      `support-bundle-parts "${value}" names no part: give some of ${SUPPORT_BUNDLE_PARTS.join(', ')}, or leave it empty for all.`,
    );
  return Object.freeze(SUPPORT_BUNDLE_PARTS.filter((part) => names.includes(part)));
}

function parseRetentionDays(value: string, problems: string[]): number | undefined {
  const days = /^\d+$/.test(value) ? Number(value) : NaN;
  if (days >= RETENTION_DAYS.least && days <= RETENTION_DAYS.most) return days;
  problems.push(
    `support-bundle-retention-days "${value}" must be a whole number of days from ${RETENTION_DAYS.least} to ${RETENTION_DAYS.most}.`,
  );
  return undefined;
}

function parseApiUrl(value: string, problems: string[]): URL | undefined {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  // First, so that a URL with a password is never echoed.
  if (url?.username || url?.password) {
    problems.push('api-url must not hold a user or password; give the key in api-key.');
    return undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    problems.push(`api-url "${value}" must be an http:// or https:// URL, such as https://feldera.example.com.`);
    return undefined;
  }
  if (url.search || url.hash) {
    problems.push(`api-url "${value}" must not have a query or fragment.`);
    return undefined;
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** A path in the repository, as GitHub places annotations: relative, with `/`. */
function parseSqlFile(value: string, problems: string[]): string | undefined {
  if (!value) return undefined;
  const path = value.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..')) {
    problems.push(
      `sql-file "${value}" must be a path inside the repository, relative to its root, such as sql/program.sql.`,
    );
    return undefined;
  }
  return path;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function oneOf<T extends string>(
  name: InputName,
  value: string,
  accepted: readonly T[],
  problems: string[],
): T | undefined {
  const lower = value.toLowerCase();
  const found = accepted.find((candidate) => candidate === lower);
  if (!found) problems.push(`${name} "${value}" is not one of ${accepted.join(', ')}.`);
  return found;
}

export function parseBoolean(name: InputName, value: string, problems: string[]): boolean | undefined {
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  problems.push(`${name} "${value}" must be true or false.`);
  return undefined;
}

// Five days, a self-hosted runner's job limit; well within the 24.8 days that Node's timers can wait
// (a longer delay fires at once).
const MAX_DURATION = '120h';
const MAX_DURATION_MS = 120 * 3600_000;
const PART = '(\\d+(?:\\.\\d+)?)';
const DURATION = new RegExp(`^(?:${PART}h)?(?:${PART}m(?!s))?(?:${PART}s)?(?:${PART}ms)?$`);

/** `90` (seconds), `90s`, `15m`, `1h30m`, `500ms` → milliseconds; more than zero, unless `zero` is allowed. */
export function parseDuration(
  name: InputName,
  value: string,
  problems: string[],
  allow: { zero?: boolean } = {},
): number | undefined {
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
}
