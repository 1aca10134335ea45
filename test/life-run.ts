// Plays one life: the fake Feldera with the life's pipeline, the real bundle run as the runner runs it,
// the life's faults put on the requests it names as they arrive, and the runner's cancel sent at the
// moment the life names (a request arriving, a line printed): events, never a timer. A timer only
// guards against a step that never ends, and kills it then.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeFeldera, type Endpoint, type FakeRequest, type FakeResponse } from './fake-feldera.ts';
import { KEY, scriptOf, type Life, type Moment, type PlannedFault } from './lives.ts';
import { PROGRAMS, releaseFake, SQL_FILE } from './release-life.ts';
import { startAction, type ActionRun } from './run-action.ts';

/** Reading the compiler's messages and the log after a failure (README: Reliability). */
const FOLLOW_UP_MS = 6000;
/** stop-on-failure's stop after a Timeout or a failed health check (README: Leave nothing half-started). */
const STOP_MS = 30_000;
/** What the step has on a cancel (README: Reliability). */
export const CANCEL_MS = 5000;
/** Node starting the bundle, and a loaded machine: the guard is against a hang, not a measure. */
export const SLACK_MS = 15_000;

const ENDPOINTS: Endpoint[] = [
  'start',
  'stop',
  'approve',
  'dismiss_error',
  'status',
  'stats',
  'logs',
  'config',
  'list',
  'diff',
  'patch',
  'put',
];

/** What the fake stored of the pipeline at a moment (FakeFeldera.stored). */
type Stored = ReturnType<FakeFeldera['stored']>;

export interface Observation {
  run: ActionRun;
  requests: FakeRequest[];
  /** The requests to each endpoint. */
  calls: Record<Endpoint, FakeRequest[]>;
  responses: FakeResponse[];
  /** The signals sent, and when (performance.now()). */
  signals: { signal: NodeJS.Signals; at: number }[];
  /** The life's faults that met their request. */
  served: PlannedFault[];
  startedAt: number;
  endedAt: number;
  /** Why the harness killed the step, when it did not end by itself in time. */
  killed: string | undefined;
  /** What each PATCH met as it arrived, in order. */
  patches: { at: number; met: Stored }[];
  /** What the fake stored of the pipeline once the step ended. */
  final: Stored;
}

/** The step's budget plus its documented follow-ups, and slack: past it, the step hangs. */
export function budgetMs(life: Life): number {
  const timeoutMs = Number(/^(\d+)s$/.exec(life.inputs.timeout ?? '')?.[1] ?? 20) * 1000;
  return timeoutMs + FOLLOW_UP_MS + (life.stopOnFailure ? STOP_MS : 0) + SLACK_MS;
}

export async function playLife(life: Life): Promise<Observation> {
  const script = scriptOf(life);
  const { pipelines, options } = life.release ? releaseFake(life, script) : { pipelines: [script], options: {} };
  const fake = await FakeFeldera.start({ pipelines, apiKey: KEY, edition: life.edition, ...options });
  // A release reads its program from the checked-out repository.
  const workspace = life.release && mkdtempSync(join(tmpdir(), 'feldera-life-'));
  try {
    if (workspace) {
      mkdirSync(join(workspace, 'sql'));
      writeFileSync(join(workspace, SQL_FILE), PROGRAMS[life.release!.program]);
    }
    return await play(life, fake, workspace ? { GITHUB_WORKSPACE: workspace } : {});
  } finally {
    await fake.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  }
}

async function play(life: Life, fake: FakeFeldera, env: Record<string, string>): Promise<Observation> {
  const signals: Observation['signals'] = [];
  const served: PlannedFault[] = [];
  const counts = new Map<Endpoint, number>();
  const patches: Observation['patches'] = [];
  const { child, done } = startAction({ ...life.inputs, 'api-url': fake.url, 'api-key': KEY }, env);
  const startedAt = performance.now();
  let killed: string | undefined;
  const kill = (why: string) => {
    killed = why;
    child.kill('SIGKILL');
  };
  let guard = setTimeout(
    () => kill(`it did not end within ${budgetMs(life)} ms, its budget with its follow-ups and slack`),
    budgetMs(life),
  );

  const cancel = life.cancel;
  /** The second signal waits for this event, once the first is sent. */
  let second: 'request' | 'output' | undefined;
  const signal = (name: NodeJS.Signals) => {
    signals.push({ signal: name, at: performance.now() });
    child.kill(name);
  };
  const cancelNow = () => {
    if (!cancel || signals.length > 0) return;
    signal(cancel.signals[0]!);
    clearTimeout(guard);
    guard = setTimeout(
      () => kill(`it did not end within ${CANCEL_MS + SLACK_MS} ms of the cancel`),
      CANCEL_MS + SLACK_MS,
    );
    if (cancel.signals.length < 2) return;
    if (cancel.then === 'at once') signal(cancel.signals[1]!);
    else second = cancel.then === 'next request' ? 'request' : 'output';
  };
  const secondNow = (event: 'request' | 'output') => {
    if (second !== event || !cancel) return;
    second = undefined;
    signal(cancel.signals[1]!);
  };
  const at = (moment: Moment, endpoint: Endpoint, nth: number) =>
    'request' in moment && moment.request === endpoint && moment.nth === nth;

  fake.onRequest = (_request, endpoint) => {
    if (!endpoint) return;
    if (endpoint === 'patch') patches.push({ at: performance.now(), met: fake.stored('p') });
    const nth = (counts.get(endpoint) ?? 0) + 1;
    counts.set(endpoint, nth);
    const planned = life.faults.find((fault) => at(fault.at, endpoint, nth));
    if (planned) {
      fake.fault(endpoint, planned.fault);
      served.push(planned);
    }
    secondNow('request');
    if (cancel && at(cancel.at, endpoint, nth)) cancelNow();
  };
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    secondNow('output');
    printed += chunk.toString();
    if (cancel && 'output' in cancel.at && printed.includes(cancel.at.output)) cancelNow();
  });

  const run = await done;
  clearTimeout(guard);
  const calls = Object.fromEntries(ENDPOINTS.map((endpoint) => [endpoint, fake.calls(endpoint)])) as Record<
    Endpoint,
    FakeRequest[]
  >;
  return {
    run,
    requests: [...fake.requests],
    calls,
    responses: [...fake.responses],
    signals,
    served,
    startedAt,
    endedAt: performance.now(),
    killed,
    patches,
    final: fake.stored('p'),
  };
}
