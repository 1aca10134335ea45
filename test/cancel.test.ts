// A cancel at any moment: the runner sends SIGINT (then SIGTERM 7.5 s later), and whatever the step
// is doing, it ends by itself with its outputs, a summary and an annotation. Each phase is reached by
// an event of the fakes (a request arrives and is held), never by a timer.
import { describe, expect, it } from 'vitest';
import { FakeGitHub } from './fake-github.ts';
import { FakeOidc } from './fake-oidc.ts';
import type { FakeFeldera, PipelineScript } from './fake-feldera.ts';
import { endToEnd, errorAnnotation } from './harness.ts';
import { startAction, startPost, type ActionRun } from './run-action.ts';
import type { ChildProcess } from 'node:child_process';

const { fake, serve, inputs, act, watch } = endToEnd();
const STUCK = [{ status: 'Provisioning', ms: 600_000 }];
const QUICK = [{ status: 'Provisioning', ms: 20 }];
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type Signal = (typeof SIGNALS)[number];

/** Until `condition` holds: the fakes record every request, and the test waits for the one it needs. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** The step's word after a cancel: it ended by itself, failed, and said so everywhere it speaks. */
function expectReported(run: ActionRun, code: string): ReturnType<typeof errorAnnotation> {
  expect(run.signal).toBeNull();
  expect(run.code).toBe(1);
  expect(run.outputs['error-code']).toBe(code);
  for (const name of ['status', 'elapsed-seconds', 'results', 'stopped']) expect(run.outputs).toHaveProperty(name);
  expect(JSON.parse(run.outputs.results!)).toMatchObject({ p: { 'error-code': code } });
  expect(run.summary).toContain(code);
  return errorAnnotation(run);
}

interface Phase {
  name: string;
  scripts: PipelineScript[];
  extra?: Record<string, string>;
  /** Sets up the held request; returns when the step is in the phase. */
  arrange: (
    server: FakeFeldera,
  ) =>
    | { env?: Record<string, string>; reached: () => boolean }
    | Promise<{ env?: Record<string, string>; reached: () => boolean }>;
  code: string;
  /** What the failure's message says. */
  message: (signal: Signal) => RegExp;
  /** No request reached Feldera. */
  untouched?: boolean;
}

const cancelledWhile = (signal: Signal, phase: string) =>
  new RegExp(`Then the run was cancelled \\(${signal}\\) while ${phase}\\.`);

const PHASES: Phase[] = [
  {
    name: 'waiting for the ID token, before any request to Feldera',
    scripts: [{ name: 'p', phases: QUICK }],
    arrange: async () => {
      const provider = await serve(FakeOidc.start());
      provider.hang = true;
      return { env: provider.env(), reached: () => provider.asked > 0 };
    },
    extra: { 'oidc-audience': 'feldera', 'api-key': '' },
    untouched: true,
    code: 'Cancelled',
    message: (signal) => new RegExp(`^Stopped waiting: the run was cancelled \\(${signal}\\) \\(no status was read\\)`),
  },
  {
    name: 'the start',
    scripts: [{ name: 'p', phases: QUICK }],
    arrange: (server) => {
      server.fault('start', { kind: 'hang' });
      return { reached: () => server.calls('start').length > 0 };
    },
    code: 'Cancelled',
    message: (signal) => new RegExp(`^Stopped waiting: the run was cancelled \\(${signal}\\)`),
  },
  {
    name: 'the wait',
    scripts: [{ name: 'p', phases: STUCK }],
    arrange: (server) => ({ reached: () => server.calls('status').length >= 2 }),
    code: 'Cancelled',
    message: (signal) =>
      new RegExp(
        `^Stopped waiting: the run was cancelled \\(${signal}\\) \\(Provisioning for [\\d.]+s\\)\\. The pipeline p was left as it was`,
      ),
  },
  {
    name: 'the approval',
    scripts: [{ name: 'p', phases: [{ status: 'AwaitingApproval', ms: 0 }] }],
    extra: { 'auto-approve': 'true' },
    arrange: (server) => {
      server.fault('approve', { kind: 'hang' });
      return { reached: () => server.calls('approve').length > 0 };
    },
    code: 'Cancelled',
    message: (signal) => new RegExp(`^Stopped waiting: the run was cancelled \\(${signal}\\) \\(AwaitingApproval for `),
  },
  {
    name: 'the health window',
    scripts: [{ name: 'p', phases: QUICK }],
    extra: { 'health-window': '10m' },
    arrange: (server) => {
      server.fault('stats', { kind: 'hang' });
      return { reached: () => server.calls('stats').length > 0 };
    },
    code: 'Cancelled',
    message: (signal) => new RegExp(`^Stopped waiting: the run was cancelled \\(${signal}\\) \\(Running for `),
  },
  {
    name: "the read of the compiler's messages",
    scripts: [
      { name: 'p', programStatus: 'SqlError', programError: { sql_compilation: { exit_code: 1, messages: [] } } },
    ],
    arrange: (server) => {
      server.fault('status', { kind: 'hang' }, 1, { when: (request) => request.query.selector === 'all' });
      return { reached: () => server.calls('status').some((request) => request.query.selector === 'all') };
    },
    code: 'StartFailedDueToFailedCompilation',
    message: (signal) =>
      cancelledWhile(signal, "reading the compiler's messages, the pipeline's log and Feldera's events"),
  },
  {
    name: "the read of the pipeline's log",
    scripts: [
      {
        name: 'p',
        phases: QUICK,
        failWith: { error_code: 'RunnerCheckError', message: 'the pipeline exited', details: null },
      },
    ],
    arrange: (server) => {
      server.fault('logs', { kind: 'hang' });
      return { reached: () => server.calls('logs').length > 0 };
    },
    code: 'RunnerCheckError',
    message: (signal) =>
      cancelledWhile(signal, "reading the compiler's messages, the pipeline's log and Feldera's events"),
  },
  {
    name: 'the stop after a Timeout (stop-on-failure)',
    scripts: [{ name: 'p', phases: STUCK }],
    extra: { timeout: '1s', 'stop-on-failure': 'true', logs: 'never' },
    arrange: (server) => {
      server.fault('stop', { kind: 'hang' });
      return { reached: () => server.calls('stop').length > 0 };
    },
    code: 'Timeout',
    message: (signal) => cancelledWhile(signal, 'stopping it \\(stop-on-failure: true\\)'),
  },
];

describe('a cancel at each phase', () => {
  for (const phase of PHASES) {
    it.each(SIGNALS)(`during ${phase.name}, on %s, ends with its outputs, summary and annotation`, async (signal) => {
      const server = await fake(phase.scripts);
      const { env = {}, reached } = await phase.arrange(server);
      const given = inputs(server, phase.extra);
      const { child, done } = startAction(given, env);
      void watch(done, given, env);
      await until(reached);
      child.kill(signal);
      const run = await done;
      expect(expectReported(run, phase.code).message).toMatch(phase.message(signal));
      if (phase.untouched) expect(server.requests).toEqual([]);
      // Nothing was stopped that stop-on-failure did not ask for.
      if (phase.extra?.['stop-on-failure'] !== 'true') expect(server.calls('stop')).toEqual([]);
    });
  }

  it.each(SIGNALS)(
    "during the GitHub deployment's last status, on %s: the pipeline was Running, the step did not finish",
    async (signal) => {
      const [server, github] = await Promise.all([fake([{ name: 'p', phases: QUICK }]), serve(FakeGitHub.start())]);
      const statuses = () => github.requests.filter((request) => request.path.endsWith('/statuses'));
      // The in_progress status is answered; the last one hangs.
      github.hang = () => statuses().length > 1;
      const given = inputs(server, { environment: 'production', 'github-token': 'ghs_cancelTestToken0123456789' });
      const { child, done } = startAction(given, github.env());
      void watch(done, given);
      await until(() => statuses().length > 1);
      child.kill(signal);
      const run = await done;
      expect(expectReported(run, 'Cancelled').message).toBe(
        `Pipeline p was Running when the run was cancelled (${signal}), while recording the GitHub deployment's last status: the step did not finish, and left the pipeline as it was.`,
      );
      expect(run.outputs.status).toBe('Running');
    },
  );

  it("at the report's last line, as the process winds down, cannot kill it (soak seed 5119): tried eight times", async () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const server = await fake([
        { name: 'p', phases: QUICK, failWith: { error_code: 'RunnerCheckError', message: 'exited', details: null } },
      ]);
      const given = inputs(server, { logs: 'never' });
      const { child, done } = startAction(given);
      void watch(done, given);
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      await until(() => stdout.includes('::error title=Feldera pipeline p did not start::'));
      child.kill('SIGINT');
      const run = await done;
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      expect(run.outputs['error-code']).toBe('RunnerCheckError');
    }
  });

  it('after the report is written, changes nothing: the step keeps its word', async () => {
    const server = await fake([{ name: 'p', phases: QUICK }]);
    const given = inputs(server);
    const { child, done } = startAction(given);
    void watch(done, given);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // The verdict's line is printed by the report, which is written in one go.
    await until(() => stdout.includes('Pipeline p is Running after'));
    child.kill('SIGINT');
    const run = await done;
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'error-code': '', status: 'Running' });
    expect(run.annotations.filter((annotation) => annotation.level === 'error')).toEqual([]);
  });
});

describe('two signals in a row', () => {
  const twice = (child: ChildProcess) => {
    child.kill('SIGINT');
    child.kill('SIGTERM');
  };

  it('while waiting: the second changes nothing', async () => {
    const server = await fake([{ name: 'p', phases: STUCK }]);
    const given = inputs(server);
    const { child, done } = startAction(given);
    void watch(done, given);
    await until(() => server.calls('status').length >= 2);
    twice(child);
    const run = await done;
    // Which of the two the process handles first is the operating system's to say: the first counts, once.
    const message = expectReported(run, 'Cancelled').message;
    expect(message).toMatch(/^Stopped waiting: the run was cancelled \((SIGINT|SIGTERM)\) \(Provisioning for /);
    expect(message.match(/cancelled/g)).toHaveLength(1);
  });

  it('during a stop after a cancel: the stop still gets its moment, and the step its report', async () => {
    const server = await fake([{ name: 'p', phases: STUCK }]);
    server.fault('stop', { kind: 'hang' });
    const given = inputs(server, { 'stop-on-failure': 'true' });
    const { child, done } = startAction(given);
    void watch(done, given);
    await until(() => server.calls('status').length >= 2);
    child.kill('SIGINT');
    await until(() => server.calls('stop').length > 0);
    child.kill('SIGTERM');
    const run = await done;
    expect(expectReported(run, 'Cancelled').message).toContain(
      'It could not be stopped (stop-on-failure: true): the run was cancelled before it was Stopped.',
    );
    expect(run.outputs.stopped).toBe('false');
  });
});

describe('the post step', () => {
  it.each(SIGNALS)(
    'on %s while it stops the pipeline: ends by itself, warns, and never fails the job',
    async (signal) => {
      const server = await fake([{ name: 'p', phases: QUICK }]);
      const given = inputs(server, { 'stop-at-job-end': 'true' });
      const step = await act(given);
      expect(step.code).toBe(0);
      server.fault('stop', { kind: 'hang' });
      const { child, done } = startPost(given, step);
      void watch(done, given);
      await until(() => server.calls('stop').length > 0);
      child.kill(signal);
      const post = await done;
      expect(post.signal).toBeNull();
      expect(post.code).toBe(0);
      expect(post.annotations).toEqual([
        {
          level: 'warning',
          properties: 'title=Feldera pipeline p not stopped',
          message: 'Could not stop pipeline p at the end of the job: the run was cancelled before it was Stopped.',
        },
      ]);
      expect(post.summary).toContain('Could not stop pipeline p at the end of the job');
    },
  );
});
