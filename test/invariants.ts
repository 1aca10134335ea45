// What every run of the step must hold, whatever its life: judged from what the step wrote (exit code,
// outputs, annotations, summary, log) and what the fake served, never from a hand-written expectation.
// Where the life is crisp (no cancel sent, no hard fault served), the outcome must also be the one
// Feldera's semantics give (lives.ts, `expectation`).
import type { Endpoint } from './fake-feldera.ts';
import { budgetMs, CANCEL_MS, SLACK_MS, type Observation } from './life-run.ts';
import { expectation, KEY, STOPPED_AFTER, type Life } from './lives.ts';
import { judgeRelease, updateStops } from './release-invariants.ts';
import { runnerCommands } from './runner-commands.ts';

export interface Broken {
  invariant: string;
  detail: string;
}

/** Node starting the bundle, on a loaded machine. */
const START_UP_MS = 3000;
/** GitHub's limit for a step's summary. */
const SUMMARY_LIMIT = 1 << 20;
const OWN_COMMANDS = new Set([
  'debug',
  'error',
  'warning',
  'group',
  'endgroup',
  'add-mask',
  'stop-commands',
  'resume-commands',
]);
const TARGETS: Record<Life['initial'], string> = { running: 'Running', paused: 'Paused', standby: 'Standby' };

export interface JudgeOptions {
  /** Also hold the step to the times the README gives (5 s after a cancel, its budget and follow-ups): timing claims, for the soak, not for `npm test`. */
  timing?: boolean;
}

export function judge(life: Life, observation: Observation, options: JudgeOptions = {}): Broken[] {
  const broken: Broken[] = [];
  const check = (invariant: string, holds: boolean, detail: () => string) => {
    if (!holds) broken.push({ invariant, detail: detail() });
  };
  const { run, requests, responses, signals, served, killed } = observation;
  const outputs = run.outputs;
  const code = outputs['error-code'];
  const cancelled = signals.length > 0;
  const hard = served.some((fault) => fault.hard);
  const expected = expectation(life);
  const target = TARGETS[life.initial];
  const calls = (endpoint: Endpoint) => observation.calls[endpoint];
  const answers = (endpoint: Endpoint) => responses.filter((response) => response.endpoint === endpoint);

  // The step's end.
  if (cancelled) {
    check(
      'after a cancel, the step ends by itself',
      killed === undefined && run.signal === null,
      () => killed ?? `it was killed by ${run.signal}`,
    );
    const latencyMs = observation.endedAt - signals[0]!.at;
    if (options.timing)
      check(
        'the step ends within 5 s of a cancel',
        latencyMs <= CANCEL_MS,
        () => `it ended ${Math.round(latencyMs)} ms after ${signals[0]!.signal}`,
      );
  } else {
    check(
      'the step ends within its budget and follow-ups',
      killed === undefined && run.signal === null,
      () => killed ?? `it was killed by ${run.signal}`,
    );
    const tookMs = observation.endedAt - observation.startedAt;
    const allowedMs = budgetMs(life) - SLACK_MS + START_UP_MS;
    if (options.timing)
      check(
        'the step ends within timeout and its follow-ups',
        tookMs <= allowedMs,
        () => `it took ${Math.round(tookMs)} ms, more than ${allowedMs} ms`,
      );
  }
  check(
    'exit code 0 exactly when error-code is empty',
    (run.code === 0) === (code === '') && (run.code === 0 || run.code === 1),
    () => `exit ${run.code}, error-code ${JSON.stringify(code)}`,
  );

  // Outputs, annotation, summary.
  const missing = ['status', 'error-code', 'elapsed-seconds', 'results'].filter((name) => outputs[name] === undefined);
  check(
    'outputs status, error-code, elapsed-seconds and results are always set',
    missing.length === 0,
    () => `missing: ${missing.join(', ')}`,
  );
  check(
    'elapsed-seconds is seconds with one decimal',
    outputs['elapsed-seconds'] === undefined || /^\d+\.\d$/.test(outputs['elapsed-seconds']),
    () => String(outputs['elapsed-seconds']),
  );
  if (outputs.results !== undefined && !life.invalid) {
    const results = parseJson(outputs.results) as Record<string, Record<string, string>> | undefined;
    check('results holds the pipeline with the same error-code', results?.p?.['error-code'] === code, () =>
      outputs.results!.slice(0, 300),
    );
  }
  const failures = run.annotations.filter(
    ({ level, properties }) => level === 'error' && properties === 'title=Feldera pipeline p did not start',
  );
  if (code)
    check(
      'a failure has its one error annotation',
      failures.length === 1,
      () => `${failures.length} error annotations titled "Feldera pipeline p did not start"`,
    );
  else if (code === '')
    check('a success has no failure annotation', failures.length === 0, () =>
      failures.map(({ message }) => message).join(' / '),
    );
  check(
    'never InternalError',
    code !== 'InternalError' &&
      !run.stdout.includes('The action failed unexpectedly') &&
      !run.annotations.some(({ properties }) => properties.includes('could not report')),
    () =>
      (failures[0]?.message ?? run.stdout.split('\n').find((line) => line.includes('unexpectedly')) ?? '').slice(
        0,
        500,
      ),
  );
  const summaryBytes = Buffer.byteLength(run.summary);
  check('a job summary, under 1 MiB', summaryBytes > 0 && summaryBytes < SUMMARY_LIMIT, () => `${summaryBytes} bytes`);

  // What the step says is what Feldera said.
  const lastStatus = answers('status')
    .filter((answer) => answer.status === 200)
    .map(
      (answer) =>
        parseJson(answer.body) as { deployment_status?: string; deployment_desired_status?: string } | undefined,
    )
    .at(-1);
  if (code === '') {
    const status = outputs.status;
    check(
      'success only at the target or AwaitingApproval, as the last status read served it',
      (status === target || (status === 'AwaitingApproval' && !life.autoApprove)) &&
        lastStatus?.deployment_status === status,
      () =>
        `status output ${JSON.stringify(status)}, last served ${JSON.stringify(lastStatus?.deployment_status)}, target ${target}`,
    );
    if (status === target)
      check(
        'success at the target only with the target desired',
        lastStatus?.deployment_desired_status === target,
        () => `desired ${String(lastStatus?.deployment_desired_status)}`,
      );
  }
  const approves = calls('approve');
  if (approves.length > 0) {
    const awaitingServed = answers('status').find(
      (answer) =>
        (parseJson(answer.body) as { deployment_status?: string } | undefined)?.deployment_status ===
        'AwaitingApproval',
    );
    check(
      '/approve only with auto-approve',
      life.autoApprove,
      () => `${approves.length} /approve with auto-approve ${String(life.inputs['auto-approve'])}`,
    );
    check(
      '/approve only after AwaitingApproval was served',
      awaitingServed !== undefined && approves[0]!.at > awaitingServed.at,
      () => 'the first /approve came before any AwaitingApproval',
    );
    check(
      '/approve reaches the manager at most once',
      answers('approve').length <= 1,
      () => `${answers('approve').length} answered`,
    );
  }
  if (outputs.approved === 'true')
    check(
      'approved only when an /approve was accepted',
      answers('approve').some((answer) => answer.status === 200),
      () => 'no /approve answered 200',
    );
  // The stops of an update are the release's own (release-invariants.ts).
  const update = new Set(updateStops(observation));
  const stops = calls('stop').filter((stop) => !update.has(stop));
  if (stops.length > 0) {
    check(
      '/stop only with stop-on-failure',
      life.stopOnFailure,
      () => `${stops.length} /stop with stop-on-failure ${String(life.inputs['stop-on-failure'])}`,
    );
    check(
      '/stop only after a failure it is for',
      // After a rollback the step started the previous program: its failure (a Timeout, say) is what it stopped for.
      STOPPED_AFTER.has(code ?? '') || outputs['program-change'] === 'rolled-back',
      () => `/stop with error-code ${JSON.stringify(code)}`,
    );
  }
  if (outputs.stopped === 'true') {
    const stoppedAt = answers('stop').find((answer) => answer.status === 202)?.at;
    const stoppedServed = answers('status').some(
      (answer) =>
        stoppedAt !== undefined &&
        answer.at > stoppedAt &&
        (parseJson(answer.body) as { deployment_status?: string }).deployment_status === 'Stopped',
    );
    check(
      'stopped only when a stop was accepted and Stopped served after it',
      stoppedServed,
      () => 'stopped: true without it',
    );
  }
  const logs = calls('logs');
  if (logs.length > 0) {
    check(
      'the log only when logs asks for it',
      life.logs === 'always' || (life.logs === 'on-failure' && code !== ''),
      () => `logs ${life.logs}, error-code ${JSON.stringify(code)}`,
    );
  }
  if (life.invalid)
    check('an invalid input fails before any request', requests.length === 0, () => `${requests.length} requests`);

  // Server text and secrets.
  const foreign = runnerCommands(run.stdout + '\n' + run.stderr).filter(
    ({ name, data }) =>
      !OWN_COMMANDS.has(name) ||
      data.trimStart().startsWith('PWNED') ||
      (name === 'add-mask' && data !== KEY) ||
      (name === 'stop-commands' && !/^[0-9a-f-]{36}$/.test(data)),
  );
  check('no workflow command from server text', foreign.length === 0, () =>
    foreign.map(({ line }) => JSON.stringify(line.slice(0, 200))).join(', '),
  );
  const commands = runnerCommands(run.stdout);
  const stopped = commands.filter(({ name }) => name === 'stop-commands').length;
  check(
    'every stop-commands is resumed',
    stopped === commands.filter(({ name }) => name === 'resume-commands').length,
    () => `${stopped} stop-commands`,
  );
  const leaks = [
    ...run.stdout.split('\n').filter((line) => line.includes(KEY) && line !== `::add-mask::${KEY}`),
    ...[run.stderr, JSON.stringify(outputs), run.summary, run.stateFile].filter((text) => text.includes(KEY)),
  ];
  check('no secret anywhere', leaks.length === 0, () => leaks.map((leak) => leak.slice(0, 200)).join(' / '));

  judgeRelease(life, observation, check);

  // The outcome.
  if (expected.loose) return broken;
  const allowed = new Set([expected.code, ...(expected.or === undefined ? [] : [expected.or])]);
  if (hard) {
    // A proxy's 4xx page is not retried: where it lands it ends the step, or leaves the health unchecked.
    allowed.add('UnexpectedResponse');
    if (expected.code.startsWith('Connector')) allowed.add('');
  }
  if (cancelled) allowed.add('Cancelled');
  check(
    "the outcome Feldera's semantics give",
    allowed.has(code ?? '(none)'),
    () => `error-code ${JSON.stringify(code)}, expected ${[...allowed].map((c) => JSON.stringify(c)).join(' or ')}`,
  );
  if (!cancelled && !hard) {
    check(
      'awaiting-approval as Feldera left it',
      outputs['awaiting-approval'] === String(expected.awaitingApproval),
      () => `awaiting-approval ${String(outputs['awaiting-approval'])}`,
    );
    check(
      'approved as this step approved',
      outputs.approved === String(expected.approved),
      () => `approved ${String(outputs.approved)}`,
    );
    const stopsIt = life.stopOnFailure && expected.accepted && STOPPED_AFTER.has(code ?? '');
    check(
      'stop-on-failure stops what it is for, and only that',
      outputs.stopped === String(stopsIt),
      () => `stopped ${String(outputs.stopped)}`,
    );
  }
  return broken;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
