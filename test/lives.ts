// Random lives of one pipeline, drawn from a seed: what Feldera does after /start (compiling, phases,
// approval, a failure, a stop by someone else, a crash, the connectors), what the network does to the
// step's requests, the step's inputs, and when the runner cancels it. fast-check draws them, one life
// per seed, so that a seed names its life and replays it (`npm run soak -- --seed 1234`); a life runs
// a real process for seconds, too long to shrink. `expectation` says what Feldera's semantics give.
import fc from 'fast-check';
import type { Edition, Endpoint, ErrorBody, Fault, Phase, PipelineScript } from './fake-feldera.ts';
import { pipelineDiff, SQL_ERROR } from './fixtures.ts';
import {
  describeRelease,
  keepsItsCompile,
  releaseExpectation,
  releaseInputs,
  releaseOf,
  type ReleaseLife,
} from './release-life.ts';

export const KEY = `apikey:${'q9'.repeat(64)}`;
export const POLL_MS = 100;
/** A phase that lasts longer than any timeout of a life: the pipeline never leaves it. */
export const STUCK_MS = 60_000;

export type Initial = 'running' | 'paused' | 'standby';
export type Policy = 'allow' | 'reject' | 'await_approval';
export type Logs = 'on-failure' | 'always' | 'never';
type CompileError = 'SqlError' | 'RustError' | 'SystemError';
export type ConnectorHealth = 'healthy' | 'silent' | 'unhealthy' | 'fatal' | 'old-errors';

/** A moment of the step's run, told by an event: the nth request to an endpoint arrives, or the step prints a line. */
export type Moment = { request: Endpoint; nth: number } | { output: string };

export interface PlannedFault {
  at: { request: Endpoint; nth: number };
  fault: Fault;
  /** Not retried: it may change the outcome (a proxy's 4xx page). */
  hard: boolean;
}

export interface Cancel {
  at: Moment;
  /** The runner's SIGINT, its SIGTERM, or both. */
  signals: NodeJS.Signals[];
  /** When the second signal follows the first. */
  then: 'at once' | 'next request' | 'next output';
}

export interface Life {
  seed: number;
  /** The inputs as given (some in another case, some left out, maybe one wrong), without the URL and key. */
  inputs: Record<string, string>;
  /** The input given a value the step must refuse. */
  invalid: string | undefined;
  initial: Initial;
  policy: Policy;
  autoApprove: boolean;
  healthWindowMs: number;
  stopOnFailure: boolean;
  logs: Logs;
  edition: Edition;
  fileStorageWithSync: boolean;
  /** A deployment error left by an earlier run, which the step dismisses. */
  earlierError: boolean;
  /** Status reads while an earlier stop finishes. */
  stoppingReads: number;
  program:
    | { refused: CompileError }
    | { compile: { status: string; ms: number }[]; result: 'Success' | CompileError | 'stuck' };
  phases: Phase[];
  end: { kind: 'target' } | { kind: 'failure'; error: ErrorBody } | { kind: 'stopped' };
  connectors: { name: string; direction: 'input' | 'output'; health: ConnectorHealth; message: string }[];
  /** After the target: a crash at a status read inside the health window, or after it (never seen). */
  crash: { afterReads: number; inside: boolean; error: ErrorBody } | undefined;
  faults: PlannedFault[];
  cancel: Cancel | undefined;
  /** Server text of this life: error messages, compiler output, log lines, names. */
  hostile: string[];
  /** The server's texts are long and many (a long panic message, thousands of names and lines), though each answer stays a few MiB at most. */
  large: boolean;
  /** update-program: true, and what the release meets (release-life.ts). */
  release: ReleaseLife | undefined;
}

/** Server text that tries to run a workflow command in each of the runner's forms; each command's data starts with PWNED. */
export const HOSTILE = [
  '##[set-output name=status;]Running',
  '##[stop-commands]PWNED',
  '##[SET-OUTPUT name=error-code;]',
  '\n::error::PWNED after a line break',
  '\r::warning::PWNED after a carriage return',
  '\u2028::add-mask::PWNED',
  '   ::notice::PWNED indented',
  '#\u200b#[error]PWNED behind a zero-width space',
  '#\u00ad#[save-state name=x;]PWNED behind a soft hyphen',
  '\u001b[31m##[error]PWNED in red',
  '##\t[error]PWNED behind a tab',
  `echoed: Authorization: Bearer ${KEY}`,
];

const hostileText = fc.subarray(HOSTILE, { maxLength: 3 });
const COMPILE_ERRORS: CompileError[] = ['SqlError', 'RustError', 'SystemError'];
const WINDOWS = [0, 1000, 2000];
const DEPLOYMENT_CODES = [
  'RunnerCheckError',
  'InitializationError',
  'AutomatonProvisioningTimeout',
  'WorkerPanic',
  'PipelineInitializationFailed',
];

/** Weighted choices: each value as often as its weight. */
function weighted<T>(...choices: [number, T][]): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })));
}

/** `arbitrary` one time in `every`, else null. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

/** An input as a user might give it (`way` 0 to 3): the value, in capitals, capitalised, or left out when it is the default. */
function spelled(value: string, fallback: string, way: number): string | undefined {
  return [
    value,
    value.toUpperCase(),
    value.charAt(0).toUpperCase() + value.slice(1),
    value === fallback ? undefined : value,
  ][way];
}

const errorBody = (codes: string[]) =>
  fc.record({ error_code: fc.constantFrom(...codes), hostile: hostileText }).map(({ error_code, hostile }) => ({
    error_code,
    message: ['The pipeline failed', ...hostile].join('\n'),
    details: hostile.length > 0 ? { hint: hostile[0] } : null,
  }));

const phase = fc.record({
  status: weighted<string>(
    [4, 'Provisioning'],
    [4, 'Initializing'],
    [3, 'Unavailable'],
    [2, 'Bootstrapping'],
    [1, 'Replaying'],
    [1, '##[set-output name=x;]PWNED'],
  ),
  ms: fc.integer({ min: 0, max: 60 }),
});

/** The phases: a few, maybe AwaitingApproval among them, maybe one the pipeline never leaves. */
const phases = fc
  .record({
    list: fc.array(phase, { maxLength: 5 }),
    approval: sometimes(fc.nat(5), 2),
    stuck: sometimes(fc.nat(5), 6),
  })
  .map(({ list, approval, stuck }) => {
    const all: Phase[] = [...list];
    if (approval !== null) all.splice(Math.min(approval, all.length), 0, { status: 'AwaitingApproval', ms: 0 });
    if (stuck !== null && all.length > 0) {
      const i = stuck % all.length;
      if (all[i]!.status !== 'AwaitingApproval') all[i] = { ...all[i]!, ms: STUCK_MS };
    }
    return all;
  });

const program = fc.oneof(
  { weight: 1, arbitrary: fc.record({ refused: fc.constantFrom(...COMPILE_ERRORS) }) },
  {
    weight: 19,
    arbitrary: fc.record({
      compile: fc.subarray([
        { status: 'CompilingSql', ms: 20 },
        { status: 'SqlCompiled', ms: 10 },
        { status: 'CompilingRust', ms: 40 },
      ]),
      result: weighted<'Success' | CompileError | 'stuck'>(
        [20, 'Success'],
        [1, 'SqlError'],
        [1, 'RustError'],
        [1, 'SystemError'],
        [1, 'stuck'],
      ),
    }),
  },
);

const connector = fc.record({
  name: fc.constantFrom('orders.kafka_in', 'refunds.s3_in', 'totals.delta_out', 'v##[set-output name=x;]PWNED'),
  direction: fc.constantFrom<'input' | 'output'>('input', 'output'),
  health: weighted<ConnectorHealth>([4, 'healthy'], [3, 'silent'], [2, 'unhealthy'], [2, 'fatal'], [1, 'old-errors']),
  message: fc.constantFrom(...HOSTILE, 'kafka: 1/1 brokers are down'),
});

const softFault = fc.oneof(
  hostileText.map((hostile): Fault => ({
    kind: 'status',
    status: 502,
    body: `<html><body><h1>502 Bad Gateway</h1>${hostile.join('<br>')}</body></html>`,
  })),
  fc.constantFrom('0', '1').map((seconds): Fault => ({
    kind: 'status',
    status: 503,
    body: 'Service Unavailable',
    headers: { 'retry-after': seconds },
  })),
  fc.constant<Fault>({ kind: 'status', status: 504, body: '' }),
  fc.constant<Fault>({ kind: 'reset' }),
  fc.constant<Fault>({ kind: 'truncated' }),
);
const hardFault = hostileText.map((hostile): Fault => ({
  kind: 'status',
  status: 403,
  body: `<html><body>Forbidden by the proxy ${hostile.join(' ')}</body></html>`,
}));

/** The nth request to an endpoint: status reads are many, the others one or two. */
const requestMoment = weighted<Endpoint>(
  [6, 'status'],
  [1, 'start'],
  [1, 'dismiss_error'],
  [1, 'approve'],
  [2, 'stats'],
  [2, 'logs'],
  [1, 'stop'],
  [1, 'config'],
  [1, 'events'],
).chain((request) => fc.integer({ min: 1, max: request === 'status' ? 8 : 2 }).map((nth) => ({ request, nth })));

const fault = fc.record({
  at: requestMoment,
  fault: fc.oneof(
    { weight: 7, arbitrary: softFault.map((f) => ({ fault: f, hard: false })) },
    { weight: 1, arbitrary: hardFault.map((f) => ({ fault: f, hard: true })) },
  ),
});

/** Lines the step prints at its phases: after the start, in the health window, after approving, while reporting and stopping. */
export const OUTPUT_MOMENTS = [
  'Start accepted',
  "Checking the connectors' health",
  'Approved (auto-approve: true)',
  'Stopping pipeline p after',
  '::stop-commands::',
  '::error title=Feldera pipeline p did not start',
  '::warning title=Feldera pipeline p awaits approval',
];

const cancel = fc.record({
  at: fc.oneof(
    { weight: 3, arbitrary: requestMoment },
    { weight: 2, arbitrary: fc.record({ output: fc.constantFrom(...OUTPUT_MOMENTS) }) },
  ),
  signals: fc.constantFrom<NodeJS.Signals[]>(['SIGINT'], ['SIGTERM'], ['SIGINT', 'SIGTERM']),
  then: fc.constantFrom<Cancel['then']>('at once', 'next request', 'next output'),
});

/** What a user could get wrong, with the value the step must refuse. */
const INVALID: [string, string][] = [
  ['initial', 'started'],
  ['bootstrap-policy', 'approve'],
  ['auto-approve', 'yes'],
  ['health-window', '1 minute'],
  ['stop-on-failure', 'on'],
  ['logs', 'sometimes'],
];

const draw = fc.record({
  initial: weighted<Initial>([5, 'running'], [2, 'paused'], [1, 'standby']),
  policy: weighted<Policy>([2, 'allow'], [1, 'reject'], [3, 'await_approval']),
  autoApprove: fc.boolean(),
  healthWindowMs: fc.constantFrom(...WINDOWS),
  stopOnFailure: fc.boolean(),
  logs: fc.constantFrom<Logs>('on-failure', 'always', 'never'),
  spelling: fc.array(fc.nat(3), { minLength: 7, maxLength: 7 }),
  invalid: sometimes(fc.constantFrom(...INVALID), 20),
  edition: fc.constantFrom<Edition>('Open source', 'Enterprise'),
  fileStorageWithSync: fc.boolean(),
  earlierError: fc.boolean(),
  stoppingReads: weighted([4, 0], [1, 1], [1, 3]),
  program,
  phases,
  end: fc.oneof(
    { weight: 6, arbitrary: fc.constant({ kind: 'target' as const }) },
    { weight: 2, arbitrary: errorBody(DEPLOYMENT_CODES).map((error) => ({ kind: 'failure' as const, error })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'stopped' as const }) },
  ),
  connectors: fc.array(connector, { maxLength: 3 }),
  crash: sometimes(
    fc.record({ inside: fc.boolean(), second: fc.boolean(), error: errorBody(['RunnerCheckError', 'WorkerPanic']) }),
    3,
  ),
  faults: fc.array(fault, { maxLength: 3 }),
  cancel: sometimes(cancel, 2),
  hostile: hostileText,
  large: weighted([5, false], [1, true]),
});

/** The life of one seed. */
export function lifeOf(seed: number): Life {
  const [d] = fc.sample(draw, { seed, numRuns: 1 });
  if (!d) throw new Error(`no life for seed ${seed}`);
  // A crash inside the window needs reads there; one after it is at a read the window never makes.
  const crash =
    d.crash &&
    (d.crash.inside && d.healthWindowMs > 0
      ? { afterReads: d.crash.second ? 2 : 1, inside: true }
      : { afterReads: d.healthWindowMs / POLL_MS + 3, inside: false });
  const life: Life = {
    seed,
    inputs: {},
    invalid: d.invalid?.[0],
    initial: d.initial,
    policy: d.policy,
    autoApprove: d.autoApprove,
    healthWindowMs: d.healthWindowMs,
    stopOnFailure: d.stopOnFailure,
    logs: d.logs,
    edition: d.edition,
    fileStorageWithSync: d.fileStorageWithSync,
    earlierError: d.earlierError,
    stoppingReads: d.stoppingReads,
    program: d.program,
    phases: d.phases,
    end: d.end,
    connectors: d.connectors,
    crash: crash && d.crash ? { ...crash, error: d.crash.error } : undefined,
    faults: d.faults.map(({ at, fault }) => ({ at, ...fault })),
    cancel: d.cancel ?? undefined,
    hostile: d.hostile,
    large: d.large,
    release: releaseOf(seed),
  };
  if (life.release && !keepsItsCompile(life.release)) life.program = { compile: [], result: 'Success' };
  if (life.cancel && life.release?.cancelAt) life.cancel = { ...life.cancel, at: life.release.cancelAt };
  life.inputs = {
    ...inputsOf(life, d.spelling, d.invalid ?? undefined),
    ...(life.release && releaseInputs(life.release)),
  };
  return life;
}

function inputsOf(life: Life, ways: number[], invalid: [string, string] | undefined): Record<string, string> {
  const way = (i: number) => ways[i] ?? 0;
  const windows =
    life.healthWindowMs === 0
      ? ['0s', '0', '0s', undefined]
      : [`${life.healthWindowMs / 1000}s`, `${life.healthWindowMs}ms`];
  const given: Record<string, string | undefined> = {
    initial: spelled(life.initial, 'running', way(0)),
    'bootstrap-policy': spelled(life.policy, 'await_approval', way(1)),
    'auto-approve': spelled(String(life.autoApprove), 'false', way(2)),
    'health-window': windows[way(3) % windows.length],
    'stop-on-failure': spelled(String(life.stopOnFailure), 'false', way(4)),
    logs: spelled(life.logs, 'on-failure', way(5)),
    'pipeline-name': 'p',
    'poll-interval': `${POLL_MS}ms`,
    // A life that times out does so soon; the others have a budget they never need.
    timeout: expectation(life).code === 'Timeout' ? `${2 + (way(6) % 2)}s` : '20s',
  };
  if (invalid) given[invalid[0]] = invalid[1];
  return Object.fromEntries(Object.entries(given).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The pipeline's script for the fake. */
export function scriptOf(life: Life): PipelineScript {
  const { program, large } = life;
  const many = (what: string, count: number) =>
    large ? Array.from({ length: count }, (_, i) => `${what}${i} ${'x'.repeat(100)}`) : [];
  const compileError =
    'refused' in program
      ? program.refused
      : program.result !== 'Success' && program.result !== 'stuck'
        ? program.result
        : undefined;
  const script: PipelineScript = {
    name: 'p',
    phases: life.phases,
    logLines: ['INFO pipeline starting', ...life.hostile, ...many('INFO line ', 3000), 'INFO done'],
    approvalDiff: { diff: pipelineDiff({ program: { added_views: ['v1', ...life.hostile, ...many('view_', 5000)] } }) },
    fileStorageWithSync: life.fileStorageWithSync,
    connectors: life.connectors.map(({ name, direction, health, message }, i) => ({
      name: `${name}${i}`,
      direction,
      stream: name.split('.')[0]!,
      states: [{ at: 0, ...connectorState(health, message) }],
    })),
  };
  if ('refused' in program) script.programStatus = program.refused;
  else if (program.compile.length > 0 || program.result !== 'Success') {
    const steps = program.compile.length > 0 ? program.compile : [{ status: 'CompilingRust', ms: 20 }];
    script.programStatus = steps[0]!.status;
    script.compile =
      program.result === 'stuck'
        ? [...steps, { status: 'CompilingRust', ms: STUCK_MS }]
        : [...steps, { status: program.result, ms: 0 }];
  }
  if (compileError) script.programError = programError(compileError, life.hostile, large);
  if (life.end.kind === 'failure') script.failWith = enlarged(life.end.error, large);
  if (life.end.kind === 'stopped') script.stoppedBySomeoneElse = true;
  if (life.crash) script.crash = { afterReads: life.crash.afterReads, error: enlarged(life.crash.error, large) };
  if (life.earlierError)
    script.deploymentError = { error_code: 'RunnerCheckError', message: 'from an earlier run', details: null };
  if (life.stoppingReads > 0) script.stoppingReads = life.stoppingReads;
  return script;
}

function connectorState(health: ConnectorHealth, message: string) {
  switch (health) {
    case 'healthy':
      return { health: { status: 'Healthy' as const, description: null }, records: 10 };
    case 'silent':
      return { health: null };
    case 'unhealthy':
      return { health: { status: 'Unhealthy' as const, description: message } };
    case 'fatal':
      return { fatalError: message };
    case 'old-errors':
      return { errors: 3, error: message };
  }
}

function programError(kind: CompileError, hostile: string[], large: boolean) {
  const text = ['error: the program failed', ...hostile].join('\n');
  const long = large ? `${text}\n${'warning: unused variable\n'.repeat(20_000)}` : text;
  const message = { ...SQL_ERROR, message: text, snippet: text };
  const messages = large ? Array.from({ length: 60 }, (_, i) => ({ ...message, start_line_number: i + 1 })) : [message];
  return {
    sql_compilation: kind === 'SqlError' ? { exit_code: 1, messages } : null,
    rust_compilation: kind === 'RustError' ? { exit_code: 1, stdout: '', stderr: `error[E0425]: ${long}` } : null,
    system_error: kind === 'SystemError' ? long : null,
  };
}

/** A panic message of 300 KB, as a worker's backtrace can be: a correct answer, only long. */
function enlarged(error: ErrorBody, large: boolean): ErrorBody {
  return large && typeof error.message === 'string'
    ? { ...error, message: `${error.message}\n${'  at dbsp::circuit::step\n'.repeat(12_000)}` }
    : error;
}

/** What Feldera's semantics give for a life that no cancel and no hard fault disturb. */
export interface Expectation {
  /** The `error-code`: '' for a success. */
  code: string;
  /** Another code a soft fault may lead to, where it changes which of two failures the step meets first. */
  or?: string;
  awaitingApproval: boolean;
  approved: boolean;
  /** Feldera accepted the start: stop-on-failure may stop it. */
  accepted: boolean;
  /** Not judged on its exact outcome: a release this model does not follow (release-life.ts). */
  loose?: boolean;
}

/** The failures stop-on-failure stops the pipeline after (README: Leave nothing half-started). */
export const STOPPED_AFTER = new Set([
  'Timeout',
  'Cancelled',
  'ConnectorFailed',
  'ConnectorUnhealthy',
  'ConnectorErrors',
]);

/** Walks the life as Feldera plays it and the step reads it, to its first decision. */
export function expectation(life: Life): Expectation {
  return life.release ? releaseExpectation(life, startExpectation) : startExpectation(life);
}

function startExpectation(life: Life): Expectation {
  let approved = false;
  const ends = (code: string, accepted = true, awaitingApproval = false): Expectation => ({
    code,
    awaitingApproval,
    approved,
    accepted,
  });
  if (life.invalid) return ends('InvalidInput', false);
  const { program } = life;
  // /start refuses in Feldera's order (db/operations/pipeline.rs): a compile error before standby.
  if ('refused' in program) return ends('StartFailedDueToFailedCompilation', false);
  if (life.initial === 'standby' && !life.fileStorageWithSync) return ends('InitialStandbyNotAllowed', false);
  if (program.result === 'stuck') return ends('Timeout');
  if (program.result !== 'Success') return ends('StartFailedDueToFailedCompilation');
  for (const { status, ms } of life.phases) {
    if (status === 'AwaitingApproval') {
      if (life.policy === 'allow') continue;
      if (life.policy === 'reject') return ends('InitializationError');
      if (!life.autoApprove) return ends('', true, true);
      approved = true;
      continue;
    }
    if (ms === STUCK_MS) return ends('Timeout');
  }
  if (life.end.kind === 'failure') return ends(life.end.error.error_code);
  if (life.end.kind === 'stopped') return ends('StoppedExternally');
  if (life.initial === 'standby') return ends(life.edition === 'Open source' ? 'EnterpriseFeature' : '');
  const fatal = life.connectors.some(({ health }) => health === 'fatal');
  const unhealthy = life.healthWindowMs > 0 && life.connectors.some(({ health }) => health === 'unhealthy');
  const crash = life.crash?.inside ? life.crash : undefined;
  // Crashed at the read that saw the target: /stats answers 503 from then on, and the next status read tells.
  if (crash?.afterReads === 1) return ends(crash.error.error_code);
  if (crash && fatal) {
    // The window's first /stats read sees the fatal error, unless faults on /stats keep it unread until the crash.
    const statsFaults = life.faults.some(({ at }) => at.request === 'stats');
    return { ...ends('ConnectorFailed'), ...(statsFaults ? { or: crash.error.error_code } : {}) };
  }
  if (crash) return ends(crash.error.error_code);
  if (fatal) return ends('ConnectorFailed');
  if (unhealthy) return ends('ConnectorUnhealthy');
  return ends('');
}

/** One line that says what the life is, for a failure's report. */
export function describeLife(life: Life): string {
  const inputs = Object.entries(life.inputs)
    .filter(([name]) => !['pipeline-name', 'poll-interval'].includes(name))
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  const { program } = life;
  const compiled =
    'refused' in program
      ? `program ${program.refused} (refused at /start)`
      : program.compile.length === 0 && program.result === 'Success'
        ? 'program compiled'
        : `compiles [${program.compile.map((step) => step.status).join(', ')}] → ${program.result}`;
  const phasesText = life.phases
    .map(({ status, ms }) =>
      ms === STUCK_MS ? `${JSON.stringify(status)} for ever` : `${JSON.stringify(status)} ${ms}ms`,
    )
    .join(', ');
  const end =
    life.end.kind === 'failure'
      ? `fails with ${life.end.error.error_code}`
      : life.end.kind === 'stopped'
        ? 'stopped by someone else'
        : 'target';
  const parts = [
    inputs,
    `${life.edition}${life.fileStorageWithSync ? ', file storage' : ''}${life.earlierError ? ', an earlier error' : ''}${life.stoppingReads ? `, stopping for ${life.stoppingReads} reads` : ''}`,
    compiled,
    `phases [${phasesText}] → ${end}`,
    life.connectors.length > 0
      ? `connectors ${life.connectors.map((c) => `${c.direction} ${c.health}`).join(', ')}`
      : 'no connectors',
    life.crash
      ? `crash ${life.crash.error.error_code} at status read ${life.crash.afterReads} at the target (${life.crash.inside ? 'inside' : 'after'} the window)`
      : 'no crash',
    life.faults.length > 0
      ? `faults ${life.faults.map(({ at, fault, hard }) => `${describeFault(fault)}${hard ? ' (hard)' : ''} on ${at.request} #${at.nth}`).join(', ')}`
      : 'no faults',
    life.large ? 'large texts' : 'short texts',
    life.cancel
      ? `cancel ${life.cancel.signals.join(' then ')} ${describeMoment(life.cancel.at)}${life.cancel.signals.length > 1 ? ` (second ${life.cancel.then})` : ''}`
      : 'no cancel',
    describeRelease(life.release),
  ];
  return parts.join(' | ');
}

export function describeMoment(moment: Moment): string {
  return 'output' in moment
    ? `when the step prints ${JSON.stringify(moment.output)}`
    : `at ${moment.request} request #${moment.nth}`;
}

function describeFault(fault: Fault): string {
  if (fault.kind !== 'status') return fault.kind;
  const retryAfter = fault.headers?.['retry-after'];
  return `${fault.status}${retryAfter === undefined ? '' : ` Retry-After ${retryAfter}`}`;
}
