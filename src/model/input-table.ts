import type { BootstrapPolicy, Initial } from '../feldera/types.ts';
import type { ConnectorErrorsMode } from './verdict.ts';
import type { IfDeployed } from './transition.ts';
import { SUPPORT_BUNDLE_PARTS, type Config, type Logs, type SupportBundleMode } from './config.ts';
import { parseExpectedDiff } from './expected-diff.ts';
import {
  apiUrl,
  days,
  duration,
  oneLine,
  oneOf,
  parseBoolean,
  pipelineNames,
  repositoryPath,
  runtimeVersion,
  someOf,
  tableNames,
  text,
} from './input-parsers.ts';

/** One input of action.yml: the Config field it sets, where its text comes from, and how it is read. */
interface Input<N extends string, K extends keyof Config> {
  readonly name: N;
  readonly field: K;
  /** action.yml's default, used when the input is empty (`${{ … }}`: the runner fills it in); undefined: required. */
  readonly default: string | undefined;
  /** An environment variable read when the input is empty, before the default. */
  readonly env?: string;
  /** When input, variable and default are all empty (action.yml's default stays empty so that the variable counts). */
  readonly otherwise?: string;
  /** Masked in the log before anything else happens. */
  readonly secret?: boolean;
  /** Gets what the inputs before it parsed to. */
  readonly parse: (name: string, value: string, problems: string[], before: Partial<Config>) => Config[K] | undefined;
}

function input<N extends string, K extends keyof Config>(
  name: N,
  field: K,
  byDefault: string | undefined,
  parse: Input<N, K>['parse'],
  from: Pick<Input<N, K>, 'env' | 'otherwise' | 'secret'> = {},
): Input<N, K> {
  return { name, field, default: byDefault, parse, ...from };
}

/** The most pipelines one step starts: each is a few requests a second, and a row of the report. */
export const MAX_PIPELINES = 50;

const INITIALS: readonly Initial[] = ['running', 'paused', 'standby'];
const IF_DEPLOYED: readonly IfDeployed[] = ['converge', 'fail'];
const BOOTSTRAP_POLICIES: readonly BootstrapPolicy[] = ['allow', 'reject', 'await_approval'];
const LOGS: readonly Logs[] = ['on-failure', 'always', 'never'];
const CONNECTOR_ERRORS: readonly ConnectorErrorsMode[] = ['warn', 'fail', 'ignore'];
const SUPPORT_BUNDLE: readonly SupportBundleMode[] = ['never', 'on-failure', 'always'];

/** Every input of action.yml, in its order: action.yml's names and defaults must be these (test/action-yml.test.ts). */
export const INPUTS = [
  input('pipeline-name', 'pipelineNames', undefined, pipelineNames(MAX_PIPELINES)),
  input('api-url', 'apiUrl', '', apiUrl, { env: 'FELDERA_HOST', otherwise: 'http://localhost:8080' }),
  input('api-key', 'apiKey', '', text, { env: 'FELDERA_API_KEY', secret: true }),
  input('initial', 'initial', 'running', oneOf(INITIALS)),
  input('if-deployed', 'ifDeployed', 'converge', oneOf(IF_DEPLOYED)),
  input('bootstrap-policy', 'bootstrapPolicy', 'await_approval', oneOf(BOOTSTRAP_POLICIES)),
  input('silent-bootstrap', 'silentBootstrap', 'false', parseBoolean),
  input('concurrent-bootstrap', 'concurrentBootstrap', 'false', parseBoolean),
  input('auto-approve', 'autoApprove', 'false', parseBoolean),
  input('reloadable-tables', 'reloadableTables', '', tableNames),
  input('dismiss-error', 'dismissError', 'true', parseBoolean),
  input('wait', 'wait', 'true', parseBoolean),
  input('timeout', 'timeoutMs', '30m', duration()),
  input('poll-interval', 'pollIntervalMs', '1s', duration()),
  input('request-timeout', 'requestTimeoutMs', '30s', duration()),
  input('sql-file', 'sqlFile', '', repositoryPath),
  input('logs', 'logs', 'on-failure', oneOf(LOGS)),
  input('health-window', 'healthWindowMs', '0s', duration({ zero: true })),
  input('connector-errors', 'connectorErrors', 'warn', oneOf(CONNECTOR_ERRORS)),
  input('stop-on-failure', 'stopOnFailure', 'false', parseBoolean),
  input('stop-at-job-end', 'stopAtJobEnd', 'false', parseBoolean),
  input('environment', 'environment', '', text),
  input('github-token', 'githubToken', '${{ github.token }}', text, { secret: true }),
  input('oidc-audience', 'oidcAudience', '', text),
  input('tenant', 'tenant', '', oneLine),
  input('support-bundle', 'supportBundle', 'never', oneOf(SUPPORT_BUNDLE)),
  input('support-bundle-parts', 'supportBundleParts', '', someOf(SUPPORT_BUNDLE_PARTS)),
  input('support-bundle-retention-days', 'supportBundleRetentionDays', '7', days(1, 90)),
  input('expected-diff', 'expectedDiff', '', (_name, value, problems, before) =>
    parseExpectedDiff(value, before.pipelineNames ?? [], problems),
  ),
  input('plan', 'plan', 'false', parseBoolean),
  input('runtime-version', 'runtimeVersion', '', runtimeVersion),
  input('update-program', 'updateProgram', 'false', parseBoolean),
  input('force-stop', 'forceStop', 'false', parseBoolean),
  input('udf-rust-file', 'udfRustFile', '', repositoryPath),
  input('udf-toml-file', 'udfTomlFile', '', repositoryPath),
] as const;

export type InputName = (typeof INPUTS)[number]['name'];
export const INPUT_NAMES: readonly InputName[] = INPUTS.map(({ name }) => name);
