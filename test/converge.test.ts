// if-deployed, end to end through the bundle: a pipeline already deployed is moved to the asked
// state from where it is (README "When the pipeline is already deployed"), or refused with why.
import { describe, expect, it } from 'vitest';
import type { FakeFeldera, PipelineScript } from './fake-feldera.ts';
import { endToEnd, errorAnnotation } from './harness.ts';
import { runPost, type ActionRun } from './run-action.ts';

const { fake, inputs, act, watch } = endToEnd();
const PHASES = [
  { status: 'Provisioning', ms: 40 },
  { status: 'Initializing', ms: 40 },
];

const results = (run: ActionRun) => JSON.parse(run.outputs.results ?? '{}') as Record<string, Record<string, string>>;
/** Every request but the edition read beside the first one: `POST /v0/pipelines/p/resume`. */
const writes = (server: FakeFeldera) =>
  server.requests.filter((request) => request.method === 'POST').map((request) => `${request.method} ${request.path}`);
const deployed = (initial: string, status: string, more: Partial<PipelineScript> = {}): PipelineScript => ({
  name: 'p',
  provisioned: { initial, status },
  ...more,
});

describe('if-deployed: converge', () => {
  it('resumes a pipeline started paused, waits for Running, and says what it found and did', async () => {
    // The stored status shows the move three reads late: the old desired status is the runner's lag, not a change.
    const server = await fake([deployed('paused', 'Paused', { moveLagReads: 3 })]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      status: 'Running',
      'desired-status': 'Running',
      transition: 'resume',
      'error-code': '',
    });
    expect(results(run).p?.transition).toBe('resume');
    expect(writes(server)).toEqual(['POST /v0/pipelines/p/resume']);
    // Decided from one read before the call.
    expect(server.requests.findIndex((request) => request.path.endsWith('/resume'))).toBeGreaterThan(
      server.requests.findIndex((request) => request.query.selector === 'status'),
    );
    expect(run.stdout).toMatch(
      /^Pipeline p is Paused since \d\d:\d\d UTC \(started paused\): moving it to Running with POST \/resume \(if-deployed: converge\)\.$/m,
    );
    expect(run.summary).toMatch(/^- \*\*Transition\*\*: was Paused since \d\d:\d\d UTC \(started paused\); resumed$/m);
    expect(run.annotations).toEqual([]);
  });

  it('pauses a running pipeline asked for paused', async () => {
    const server = await fake([deployed('running', 'Running')]);
    const run = await act(inputs(server, { initial: 'paused' }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Paused', transition: 'pause' });
    expect(writes(server)).toEqual(['POST /v0/pipelines/p/pause']);
    expect(run.summary).toContain('; paused\n');
  });

  it.each(['running', 'paused'])(
    'activates a standby pipeline asked for %s (Enterprise), through Initializing',
    async (initial) => {
      const server = await fake([deployed('standby', 'Standby')], { edition: 'Enterprise' });
      const run = await act(inputs(server, { initial }));
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({
        status: initial === 'running' ? 'Running' : 'Paused',
        transition: 'activate',
      });
      expect(server.calls('activate').map((request) => request.query)).toEqual([{ initial }]);
      expect(writes(server)).toHaveLength(1);
      expect(run.stdout).toMatch(/\] Initializing \(desired (Running|Paused)\)$/m);
    },
  );

  it('sends nothing to a pipeline already in the asked state, and checks its health all the same', async () => {
    const server = await fake([deployed('running', 'Running')]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', transition: 'none', connectors: '[]' });
    expect(writes(server)).toEqual([]);
    expect(server.calls('stats').length).toBeGreaterThan(0);
    expect(run.summary).toMatch(/^- \*\*Transition\*\*: was Running since .*\(started running\); nothing to do$/m);
  });

  it('reports transition start for a stopped pipeline, as before', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const run = await act(inputs(server));
    expect(run.outputs).toMatchObject({ status: 'Running', transition: 'start' });
    expect(writes(server)).toEqual(['POST /v0/pipelines/p/dismiss_error', 'POST /v0/pipelines/p/start']);
    expect(run.summary).toMatch(/^- \*\*Transition\*\*: was Stopped since \d\d:\d\d UTC; started$/m);
  });

  it.each([
    [
      'Running asked for standby',
      deployed('running', 'Running'),
      'standby',
      /^Pipeline p is Running: a pipeline out of standby cannot go back to Standby\. Hint: stop it, then start it with initial: standby; or ask for initial: running\.$/,
    ],
    [
      'Bootstrapping towards Paused asked for running',
      { name: 'p', provisioned: { initial: 'paused', status: 'Bootstrapping', desired: 'Paused' } },
      'running',
      /is Bootstrapping \(desired Paused\): .* Hint: wait until it is Paused/,
    ],
    [
      'AwaitingApproval towards Running asked for paused',
      { name: 'p', provisioned: { initial: 'running', status: 'AwaitingApproval', desired: 'Running' } },
      'paused',
      /is AwaitingApproval \(desired Running\).* Hint: approve its changes/,
    ],
    [
      'Replaying towards Running asked for paused',
      { name: 'p', provisioned: { initial: 'running', status: 'Replaying', desired: 'Running' } },
      'paused',
      /is Replaying/,
    ],
  ] as const)('refuses %s before any change, saying why and what to do', async (_name, script, initial, message) => {
    const server = await fake([script], { edition: 'Enterprise' });
    const run = await act(inputs(server, { initial, 'stop-on-failure': 'true', logs: 'never' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'error-code': 'CannotConverge', transition: '', stopped: 'false' });
    expect(writes(server)).toEqual([]);
    expect(errorAnnotation(run).message).toMatch(message);
    expect(run.summary).toContain('; not moved\n');
  });

  it('quotes the community edition’s 501 on /activate, with a hint that names the edition', async () => {
    const server = await fake([deployed('standby', 'Standby')]);
    const run = await act(inputs(server, { logs: 'never' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'error-code': 'EnterpriseFeature', transition: '' });
    expect(errorAnnotation(run).message).toMatch(
      /^POST http:\S+\/v0\/pipelines\/p\/activate\?initial=running failed: 501 EnterpriseFeature: Cannot use enterprise-only feature \(start from object store \(S3\)\) in Feldera community edition\. Hint: .*open-source edition/,
    );
  });

  it('converges once after a start that raced with someone else’s: read again, wait for it to come up, resume it', async () => {
    // Held for the step's first read after the race, however slow the machine: it must wait for the pipeline.
    const phases = [{ status: 'Provisioning', reads: 1 }, ...PHASES.slice(1)];
    const server = await fake([{ name: 'p', phases, startedMeanwhile: { initial: 'paused' } }]);
    const given = inputs(server, { 'stop-at-job-end': 'true' });
    const run = await act(given);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', transition: 'resume' });
    expect(
      server.responses.filter((response) => response.endpoint === 'start').map((response) => response.status),
    ).toEqual([400]);
    expect(writes(server)).toEqual([
      'POST /v0/pipelines/p/dismiss_error',
      'POST /v0/pipelines/p/start',
      'POST /v0/pipelines/p/resume',
    ]);
    // Resumed only once it was Paused: the move came after the other start reached its state.
    const paused = server.timeline.find((entry) => entry.status === 'Paused')!;
    expect(server.calls('resume')[0]!.at).toBeGreaterThan(paused.at);
    expect(run.stdout).toContain(
      'Someone else started the pipeline since the step read its status (InitialImmutableUnlessStopped); reading it again.',
    );
    expect(run.summary).toMatch(/^- \*\*Transition\*\*: was Stopped since .*; resumed once it was Paused$/m);
    // Not this step's start: the post step leaves it.
    expect(run.state.started).toBeUndefined();
    const post = await watch(runPost(given, run), given);
    expect(post.code).toBe(0);
    expect(server.calls('stop')).toEqual([]);
  });

  it('quotes Feldera on a 400 InvalidTransition, and retries a 503 from the manager while the pipeline is out of reach', async () => {
    const json = { 'content-type': 'application/json', 'retry-after': '0' };
    const notDeployed = {
      message: 'Unable to interact with pipeline',
      error_code: 'PipelineInteractionNotDeployed',
      details: { pipeline_name: 'p', status: 'Provisioning', desired_status: 'Provisioned' },
    };
    const retried = await fake([deployed('paused', 'Paused')]);
    retried.fault('resume', { kind: 'status', status: 503, body: JSON.stringify(notDeployed), headers: json }, 2);
    const recovered = await act(inputs(retried));
    expect(recovered.code).toBe(0);
    expect(recovered.outputs).toMatchObject({ status: 'Running', transition: 'resume' });
    expect(retried.calls('resume')).toHaveLength(3);
    expect(recovered.stdout).toMatch(
      /503 PipelineInteractionNotDeployed: Unable to interact with pipeline; trying again in/,
    );

    const refused = await fake([deployed('paused', 'Paused')]);
    const invalid = {
      message: 'Cannot execute start transition starting from Suspended',
      error_code: 'InvalidTransition',
      details: ['start', 'Suspended'],
    };
    refused.fault('resume', { kind: 'status', status: 400, body: JSON.stringify(invalid), headers: json });
    const run = await act(inputs(refused, { logs: 'never' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'error-code': 'InvalidTransition', transition: '' });
    expect(errorAnnotation(run).message).toMatch(
      /\/resume failed: 400 InvalidTransition: Cannot execute start transition starting from Suspended\. Hint: the pipeline process refused the move/,
    );
  });

  it('warns that the bootstrap inputs do not apply to a pipeline it only moves', async () => {
    const server = await fake([
      { name: 'p', provisioned: { initial: 'paused', status: 'Paused', bootstrap: { policy: 'allow' } } },
    ]);
    const run = await act(inputs(server, { 'silent-bootstrap': 'true' }));
    expect(run.code).toBe(0);
    expect(run.outputs.transition).toBe('resume');
    const warnings = run.annotations.filter(({ level }) => level === 'warning').map(({ message }) => message);
    expect(warnings).toEqual([
      'Pipeline p keeps the bootstrap settings it was started with: bootstrap-policy await_approval (started with allow), silent-bootstrap true (started with false) apply to a start only (Feldera would refuse them with BootstrapPolicyImmutableUnlessStopped). To use them, stop the pipeline and run the step again.',
    ]);
  });

  it('moves several pipelines each its own way, and the post step stops only the one it started', async () => {
    const server = await fake([
      { name: 'a', phases: PHASES },
      { ...deployed('paused', 'Paused'), name: 'b' },
      { ...deployed('running', 'Running'), name: 'c' },
      { name: 'd', provisioned: { initial: 'paused', status: 'Bootstrapping', desired: 'Paused' } },
    ]);
    const given = inputs(server, { 'pipeline-name': 'a b c d', 'stop-at-job-end': 'true', logs: 'never' });
    const run = await act(given);
    expect(run.code).toBe(1);
    expect(
      Object.fromEntries(
        Object.entries(results(run)).map(([name, values]) => [
          name,
          [values.transition, values.status, values['error-code']],
        ]),
      ),
    ).toEqual({
      a: ['start', 'Running', ''],
      b: ['resume', 'Running', ''],
      c: ['none', 'Running', ''],
      d: ['', 'Bootstrapping', 'CannotConverge'],
    });
    expect(writes(server).sort()).toEqual([
      'POST /v0/pipelines/a/dismiss_error',
      'POST /v0/pipelines/a/start',
      'POST /v0/pipelines/b/resume',
    ]);
    expect(run.summary).toMatch(/^\| \[b\]\(http.*\) \| Running \| ✅ reached \| Running \| resume \|/m);
    expect(run.state.started).toBe('["a"]');
    const post = await watch(runPost(given, run), given);
    expect(post.code).toBe(0);
    expect(server.calls('stop').map((request) => request.path)).toEqual(['/v0/pipelines/a/stop']);
  });

  it('converges with more than ten pipelines, whose statuses come from one list: the read after a refused start is the pipeline’s own', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `p${i}`);
    const server = await fake(
      names.map((name, i): PipelineScript =>
        i === 0
          ? { name, phases: PHASES, startedMeanwhile: { initial: 'paused' } }
          : i === 1
            ? { ...deployed('paused', 'Paused'), name }
            : { name, phases: PHASES },
      ),
    );
    const run = await act(
      inputs(server, { 'pipeline-name': names.join(' '), 'poll-interval': '200ms', logs: 'never' }),
    );
    expect(run.code, JSON.stringify(run.annotations)).toBe(0);
    expect(names.map((name) => results(run)[name]?.transition)).toEqual([
      'resume',
      'resume',
      ...names.slice(2).map(() => 'start'),
    ]);
    expect(server.calls('list').length).toBeGreaterThan(0);
    // The decisions came from the list: a read of its own only after each call.
    expect(
      server
        .calls('status')
        .map((request) => request.path.split('/')[3])
        .sort(),
    ).toEqual(['p0', 'p0', 'p1', ...names.slice(2)].sort());
  });

  it('leaves a resumed pipeline as it is when its health check fails, even with stop-on-failure', async () => {
    const connectors = [
      {
        name: 'in',
        direction: 'input' as const,
        stream: 't',
        states: [{ at: 0, fatalError: 'Failed to connect to host: Connection refused' }],
      },
    ];
    const server = await fake([deployed('paused', 'Paused', { connectors })]);
    const run = await act(inputs(server, { 'stop-on-failure': 'true', logs: 'never' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'error-code': 'ConnectorFailed', transition: 'resume', stopped: 'false' });
    expect(server.calls('stop')).toEqual([]);
  });
});

describe('if-deployed: fail', () => {
  it('sends /start as before, and quotes Feldera’s InitialImmutableUnlessStopped with the hint', async () => {
    const server = await fake([deployed('paused', 'Paused')]);
    const run = await act(inputs(server, { 'if-deployed': 'fail', logs: 'never' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'error-code': 'InitialImmutableUnlessStopped', transition: '' });
    // A deployed pipeline holds no error to dismiss: that comes with desired Stopped.
    expect(writes(server)).toEqual(['POST /v0/pipelines/p/start']);
    expect(errorAnnotation(run).message).toMatch(
      /400 InitialImmutableUnlessStopped: Initial desired runtime status cannot be changed unless the pipeline is desired to become Stopped\. Hint: .*set if-deployed: converge/,
    );
  });

  it('fails a pipeline started with this initial and paused since: Feldera accepts the /start and leaves it Paused', async () => {
    const server = await fake([{ name: 'p', provisioned: { initial: 'running', status: 'Paused' } }]);
    const run = await act(inputs(server, { 'if-deployed': 'fail', 'stop-at-job-end': 'true', logs: 'never' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'error-code': 'DesiredStatusChanged', transition: '' });
    expect(errorAnnotation(run).message).toMatch(
      /Hint: run the step again with if-deployed: converge \(the default\) to move it to Running, stop it first, or ask for initial: paused\./,
    );
    expect(run.state.started).toBeUndefined();
  });

  it('reports none for a pipeline already running as asked, and does not count it as this step’s start', async () => {
    const server = await fake([deployed('running', 'Running')]);
    const run = await act(inputs(server, { 'if-deployed': 'fail', 'stop-at-job-end': 'true' }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', transition: 'none' });
    expect(server.calls('start')).toHaveLength(1);
    expect(run.state.started).toBeUndefined();
  });
});

it('refuses an if-deployed that is neither converge nor fail, before any request', async () => {
  const server = await fake([deployed('paused', 'Paused')]);
  const run = await act(inputs(server, { 'if-deployed': 'restart' }));
  expect(run.code).toBe(1);
  expect(run.outputs).toMatchObject({ 'error-code': 'InvalidInput', transition: '' });
  expect(errorAnnotation(run).message).toBe('Invalid input:\n- if-deployed "restart" is not one of converge, fail.');
  expect(server.requests).toEqual([]);
});
