// Feldera's events and the step's timeline: the parser of `GET /events`, the summary's rows from both, and
// the read after the outcome against the fake Feldera, each failure a reason that says why.
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineClient } from '../src/feldera/client.ts';
import { pipelineEvents, recordedSince } from '../src/feldera/events.ts';
import type { PipelineEvent } from '../src/feldera/types.ts';
import { eventPhases, timelineRows, type TimelineRow } from '../src/model/events.ts';
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

/** A row as `status`, `+status` (from the step's reads), `status?` (only in Feldera's events), `status…` (until the step ended). */
const shape = (rows: TimelineRow[]) =>
  rows.map(
    (row) =>
      `${row.began.clock === 'step' ? '+' : ''}${row.status}${row.onlyInEvents ? '?' : ''}${row.lasted === 'until-end' ? '…' : ''}`,
  );

describe('timelineRows', () => {
  it('is Feldera’s phases by its clock, a blip no read showed marked, the last until the step ended', () => {
    const rows = timelineRows(
      seen(['Stopped', 0], ['Provisioning', 100], ['Initializing', 900], ['Running', 1500]),
      events(['Stopped', -5], ['Provisioning', 0.1], ['Unavailable', 0.5], ['Initializing', 0.7], ['Running', 1.4]),
      T0,
    );
    expect(shape(rows)).toEqual(['Stopped', 'Provisioning', 'Unavailable?', 'Initializing', 'Running…']);
    expect(rows[0]).toMatchObject({ began: { clock: 'feldera', atMs: T0 - 5000 }, lasted: 5100 });
    expect(rows[2]).toMatchObject({ began: { clock: 'feldera', atMs: T0 + 500 }, lasted: 200, onlyInEvents: true });
  });

  it('starts at the phase Feldera shows at the step’s start: a previous run moments before is left out, the step’s own quick failure is not', () => {
    // Someone's run just before: Provisioning, Running, Stopping, Stopped; then the step's.
    const before = events(
      ['Stopped', -25],
      ['Provisioning', -20],
      ['Running', -15],
      ['Stopping', -5],
      ['Stopped', -4],
      ['Provisioning', 0.2],
      ['Running', 1],
    );
    const rows = timelineRows(seen(['Stopped', 0], ['Provisioning', 300], ['Running', 1200]), before, T0);
    expect(shape(rows)).toEqual(['Stopped', 'Provisioning', 'Running…']);
    expect(rows[0]?.began).toEqual({ clock: 'feldera', atMs: T0 - 4000 });
    // The step's start failed within seconds: the Stopped after it is the last row, once until the end.
    const failed = events(['Stopped', -25], ['Provisioning', 0.2], ['Stopping', 2], ['Stopped', 2.5]);
    expect(shape(timelineRows(seen(['Stopped', 0], ['Provisioning', 300], ['Stopping', 2200]), failed, T0))).toEqual([
      'Stopped',
      'Provisioning',
      'Stopping',
      'Stopped…',
    ]);
  });

  it('gives the status the step found from its reads when Feldera recorded it before the window, or its clock is behind', () => {
    const timeline = seen(['Stopped', 0], ['Provisioning', 300], ['Running', 1200]);
    const rows = timelineRows(timeline, events(['Provisioning', 0.2], ['Running', 1]), T0);
    expect(shape(rows)).toEqual(['+Stopped', 'Provisioning', 'Running…']);
    expect(rows[0]).toMatchObject({ began: { clock: 'step', sinceStartMs: 0 }, lasted: 300 });
    // Feldera's clock 0.1 s behind the runner's: its Provisioning began "before" the step.
    expect(shape(timelineRows(timeline, events(['Provisioning', -0.1], ['Running', 0.9]), T0))).toEqual([
      '+Stopped',
      'Provisioning',
      'Running…',
    ]);
    // The step read one status throughout, Feldera recorded a blip after: no read of the step ended the first.
    const blip = timelineRows(seen(['Running', 0]), events(['Unavailable', 5], ['Running', 6]), T0);
    expect(shape(blip)).toEqual(['+Running', 'Unavailable?', 'Running…']);
    expect(blip[0]?.lasted).toBeUndefined();
  });

  it('is the step’s reads without events, or with none in the window', () => {
    const timeline = seen(['Stopped', 0], ['Provisioning', 300], ['Running', 1200]);
    for (const none of [undefined, []]) {
      const rows = timelineRows(timeline, none, T0);
      expect(shape(rows)).toEqual(['+Stopped', '+Provisioning', '+Running…']);
      expect(rows.map((row) => row.lasted)).toEqual([300, 900, 'until-end']);
    }
  });

  it('takes a Stopped pipeline whose program compiles as the program’s phase, as the step does', () => {
    const compiling: TimelineEntry[] = [
      { status: 'CompilingRust', of: 'program', beganMs: 0, endedMs: 500 },
      { status: 'Provisioning', of: 'deployment', beganMs: 500, endedMs: undefined },
    ];
    const rows = timelineRows(
      compiling,
      events(['Stopped', -2, 'CompilingSql'], ['Stopped', -1, 'CompilingRust'], ['Provisioning', 0.6]),
      T0,
    );
    expect(rows.map(({ of, status, onlyInEvents }) => [of, status, onlyInEvents])).toEqual([
      ['program', 'CompilingRust', false],
      ['deployment', 'Provisioning', false],
    ]);
  });

  it('keeps the bootstrap’s progress the step read, in Feldera’s last phase of that status', () => {
    const timeline = seen(['Provisioning', 0], ['Bootstrapping', 300], ['Running', 900]);
    timeline[1]!.progress = 'Bootstrapping: 12 of 40 operators';
    const rows = timelineRows(timeline, events(['Provisioning', 0], ['Bootstrapping', 0.2], ['Running', 0.8]), T0);
    expect(rows.map((row) => row.progress)).toEqual([undefined, 'Bootstrapping: 12 of 40 operators', undefined]);
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
    const rows = timelineRows(seen(['Stopped', 0], ['Running', 900], ['Stopping', 4100]), listed, T0);
    expect(rows.map(({ status, errorAt }) => [status, errorAt])).toEqual([
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

  it('holds its rule whatever the two sides say: Feldera’s phases from the one at the start, the step’s first read before them only when it differs, one last row', () => {
    const statuses = ['Stopped', 'Provisioning', 'Initializing', 'Running', 'Unavailable'];
    // A fixed pseudo-random walk: the same lists every run.
    let state = 7;
    const next = () => (state = (state * 48271) % 2147483647) % statuses.length;
    for (let round = 0; round < 200; round++) {
      const timeline = seen(
        ...Array.from({ length: 1 + (round % 7) }, (_, k): [string, number] => [statuses[next()]!, k * 100]),
      );
      const listed = events(
        ...Array.from({ length: round % 9 }, (_, k): [string, number] => [statuses[next()]!, k - 3]),
      );
      const rows = timelineRows(timeline, listed, T0);
      expect(rows.filter((row) => row.lasted === 'until-end')).toEqual([rows.at(-1)]);
      const phases = eventPhases(listed);
      if (phases.length === 0) {
        expect(rows.map((row) => row.status)).toEqual(timeline.map((entry) => entry.status));
        continue;
      }
      const fromFeldera = rows.filter((row) => row.began.clock === 'feldera');
      const atStart = Math.max(
        0,
        phases.findLastIndex((phase) => phase.recordedAt <= T0),
      );
      expect(fromFeldera.map((row) => row.began)).toEqual(
        phases.slice(atStart).map((phase) => ({ clock: 'feldera', atMs: phase.recordedAt })),
      );
      expect(rows.length - fromFeldera.length).toBe(phases[atStart]!.status === timeline[0]!.status ? 0 : 1);
      const read = new Set(timeline.map((entry) => entry.status));
      for (const row of fromFeldera) expect(row.onlyInEvents).toBe(!read.has(row.status));
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
