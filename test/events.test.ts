// Feldera's events beside the step's timeline: the parser of `GET /events`, the merge of the two, and
// the read after the outcome against the fake Feldera, each failure a reason that says why.
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineClient } from '../src/feldera/client.ts';
import { pipelineEvents, recordedSince } from '../src/feldera/events.ts';
import type { PipelineEvent } from '../src/feldera/types.ts';
import { eventPhases, mergeTimeline, type TimelineRow } from '../src/model/events.ts';
import { readConfig, type InputName } from '../src/model/inputs.ts';
import { Progress, type TimelineEntry } from '../src/model/progress.ts';
import { diagnose } from '../src/phases/diagnose.ts';
import { FakeFeldera, type FakeOptions } from './fake-feldera.ts';
import { httpOptions } from './http-options.ts';

const T0 = Date.parse('2026-12-07T10:00:00Z');

/** Events as Feldera lists them, newest first, from `[status, seconds after T0]` given oldest first. */
function events(...chronological: [string, number, string?][]): PipelineEvent[] {
  return chronological
    .map(([deployment_status, seconds, program_status = 'Success']) => ({
      recordedAt: T0 + seconds * 1000,
      deployment_status,
      program_status,
      deployment_has_error: false,
    }))
    .reverse();
}

/** The step's timeline from `[status, began ms]`, each ended by the next. */
function seen(...entries: [string, number][]): TimelineEntry[] {
  return entries.map(([status, beganMs], i) => ({ status, of: 'deployment', beganMs, endedMs: entries[i + 1]?.[1] }));
}

/** A row as `status`, `status?` (only Feldera recorded it), `status^` (back after a blip, within the step's row) or `status!` (only the step saw it). */
const shape = (rows: TimelineRow[]) =>
  rows.map((row) =>
    row.seen ? `${row.seen.status}${row.recorded ? '' : '!'}` : `${row.recorded.status}${row.again ? '^' : '?'}`,
  );

describe('mergeTimeline', () => {
  it('puts a blip the step never read between the statuses it read, with how long it lasted by Feldera’s clock', () => {
    const rows = mergeTimeline(
      seen(['Stopped', 0], ['Provisioning', 100], ['Initializing', 900], ['Running', 1500]),
      events(['Stopped', -5], ['Provisioning', 0.1], ['Unavailable', 0.5], ['Initializing', 0.7], ['Running', 1.4]),
      T0,
    );
    expect(shape(rows)).toEqual(['Stopped', 'Provisioning', 'Unavailable?', 'Initializing', 'Running']);
    expect(rows[2]?.recorded).toEqual({ status: 'Unavailable', of: 'deployment', recordedAt: T0 + 500, forMs: 200 });
    expect(rows[4]?.recorded?.forMs).toBeUndefined();
  });

  it('says that a status back after a blip, before the step read another, is within the step’s row', () => {
    const rows = mergeTimeline(
      seen(['Provisioning', 0], ['Initializing', 800], ['Stopping', 1300]),
      events(
        ['Provisioning', 0],
        ['Initializing', 0.7],
        ['Unavailable', 1],
        ['Initializing', 1],
        ['Stopping', 1.2],
        ['Stopped', 1.3],
      ),
      T0,
    );
    expect(shape(rows)).toEqual([
      'Provisioning',
      'Initializing',
      'Unavailable?',
      'Initializing^',
      'Stopping',
      'Stopped?',
    ]);
  });

  it('takes the phase the step found as the one after which the most line up: a previous run moments before is left out, the step’s own failure is not', () => {
    // Someone's run just before: Stopped, Provisioning, Running, Stopping, Stopped; then the step's.
    const before = events(
      ['Stopped', -25],
      ['Provisioning', -20],
      ['Running', -15],
      ['Stopping', -5],
      ['Stopped', -4],
      ['Provisioning', 0.2],
      ['Running', 1],
    );
    expect(shape(mergeTimeline(seen(['Stopped', 0], ['Provisioning', 300], ['Running', 1200]), before, T0))).toEqual([
      'Stopped',
      'Provisioning',
      'Running',
    ]);
    // The step's start failed within seconds: its Stopped is the first, not the one after the failure.
    const failed = events(['Stopped', -25], ['Provisioning', 0.2], ['Stopping', 2], ['Stopped', 2.5]);
    expect(shape(mergeTimeline(seen(['Stopped', 0], ['Provisioning', 300], ['Stopping', 2200]), failed, T0))).toEqual([
      'Stopped',
      'Provisioning',
      'Stopping',
      'Stopped?',
    ]);
  });

  it('drops what Feldera recorded before the status the step found first (a previous run), and keeps everything when none shows it', () => {
    const previous = events(
      ['Running', -20],
      ['Stopping', -10],
      ['Stopped', -9],
      ['Provisioning', 0.2],
      ['Running', 1],
    );
    expect(shape(mergeTimeline(seen(['Stopped', 0], ['Provisioning', 300], ['Running', 1200]), previous, T0))).toEqual([
      'Stopped',
      'Provisioning',
      'Running',
    ]);
    // The step found it Provisioning, which no event in the window shows: all of them are kept.
    expect(
      shape(mergeTimeline(seen(['Paused', 0], ['Running', 300]), events(['Stopping', -2], ['Running', 0.2]), T0)),
    ).toEqual(['Paused!', 'Stopping?', 'Running']);
  });

  it('keeps a status only the step saw (an approval still shown a read after it ended) and the statuses Feldera recorded after its last read', () => {
    const rows = mergeTimeline(
      seen(
        ['Initializing', 0],
        ['AwaitingApproval', 100],
        ['Bootstrapping', 300],
        ['AwaitingApproval', 350],
        ['Running', 400],
      ),
      events(
        ['Initializing', 0],
        ['AwaitingApproval', 0.1],
        ['Bootstrapping', 0.25],
        ['Running', 0.38],
        ['Stopping', 2],
        ['Stopped', 2.5],
      ),
      T0,
    );
    expect(shape(rows)).toEqual([
      'Initializing',
      'AwaitingApproval',
      'Bootstrapping',
      'AwaitingApproval!',
      'Running',
      'Stopping?',
      'Stopped?',
    ]);
  });

  it('takes a Stopped pipeline whose program compiles as the program’s phase, as the step does (from the one the step found)', () => {
    const compiling: TimelineEntry[] = [
      { status: 'CompilingRust', of: 'program', beganMs: 0, endedMs: 500 },
      { status: 'Provisioning', of: 'deployment', beganMs: 500, endedMs: undefined },
    ];
    const rows = mergeTimeline(
      compiling,
      events(['Stopped', 0, 'CompilingSql'], ['Stopped', 0.1, 'CompilingRust'], ['Provisioning', 0.6]),
      T0,
    );
    expect(
      rows.map(({ seen, recorded }) => [
        seen?.of ?? recorded?.of,
        (seen ?? recorded).status,
        Boolean(seen),
        Boolean(recorded),
      ]),
    ).toEqual([
      ['program', 'CompilingRust', true, true],
      ['deployment', 'Provisioning', true, true],
    ]);
  });

  it('says when Feldera recorded a deployment error during a phase, not one there from the first event', () => {
    const at = (deployment_status: string, seconds: number, deployment_has_error: boolean) => ({
      recordedAt: T0 + seconds * 1000,
      deployment_status,
      program_status: 'Success',
      deployment_has_error,
    });
    // Newest first: an old error dismissed at the start, then the runner's error with desired Stopped, still Running, then Stopping.
    const listed = [
      at('Stopped', 5, true),
      at('Stopping', 4, true),
      at('Running', 3, true),
      at('Running', 1, false),
      at('Stopped', 0, false),
      at('Stopped', -1, true),
    ];
    expect(eventPhases(listed).map(({ status, errorAt }) => [status, errorAt])).toEqual([
      ['Stopped', undefined],
      ['Running', T0 + 3000],
      ['Stopping', undefined],
      ['Stopped', undefined],
    ]);
  });

  it('makes one phase of events that differ only in what the step does not show (a desired status)', () => {
    expect(
      eventPhases(events(['Provisioning', 0], ['Provisioning', 1], ['Running', 3])).map(({ status, forMs }) => [
        status,
        forMs,
      ]),
    ).toEqual([
      ['Provisioning', 3000],
      ['Running', undefined],
    ]);
  });

  it('gives every status once, in an order each side agrees with, whatever the two sides say', () => {
    const statuses = ['Stopped', 'Provisioning', 'Initializing', 'Running', 'Unavailable'];
    // A fixed pseudo-random walk: the same lists every run.
    let state = 7;
    const next = () => (state = (state * 48271) % 2147483647) % statuses.length;
    for (let round = 0; round < 200; round++) {
      const timeline = seen(
        ...Array.from({ length: 1 + (round % 7) }, (_, k): [string, number] => [statuses[next()]!, k * 100]),
      );
      const listed = events(...Array.from({ length: round % 9 }, (_, k): [string, number] => [statuses[next()]!, k]));
      const rows = mergeTimeline(timeline, listed, T0);
      expect(rows.filter((row) => row.seen).map((row) => row.seen)).toEqual(timeline);
      const recorded = rows.flatMap((row) => (row.recorded ? [row.recorded] : []));
      const phases = eventPhases(listed);
      expect(phases.slice(phases.length - recorded.length)).toEqual(recorded);
    }
  });
});

describe('pipelineEvents', () => {
  it('gives each event the status a status read would have shown, its strings inert and its key redacted', () => {
    const body = [
      {
        event_id: 'e2',
        recorded_at: '2026-12-07T10:00:01.5Z',
        deployment_resources_status: 'Provisioned',
        deployment_resources_desired_status: 'Provisioned',
        deployment_runtime_status: 'Running',
        deployment_runtime_desired_status: 'Running',
        deployment_has_error: false,
        program_status: 'Success',
        storage_status: 'InUse',
      },
      {
        recorded_at: '2026-12-07T10:00:01Z',
        deployment_resources_status: 'Provisioned',
        deployment_runtime_status: null,
        program_status: 'Success',
      },
      {
        recorded_at: '2026-12-07T10:00:00Z',
        deployment_resources_status: 'Stopped',
        program_status: '::warning::s3cret\n',
        deployment_has_error: true,
      },
      { recorded_at: 'yesterday', deployment_resources_status: 'Stopped' },
      'not an event',
    ];
    expect(pipelineEvents(body, ['s3cret'])).toEqual([
      { recordedAt: T0 + 1500, deployment_status: 'Running', program_status: 'Success', deployment_has_error: false },
      {
        recordedAt: T0 + 1000,
        deployment_status: 'Unavailable',
        program_status: 'Success',
        deployment_has_error: false,
      },
      { recordedAt: T0, deployment_status: 'Stopped', program_status: ': :warning::***', deployment_has_error: true },
    ]);
    expect(() => pipelineEvents({ message: 'x' }, [])).toThrow(/not a list of events/);
  });

  it('keeps only the events recorded since a time', () => {
    expect(recordedSince({ recorded_at: '2026-12-07T10:00:00Z' }, T0)).toBe(true);
    expect(recordedSince({ recorded_at: '2026-12-07T09:59:59.999Z' }, T0)).toBe(false);
    expect(recordedSince({}, T0)).toBe(false);
    // As chrono writes it: microseconds (or nanoseconds) and `Z`.
    expect(recordedSince({ recorded_at: '2026-12-07T10:00:00.000001234Z' }, T0)).toBe(true);
    expect(
      pipelineEvents([{ recorded_at: '2026-12-07T10:00:00.250123Z', deployment_resources_status: 'Stopped' }], [])[0]
        ?.recordedAt,
    ).toBe(T0 + 250);
  });
});

describe('diagnose reads Feldera’s events', () => {
  const closing: FakeFeldera[] = [];
  afterEach(async () => {
    for (const server of closing.splice(0)) await server.close();
  });

  async function feldera(options: Omit<FakeOptions, 'pipelines'> = {}) {
    const fake = await FakeFeldera.start({ pipelines: [{ name: 'orders' }], ...options });
    closing.push(fake);
    return { fake, client: new PipelineClient(httpOptions(`${fake.url}/`), 'orders') };
  }

  const inputs: Partial<Record<InputName, string>> = { 'pipeline-name': 'orders', logs: 'never' };
  const config = readConfig({ getInput: (name) => inputs[name] ?? '', env: {}, onSecret: () => undefined }).config;
  const seenStopped = () => {
    const progress = new Progress(() => undefined);
    progress.observe({
      name: 'orders',
      program_status: 'Success',
      deployment_status: 'Stopped',
      deployment_status_since: '',
      deployment_desired_status: 'Stopped',
      deployment_error: null,
      deployment_id: null,
    });
    return progress;
  };

  it('reads them once, on a success too, and not when the step read no status', async () => {
    const { fake, client } = await feldera();
    const diagnosis = await diagnose(client, config, { result: 'reached' }, seenStopped());
    expect(diagnosis.events?.map((event) => event.deployment_status)).toEqual(['Stopped']);
    expect(diagnosis.eventsProblem).toBeUndefined();
    expect(fake.calls('events').map((request) => request.query)).toEqual([{ selector: 'status' }]);
    await diagnose(
      client,
      config,
      { result: 'failed', code: 'Unreachable', message: 'm' },
      new Progress(() => undefined),
    );
    expect(fake.calls('events')).toHaveLength(1);
  });

  it('says why when they cannot be read: an older Feldera, a refusal, a stream that breaks, an answer that is not JSON, a 503 that lasts', async () => {
    const older = await feldera({ version: '0.291.0' });
    const refusing = await feldera();
    refusing.fake.fault('events', {
      kind: 'status',
      status: 404,
      body: JSON.stringify({
        message: "Unknown pipeline name 'orders'",
        error_code: 'UnknownPipelineName',
        details: null,
      }),
    });
    const broken = await feldera();
    broken.fake.fault('events', { kind: 'truncated' }, 100);
    const notJson = await feldera();
    notJson.fake.fault('events', { kind: 'status', status: 200, body: '<html>proxy login</html>' }, 100);
    const unavailable = await feldera();
    unavailable.fake.fault('events', { kind: 'status', status: 503, body: 'Service Unavailable' }, 100);
    const failure = { result: 'failed', code: 'RunnerCheckError', message: 'm' } as const;
    // Side by side: the two that are retried take the follow-up window (5 s) each.
    const problems = await Promise.all(
      [older, refusing, broken, notJson, unavailable].map(
        async ({ client }) => (await diagnose(client, config, failure, seenStopped())).eventsProblem,
      ),
    );
    const prefix =
      "Could not read Feldera's events of pipeline orders, so the summary's timeline has only the statuses the step saw: ";
    expect(problems).toEqual([
      `${prefix}this Feldera has no GET /events (it came with 0.292)`,
      expect.stringMatching(
        /: GET http:\S+\/events\?selector=status failed: 404 UnknownPipelineName: Unknown pipeline name 'orders'$/,
      ),
      expect.stringMatching(/failed \d+ times in [\d.]+s; the last: .*other side closed$/),
      expect.stringMatching(
        /failed \d+ times in [\d.]+s; the last: 200 with a body that is not JSON: <html>proxy login<\/html>$/,
      ),
      expect.stringMatching(
        /failed \d+ times in [\d.]+s; the last: 503 from 127\.0\.0\.1:\d+, not Feldera's JSON: Service Unavailable$/,
      ),
    ]);
    for (const problem of problems) expect(problem?.startsWith(prefix)).toBe(true);
  });
});
