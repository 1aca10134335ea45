import type { Config } from './config.ts';
import type { InputName } from './input-table.ts';

/** The inputs once each is read on its own: the rules below judge how they go together. */
export interface Reading {
  /** Each input's value; undefined where it is not set, or could not be read (its problem is already said). */
  readonly values: Partial<Config>;
  /** The input as the workflow gives it, trimmed: '' when not set, whatever its default or environment. */
  readonly given: (name: InputName) => string;
  /** The text the input was read from: as given, else from its environment variable, else its default. */
  readonly text: (name: InputName) => string;
  readonly env: Record<string, string | undefined>;
}

/** A rule on inputs that go together: when it is broken, and what to say. */
export interface Rule {
  readonly broken: (reading: Reading) => boolean;
  readonly message: (reading: Reading) => string;
}

/** The message of a rule that says the same every time. */
const say = (message: string) => () => message;

const MIN_POLL_INTERVAL_MS = 100;

// A plan changes nothing, so the inputs that act on a pipeline have nothing to act on: said, not ignored.
const ACTING_ON_A_PIPELINE: readonly [label: (values: Partial<Config>) => string, acts: (r: Reading) => boolean][] = [
  [() => 'auto-approve: true', ({ values }) => values.autoApprove === true],
  [() => 'expected-diff', ({ given }) => given('expected-diff') !== ''],
  [() => 'reloadable-tables', ({ values }) => values.reloadableTables !== undefined],
  [() => 'stop-on-failure: true', ({ values }) => values.stopOnFailure === true],
  [() => 'stop-at-job-end: true', ({ values }) => values.stopAtJobEnd === true],
  [() => 'environment', ({ values }) => values.environment !== undefined],
  [
    (values) => `support-bundle: ${values.supportBundle}`,
    ({ values }) => (values.supportBundle ?? 'never') !== 'never',
  ],
];

const REFUSED_BY_PLAN: readonly Rule[] = ACTING_ON_A_PIPELINE.map(([label, acts]) => ({
  broken: (reading) => reading.values.plan === true && acts(reading),
  message: ({ values }) =>
    `${label(values)} cannot go with plan: true: a plan starts, approves and stops nothing. Use it in the step that starts the pipeline.`,
}));

/** Every rule on inputs that go together, in the order their problems are listed. */
export const INPUT_RULES: readonly Rule[] = [
  {
    // Like fda, the environment may name one credential: explicit inputs choose without complaint.
    broken: ({ given, env }) =>
      !given('api-key') &&
      !given('oidc-audience') &&
      !!env.FELDERA_OIDC_TOKEN_FILE?.trim() &&
      !!env.FELDERA_API_KEY?.trim(),
    message: say(
      'FELDERA_OIDC_TOKEN_FILE and FELDERA_API_KEY are both set in the environment, two credentials: give api-key (or oidc-audience) to choose, or unset one of them.',
    ),
  },
  {
    broken: ({ values }) => values.silentBootstrap === true && values.concurrentBootstrap === true,
    message: say(
      'silent-bootstrap and concurrent-bootstrap cannot both be true: Feldera bootstraps with the output connectors off, or concurrently, not both.',
    ),
  },
  {
    broken: ({ given }) => !!given('oidc-audience') && !!given('api-key'),
    message: say('api-key and oidc-audience are two credentials: give one of them.'),
  },
  {
    broken: ({ values }) => values.environment !== undefined && values.githubToken === undefined,
    message: say("environment needs github-token (by default the job's github.token) to record the deployment."),
  },
  {
    broken: ({ values }) => values.pollIntervalMs !== undefined && values.pollIntervalMs < MIN_POLL_INTERVAL_MS,
    message: ({ given }) => `poll-interval "${given('poll-interval')}" is under the least of 100ms.`,
  },
  {
    broken: ({ values: { pollIntervalMs, timeoutMs } }) =>
      pollIntervalMs !== undefined && timeoutMs !== undefined && pollIntervalMs > timeoutMs,
    message: ({ given, text }) =>
      `poll-interval "${given('poll-interval')}" is longer than timeout "${text('timeout')}".`,
  },
  {
    broken: ({ values }) => values.autoApprove === true && values.wait === false,
    message: say(
      'auto-approve: true needs wait: true; without waiting the step never sees AwaitingApproval to approve it.',
    ),
  },
  {
    broken: ({ values: { reloadableTables, bootstrapPolicy } }) =>
      reloadableTables !== undefined && bootstrapPolicy !== undefined && bootstrapPolicy !== 'allow',
    message: ({ values }) =>
      `reloadable-tables needs bootstrap-policy: allow (not ${values.bootstrapPolicy}): it names the tables that an allowed bootstrap may reload.`,
  },
  {
    broken: ({ values }) => values.reloadableTables !== undefined && values.wait === false,
    message: say(
      'reloadable-tables needs wait: true: the step reads the changes while the pipeline awaits approval, and approves them then.',
    ),
  },
  {
    broken: ({ values }) => values.reloadableTables !== undefined && values.autoApprove === true,
    message: say(
      'reloadable-tables and auto-approve: true cannot go together: auto-approve approves whatever changed, reloadable-tables only a bootstrap that reloads the tables it names.',
    ),
  },
  {
    broken: ({ given, values }) => given('expected-diff') !== '' && values.autoApprove === false,
    message: say('expected-diff needs auto-approve: true: it names the only changes that auto-approve may approve.'),
  },
  {
    broken: ({ given, values: { bootstrapPolicy } }) =>
      given('expected-diff') !== '' && bootstrapPolicy !== undefined && bootstrapPolicy !== 'await_approval',
    message: ({ values }) =>
      `expected-diff needs bootstrap-policy: await_approval (the default), not ${values.bootstrapPolicy}: only then does Feldera ask approval, with the diff to compare.`,
  },
  {
    broken: ({ given, values }) => given('runtime-version') !== '' && values.plan === false,
    message: say(
      "runtime-version goes with plan: true: it is the runtime the plan's diff compiles the program with. A start runs the runtime of the pipeline's own program_config.",
    ),
  },
  {
    // A sql-file given but refused has its own problem already.
    broken: ({ given, values }) => values.plan === true && given('sql-file') === '',
    message: say(
      'plan: true needs sql-file: the proposed program (sql/program.sql; with several pipelines, sql/{name}.sql for a file each).',
    ),
  },
  ...REFUSED_BY_PLAN,
  {
    broken: ({ values }) => values.plan === true && values.updateProgram === true,
    message: say(
      'update-program: true cannot go with plan: true: a plan changes nothing. Plan in the pull request, update at release.',
    ),
  },
  {
    broken: ({ given, values }) => values.updateProgram === true && given('sql-file') === '',
    message: say(
      'update-program: true needs sql-file: the program the pipeline is to run (sql/program.sql; with several pipelines, sql/{name}.sql for a file each).',
    ),
  },
  ...(['force-stop', 'udf-rust-file', 'udf-toml-file'] as const).map((name): Rule => ({
    broken: ({ given, values }) => given(name) !== '' && values.updateProgram !== true && given(name) !== 'false',
    message: say(`${name} goes with update-program: true: it says how the step updates the program.`),
  })),
];

/** Said, not refused: what the inputs allow but a user would not want. */
export const INPUT_WARNINGS: readonly Rule[] = [
  {
    broken: ({ values: { apiUrl, apiKey, oidcTokenFile }, given }) =>
      apiUrl !== undefined &&
      (!!apiKey || !!given('oidc-audience') || !!oidcTokenFile) &&
      apiUrl.protocol === 'http:' &&
      !isLoopback(apiUrl.hostname),
    message: ({ values }) =>
      `api-url ${values.apiUrl?.origin} is plain http: the credential crosses the network unencrypted. Use https.`,
  },
];

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
