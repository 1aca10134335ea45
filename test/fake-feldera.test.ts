// The fake Feldera itself, driven with plain fetch: each rule where it follows the manager's source
// (crates/pipeline-manager/src, file named in each test), and every answer it gives for the
// action's endpoints checked against Feldera's openapi.json of the version it answers as: 0.375's
// under test/feldera-spec/, 0.337's when ../shared has it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeFeldera, LargeText, type FakeOptions, type FakeResponse, type PipelineScript } from './fake-feldera.ts';
import { jwt } from './fake-oidc.ts';
import { checkAnswers, NEWEST_SPEC, NEWEST_SPEC_SHA256, OLDER_SPEC } from './openapi-check.ts';
import { answersAsNewest, APPROVAL_DIFF, NEWEST_FELDERA } from './fixtures.ts';

const KEY = `apikey:${'f3'.repeat(64)}`;
const servers: FakeFeldera[] = [];
/** Every answer of every fake of this file, for the check against openapi.json at the end. */
const answered: FakeResponse[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    answered.push(...server.responses);
    await server.close();
  }
});

async function fake(scripts: PipelineScript[], options: Omit<FakeOptions, 'pipelines'> = {}): Promise<FakeFeldera> {
  const server = await FakeFeldera.start({ pipelines: scripts, apiKey: KEY, ...options });
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function call(
  server: FakeFeldera,
  method: 'GET' | 'POST',
  path: string,
  authorization: string | null = `Bearer ${KEY}`,
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, { method, headers: authorization ? { authorization } : {} });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

type Status = Record<string, unknown>;
const status = async (server: FakeFeldera, name = 'p') =>
  (await call(server, 'GET', `/v0/pipelines/${name}?selector=status`)).json as Status;

/** Reads the status until `until` holds; the fake's phases are tens of milliseconds. */
async function readUntil(server: FakeFeldera, until: (status: Status) => boolean, name = 'p'): Promise<Status> {
  for (let read = 0; read < 500; read++) {
    const current = await status(server, name);
    if (until(current)) return current;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no status read matched: ${until.toString()}`);
}

const PHASES = [
  { status: 'Provisioning', ms: 20 },
  { status: 'Initializing', ms: 20 },
];
const MODIFIED: PipelineScript = {
  name: 'p',
  phases: [...PHASES, { status: 'AwaitingApproval', ms: 0 }, { status: 'Bootstrapping', ms: 20 }],
  approvalDiff: { diff: APPROVAL_DIFF },
};

describe('the fake Feldera', () => {
  it('answers GET /v0/config with a Configuration, Open source by default (api/endpoints/config.rs)', async () => {
    const open = await fake([]);
    const config = await call(open, 'GET', '/v0/config');
    expect(config.status).toBe(200);
    expect(config.json).toMatchObject({ edition: 'Open source', version: '0.337.0', build_source: 'ci' });
    const enterprise = await fake([], { edition: 'Enterprise', version: '0.340.1' });
    expect((await call(enterprise, 'GET', '/v0/config')).json).toMatchObject({
      edition: 'Enterprise',
      version: '0.340.1',
    });
    expect(enterprise.calls('config')).toHaveLength(1);
  });

  it(`answers as ${NEWEST_FELDERA} with its new fields, and as 0.337 without them (openapi-${NEWEST_FELDERA}.json, feldera-types ${NEWEST_FELDERA} adapter_stats.rs)`, async () => {
    const connectors: PipelineScript['connectors'] = [
      { name: 'v.out', direction: 'output', stream: 'v', states: [{ at: 0, paused: true }] },
      { name: 'w.out', direction: 'output', stream: 'w' },
    ];
    const script: PipelineScript = { name: 'p', phases: PHASES, connectors };
    const [older, newest] = [await fake([script]), await fake([script], { version: NEWEST_FELDERA })];
    for (const server of [older, newest]) {
      await call(server, 'POST', '/v0/pipelines/p/start');
      await readUntil(server, (s) => s.deployment_status === 'Running');
    }
    expect((await call(newest, 'GET', '/v0/config')).json).toMatchObject({
      version: NEWEST_FELDERA,
      allow_rust_udfs: true,
    });
    expect((await call(older, 'GET', '/v0/config')).json).not.toHaveProperty('allow_rust_udfs');
    expect((await call(newest, 'GET', '/v0/pipelines/p')).json).toMatchObject({ deployment_config: null });
    expect((await call(newest, 'GET', '/v0/pipelines/p?selector=status')).json).not.toHaveProperty('deployment_config');
    expect((await call(older, 'GET', '/v0/pipelines/p')).json).not.toHaveProperty('deployment_config');

    type Stats = { global_metrics: Record<string, unknown>; outputs: { endpoint_name: string; paused?: boolean }[] };
    const stats = (await call(newest, 'GET', '/v0/pipelines/p/stats')).json as Stats;
    expect(stats.global_metrics).toMatchObject({ platform_version: NEWEST_FELDERA, runtime_version: NEWEST_FELDERA });
    expect(stats.outputs.map((output) => [output.endpoint_name, output.paused])).toEqual([
      ['v.out', true],
      ['w.out', false],
    ]);
    const olderStats = (await call(older, 'GET', '/v0/pipelines/p/stats')).json as Stats;
    expect(olderStats.global_metrics).not.toHaveProperty('platform_version');
    expect(olderStats.outputs.map((output) => 'paused' in output)).toEqual([false, false]);
  });

  it(`ends /logs after the buffer with follow=false as ${NEWEST_FELDERA}; 0.337 ignores the parameter and keeps streaming (api/endpoints/pipeline_management.rs)`, async () => {
    const script: PipelineScript = { name: 'p', logLines: ['first', 'second'], logEveryMs: 20 };
    const newest = await fake([script], { version: NEWEST_FELDERA });
    const buffered = await fetch(`${newest.url}/v0/pipelines/p/logs?follow=false`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(await buffered.text()).toBe('first\nsecond\n');
    const notBoolean = await call(newest, 'GET', '/v0/pipelines/p/logs?follow=no');
    expect([notBoolean.status, notBoolean.text]).toEqual([
      400,
      'Query deserialize error: provided string was not `true` or `false`',
    ]);

    const older = await fake([script]);
    const streaming = await fetch(`${older.url}/v0/pipelines/p/logs?follow=false`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    // A line the fake wrote after the buffer arrives: the response did not end there.
    let text = '';
    for await (const chunk of streaming.body!.pipeThrough(new TextDecoderStream())) {
      text += chunk;
      if (text.includes('tick 1\n')) break;
    }
    expect(text.startsWith('first\nsecond\n')).toBe(true);
  });

  it('answers an unknown pipeline with UnknownPipelineName on every route, and an unknown path with an empty 404', async () => {
    const server = await fake([{ name: 'p' }]);
    for (const [method, path] of [
      ['GET', '/v0/pipelines/nope'],
      ['POST', '/v0/pipelines/nope/start'],
      ['POST', '/v0/pipelines/nope/stop?force=true'],
      ['POST', '/v0/pipelines/nope/approve'],
      ['GET', '/v0/pipelines/nope/logs'],
    ] as const) {
      const answer = await call(server, method, path);
      expect(answer.status, path).toBe(404);
      expect(answer.json, path).toEqual({
        message: "Unknown pipeline name 'nope'",
        error_code: 'UnknownPipelineName',
        details: { pipeline_name: 'nope' },
      });
    }
    const unknown = await call(server, 'GET', '/v0/nothing-here');
    expect([unknown.status, unknown.text]).toEqual([404, '']);
  });

  it('keeps the bootstrap policy through /approve: a repeat /start with the same arguments is a 202 (db/operations/pipeline.rs)', async () => {
    const server = await fake([MODIFIED]);
    const start =
      '/v0/pipelines/p/start?initial=running&bootstrap_policy=await_approval&silent_bootstrap=false&concurrent_bootstrap=false&dismiss_error=false';
    expect((await call(server, 'POST', start)).status).toBe(202);
    await readUntil(server, (s) => s.deployment_status === 'AwaitingApproval');
    expect((await call(server, 'POST', '/v0/pipelines/p/approve')).status).toBe(200);
    expect((await status(server)).bootstrap_policy).toBe('await_approval');
    expect((await call(server, 'POST', start)).status).toBe(202);
    const other = await call(server, 'POST', start.replace('await_approval', 'allow'));
    expect([other.status, (other.json as { error_code: string }).error_code]).toEqual([
      400,
      'BootstrapPolicyImmutableUnlessStopped',
    ]);
  });

  it('shows AwaitingApproval for a read or two after /approve, until the runner sees it move on (api/endpoints/pipeline_interaction.rs)', async () => {
    const server = await fake([{ ...MODIFIED, approveLagReads: 2 }]);
    await call(server, 'POST', '/v0/pipelines/p/start');
    await readUntil(server, (s) => s.deployment_status === 'AwaitingApproval');
    expect((await call(server, 'POST', '/v0/pipelines/p/approve')).json).toBe('Bootstrap approved');
    const after = [await status(server), await status(server)];
    expect(after.map((s) => s.deployment_status)).toEqual(['AwaitingApproval', 'AwaitingApproval']);
    expect(after[0]!.deployment_runtime_status_details).toEqual({ approval_diff: APPROVAL_DIFF });
    expect((await status(server)).deployment_status).not.toBe('AwaitingApproval');
    expect(server.timeline.map((entry) => entry.status)).toContain('Initializing');
  });

  it('has desired Unavailable during an Unavailable blip, and refuses /approve then with 503 PipelineUnavailable (runner/interaction.rs)', async () => {
    const server = await fake([{ name: 'p', phases: [...PHASES, { status: 'Unavailable', ms: 60_000 }] }]);
    await call(server, 'POST', '/v0/pipelines/p/start');
    const blip = await readUntil(server, (s) => s.deployment_status === 'Unavailable');
    expect(blip).toMatchObject({
      deployment_desired_status: 'Unavailable',
      deployment_runtime_desired_status: 'Unavailable',
    });
    expect(blip.deployment_runtime_status_details).toEqual({ reason: expect.stringContaining('could not be reached') });
    const approve = await call(server, 'POST', '/v0/pipelines/p/approve');
    expect(approve.status).toBe(503);
    expect(approve.headers.get('retry-after')).toBe('5');
    expect(approve.json).toMatchObject({ error_code: 'PipelineUnavailable', details: { pipeline_name: 'p' } });
  });

  it('refuses credentials as auth.rs does: JSON for a bad API key, a bare 401 with error_description for a JWT, a bare 401 without a header', async () => {
    const server = await fake([{ name: 'p' }], {
      acceptToken: (token) => token === 'never' || 'No OIDC trust relationship matches this token',
    });
    const badKey = await call(server, 'GET', '/v0/pipelines/p', 'Bearer apikey:revoked');
    expect([badKey.status, badKey.headers.get('content-type')]).toEqual([401, 'text/plain']);
    expect(badKey.json).toEqual({ message: 'Unauthorized API key', error_code: 'AuthenticationFailed' });
    const token = jwt({ iss: 'https://token.actions.githubusercontent.com', aud: 'feldera' });
    const refusedJwt = await call(server, 'GET', '/v0/config', `Bearer ${token}`);
    expect([refusedJwt.status, refusedJwt.text]).toEqual([401, '']);
    expect(refusedJwt.headers.get('www-authenticate')).toBe(
      'Bearer error_description="No OIDC trust relationship matches this token"',
    );
    const none = await call(server, 'POST', '/v0/pipelines/p/start', null);
    expect([none.status, none.text, none.headers.get('www-authenticate')]).toEqual([401, '', 'Bearer']);
    expect(server.refused).toBe(3);
    // Without an auth provider the header is ignored.
    const open = await fake([{ name: 'p' }], { apiKey: undefined });
    expect((await call(open, 'GET', '/v0/pipelines/p', null)).status).toBe(200);
  });

  it('refuses initial=standby without file storage with sync, and starts it with (db/operations/pipeline.rs)', async () => {
    const server = await fake(
      [
        { name: 'p', phases: PHASES },
        { name: 'q', phases: PHASES, fileStorageWithSync: true },
      ],
      { edition: 'Enterprise' },
    );
    const refused = await call(server, 'POST', '/v0/pipelines/p/start?initial=standby');
    expect([refused.status, (refused.json as { error_code: string }).error_code]).toEqual([
      400,
      'InitialStandbyNotAllowed',
    ]);
    expect((await call(server, 'POST', '/v0/pipelines/q/start?initial=standby')).status).toBe(202);
    const standby = await readUntil(server, (s) => s.deployment_status === 'Standby', 'q');
    expect(standby).toMatchObject({ deployment_desired_status: 'Standby', deployment_runtime_status_details: {} });
  });

  it('fails a standby pipeline on the open-source edition, as its checkpoint pull is Enterprise-only (adapters/src/controller.rs)', async () => {
    const server = await fake([{ name: 'p', phases: PHASES, fileStorageWithSync: true }]);
    expect((await call(server, 'POST', '/v0/pipelines/p/start?initial=standby')).status).toBe(202);
    const failed = await readUntil(server, (s) => s.deployment_error !== null);
    expect(failed).toMatchObject({
      deployment_desired_status: 'Stopped',
      deployment_error: { error_code: 'EnterpriseFeature' },
    });
  });

  it('parses silent_bootstrap and concurrent_bootstrap as booleans, refuses both, stores and compares them (api/endpoints/pipeline_management.rs)', async () => {
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', ms: 60_000 }] }]);
    const notBoolean = await call(server, 'POST', '/v0/pipelines/p/start?silent_bootstrap=yes');
    expect([notBoolean.status, notBoolean.text]).toEqual([
      400,
      'Query deserialize error: provided string was not `true` or `false`',
    ]);
    const badPolicy = await call(server, 'POST', '/v0/pipelines/p/start?bootstrap_policy=ask');
    expect([badPolicy.status, badPolicy.json]).toEqual([400, undefined]);
    for (const path of ['/v0/pipelines/p/start', '/v0/pipelines/p/approve']) {
      const both = await call(server, 'POST', `${path}?silent_bootstrap=true&concurrent_bootstrap=true`);
      expect(both.status, path).toBe(400);
      expect(both.json, path).toMatchObject({
        error_code: 'InvalidBootstrapConfig',
        details: { reason: expect.stringContaining('mutually exclusive') },
      });
    }
    expect((await call(server, 'POST', '/v0/pipelines/p/start?concurrent_bootstrap=true')).status).toBe(202);
    expect(await status(server)).toMatchObject({
      bootstrap_policy: 'await_approval',
      silent_bootstrap: false,
      concurrent_bootstrap: true,
    });
    expect((await call(server, 'POST', '/v0/pipelines/p/start?concurrent_bootstrap=true')).status).toBe(202);
    const changed = await call(server, 'POST', '/v0/pipelines/p/start?silent_bootstrap=true');
    expect((changed.json as { error_code: string }).error_code).toBe('BootstrapPolicyImmutableUnlessStopped');
  });

  it('clears deployment_initial and the bootstrap settings on a stop, and gives the runtime details the manager gives (db/operations/pipeline.rs, runner/pipeline_automata.rs)', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: [
          { status: 'Provisioning', ms: 20 },
          { status: 'Initializing', reads: 1 },
        ],
      },
    ]);
    await call(server, 'POST', '/v0/pipelines/p/start?initial=paused&bootstrap_policy=allow&silent_bootstrap=true');
    const initializing = await readUntil(server, (s) => s.deployment_status === 'Initializing');
    expect(initializing).toMatchObject({
      deployment_initial: 'Paused',
      bootstrap_policy: 'allow',
      silent_bootstrap: true,
      deployment_runtime_status_details: { reason: 'initializing set by the runner' },
    });
    const paused = await readUntil(server, (s) => s.deployment_status === 'Paused');
    expect(paused.deployment_runtime_status_details).toEqual({ connector_stats: { num_errors: 0 } });
    await call(server, 'POST', '/v0/pipelines/p/stop?force=true');
    const stopping = await status(server);
    expect(stopping).toMatchObject({
      deployment_status: 'Stopping',
      deployment_initial: null,
      bootstrap_policy: null,
      silent_bootstrap: false,
      concurrent_bootstrap: false,
    });
    expect(stopping.deployment_runtime_status_details).toBeNull();
  });

  it('fails a pipeline at the crash.afterReads-th status read at its target, and tells onRequest of each request before it answers', async () => {
    const crash = { error_code: 'WorkerPanic', message: 'worker 3 panicked', details: null };
    const server = await fake([{ name: 'p', phases: PHASES, crash: { afterReads: 2, error: crash } }]);
    const told: string[] = [];
    server.onRequest = (request, endpoint) => {
      told.push(`${endpoint ?? '?'} ${server.responses.length}`);
      if (endpoint === 'stats') server.fault('stats', { kind: 'status', status: 504 });
    };
    await call(server, 'POST', '/v0/pipelines/p/start');
    await readUntil(server, (s) => s.deployment_status === 'Running');
    expect((await status(server)).deployment_status).toBe('Running');
    expect(await status(server)).toMatchObject({ deployment_desired_status: 'Stopped', deployment_error: crash });
    expect((await call(server, 'GET', '/v0/pipelines/p/stats')).status).toBe(504);
    // Told before each answer: the answers so far do not include its own.
    expect(told.slice(0, 2)).toEqual(['start 0', 'status 1']);
    expect(told.at(-1)).toBe(`stats ${server.responses.length}`);
    expect(server.responses.every((response, i) => i === 0 || response.at >= server.responses[i - 1]!.at)).toBe(true);
  });

  it('counts toward crash.afterReads only the reads that show the target, not an AwaitingApproval that lingers after /approve', async () => {
    const crash = { error_code: 'RunnerCheckError', message: 'exited', details: null };
    const server = await fake([
      {
        name: 'p',
        phases: [{ status: 'AwaitingApproval', ms: 0 }],
        approveLagReads: 2,
        crash: { afterReads: 1, error: crash },
      },
    ]);
    await call(server, 'POST', '/v0/pipelines/p/start');
    await readUntil(server, (s) => s.deployment_status === 'AwaitingApproval');
    await call(server, 'POST', '/v0/pipelines/p/approve');
    const reads = [await status(server), await status(server), await status(server), await status(server)];
    expect(reads.map((s) => s.deployment_status)).toEqual([
      'AwaitingApproval',
      'AwaitingApproval',
      'Running',
      'Stopping',
    ]);
    expect(reads[3]).toMatchObject({ deployment_error: crash });
  });

  it('answers /pause and /resume at once, and shows the move a read later: first the desired status, then the status (adapters/src/server.rs state_transition)', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    await call(server, 'POST', '/v0/pipelines/p/start');
    await readUntil(server, (s) => s.deployment_status === 'Running');
    const pause = await call(server, 'POST', '/v0/pipelines/p/pause');
    expect([pause.status, pause.json]).toEqual([202, 'Pipeline transitioning from Running to Paused']);
    const reads = [await status(server), await status(server), await status(server)];
    expect(
      reads.map((s) => [s.deployment_status, s.deployment_desired_status, s.deployment_runtime_desired_status]),
    ).toEqual([
      ['Running', 'Running', 'Running'],
      ['Running', 'Paused', 'Paused'],
      ['Paused', 'Paused', 'Paused'],
    ]);
    // deployment_initial keeps the first start's value, as a real Feldera 0.300 does (DRIFT.md).
    expect(reads[2]!.deployment_initial).toBe('Running');
    const again = await call(server, 'POST', '/v0/pipelines/p/pause');
    expect([again.status, again.json]).toEqual([202, 'Pipeline transitioning from Paused to Paused']);
    const resume = await call(server, 'POST', '/v0/pipelines/p/resume');
    expect([resume.status, resume.json]).toEqual([202, 'Pipeline transitioning from Paused to Running']);
    await readUntil(server, (s) => s.deployment_status === 'Running');
    // The first start's initial still holds: a /start with another is refused, with the details Feldera 0.300 sent.
    const start = await call(server, 'POST', '/v0/pipelines/p/start?initial=paused');
    expect([start.status, start.json]).toEqual([
      400,
      expect.objectContaining({ error_code: 'InitialImmutableUnlessStopped', details: {} }),
    ]);
  });

  it('refuses /pause and /resume with 503 while there is no pipeline process to forward to (runner/interaction.rs)', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: [
          { status: 'Provisioning', ms: 20 },
          { status: 'Initializing', ms: 20 },
          { status: 'Unavailable', ms: 60_000 },
        ],
      },
    ]);
    const stopped = await call(server, 'POST', '/v0/pipelines/p/resume');
    expect([stopped.status, stopped.headers.get('retry-after')]).toEqual([503, '5']);
    expect(stopped.json).toMatchObject({
      error_code: 'PipelineInteractionNotDeployed',
      details: { pipeline_name: 'p', status: 'Stopped', desired_status: 'Stopped' },
    });
    await call(server, 'POST', '/v0/pipelines/p/start');
    await readUntil(server, (s) => s.deployment_status === 'Unavailable');
    expect((await call(server, 'POST', '/v0/pipelines/p/pause')).json).toMatchObject({
      error_code: 'PipelineUnavailable',
    });
  });

  it('takes a move while the pipeline initializes, and comes up in the new desired status (adapters/src/server.rs)', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: [
          { status: 'Provisioning', ms: 20 },
          { status: 'Initializing', ms: 300 },
        ],
      },
    ]);
    await call(server, 'POST', '/v0/pipelines/p/start?initial=running');
    await readUntil(server, (s) => s.deployment_status === 'Initializing');
    expect((await call(server, 'POST', '/v0/pipelines/p/pause')).json).toBe(
      'Pipeline transitioning from Running to Paused',
    );
    const up = await readUntil(server, (s) => s.deployment_status !== 'Initializing');
    expect(up).toMatchObject({
      deployment_status: 'Paused',
      deployment_desired_status: 'Paused',
      deployment_initial: 'Running',
    });
  });

  it('refuses a move out of standby but /activate, and a move from where feldera-types may_transition_to forbids it, with InvalidTransition', async () => {
    const server = await fake(
      [
        { name: 's', provisioned: { initial: 'standby', status: 'Standby' } },
        { name: 'x', provisioned: { initial: 'running', status: 'Running', desired: 'Suspended' } },
      ],
      {
        edition: 'Enterprise',
      },
    );
    const pause = await call(server, 'POST', '/v0/pipelines/s/pause');
    expect([pause.status, pause.json]).toEqual([
      400,
      {
        message: 'Cannot execute pause transition starting from Standby',
        error_code: 'InvalidTransition',
        details: ['pause', 'Standby'],
      },
    ]);
    // The manager forwards /resume as the pipeline's /start.
    expect((await call(server, 'POST', '/v0/pipelines/s/resume')).json).toMatchObject({
      message: 'Cannot execute start transition starting from Standby',
    });
    expect((await call(server, 'POST', '/v0/pipelines/x/resume')).json).toMatchObject({
      error_code: 'InvalidTransition',
      details: ['start', 'Suspended'],
    });
  });

  it('serves /activate on Enterprise: out of standby through Initializing, running or paused only; 501 EnterpriseFeature on the community edition', async () => {
    const enterprise = await fake(
      [
        { name: 'p', provisioned: { initial: 'standby', status: 'Standby' } },
        { name: 'r', provisioned: { initial: 'running', status: 'Running' } },
      ],
      {
        edition: 'Enterprise',
      },
    );
    const standby = await call(enterprise, 'POST', '/v0/pipelines/p/activate?initial=standby');
    expect([standby.status, standby.json]).toEqual([
      400,
      {
        message: 'Invalid activation status Standby (only running and paused are valid)',
        error_code: 'InvalidActivateStatus',
        details: 'Standby',
      },
    ]);
    const capital = await call(enterprise, 'POST', '/v0/pipelines/p/activate?initial=Running');
    expect([capital.status, capital.json, capital.text]).toEqual([
      400,
      undefined,
      expect.stringContaining('Query deserialize error: unknown variant `Running`'),
    ]);
    const activate = await call(enterprise, 'POST', '/v0/pipelines/p/activate?initial=paused');
    expect([activate.status, activate.json]).toEqual([202, 'Pipeline transitioning from Standby to Paused']);
    const reads = [
      await status(enterprise),
      await status(enterprise),
      await status(enterprise),
      await status(enterprise),
    ];
    expect(reads.map((s) => `${String(s.deployment_status)}/${String(s.deployment_desired_status)}`)).toEqual([
      'Standby/Standby',
      'Standby/Paused',
      'Initializing/Paused',
      'Paused/Paused',
    ]);
    // On a running pipeline, activate moves it as the pipeline's handler allows (may_transition_to).
    expect((await call(enterprise, 'POST', '/v0/pipelines/r/activate')).json).toBe(
      'Pipeline transitioning from Running to Running',
    );

    const open = await fake([{ name: 'p', provisioned: { initial: 'standby', status: 'Standby' } }]);
    for (const path of ['/v0/pipelines/p/activate', '/v0/pipelines/nope/activate?initial=paused']) {
      const refused = await call(open, 'POST', path);
      expect([refused.status, refused.json], path).toEqual([
        501,
        {
          message: 'Cannot use enterprise-only feature (start from object store (S3)) in Feldera community edition.',
          error_code: 'EnterpriseFeature',
          details: { feature: 'start from object store (S3)' },
        },
      ]);
    }
  });

  it('lets someone else start the pipeline just after the first status read (startedMeanwhile)', async () => {
    const server = await fake([{ name: 'p', phases: PHASES, startedMeanwhile: { initial: 'paused' } }]);
    expect((await status(server)).deployment_desired_status).toBe('Stopped');
    expect(await status(server)).toMatchObject({ deployment_desired_status: 'Paused', deployment_initial: 'Paused' });
    const start = await call(server, 'POST', '/v0/pipelines/p/start?initial=running');
    expect((start.json as { error_code: string }).error_code).toBe('InitialImmutableUnlessStopped');
    await readUntil(server, (s) => s.deployment_status === 'Paused');
  });

  it('serves /stop: force=true stops, force=false is 501 EnterpriseFeature on the open-source edition and a suspend on Enterprise', async () => {
    const open = await fake([{ name: 'p', phases: PHASES }]);
    await call(open, 'POST', '/v0/pipelines/p/start');
    await readUntil(open, (s) => s.deployment_status === 'Running');
    for (const path of ['/v0/pipelines/p/stop', '/v0/pipelines/p/stop?force=false', '/v0/pipelines/nope/stop']) {
      const refused = await call(open, 'POST', path);
      expect(refused.status, path).toBe(501);
      expect(refused.json, path).toMatchObject({
        error_code: 'EnterpriseFeature',
        message: expect.stringContaining('stop?force=false'),
      });
    }
    const stop = await call(open, 'POST', '/v0/pipelines/p/stop?force=true');
    expect([stop.status, stop.json]).toEqual([202, 'Pipeline is forcefully stopping']);
    await readUntil(open, (s) => s.deployment_status === 'Stopped' && s.deployment_desired_status === 'Stopped');
    expect(open.timeline.map((entry) => entry.status).slice(-2)).toEqual(['Stopping', 'Stopped']);
    expect(open.calls('stop')).toHaveLength(4);
    // Started again, as a repeated local run would.
    expect((await call(open, 'POST', '/v0/pipelines/p/start')).status).toBe(202);

    const enterprise = await fake([{ name: 'p', phases: PHASES }], { edition: 'Enterprise' });
    await call(enterprise, 'POST', '/v0/pipelines/p/start');
    await readUntil(enterprise, (s) => s.deployment_status === 'Running');
    expect((await call(enterprise, 'POST', '/v0/pipelines/p/stop?force=false')).status).toBe(202);
    expect((await status(enterprise)).deployment_desired_status).toBe('Suspended');
    await readUntil(enterprise, (s) => s.deployment_status === 'Stopped');
    expect(enterprise.timeline.map((entry) => entry.status).slice(-3)).toEqual(['Suspended', 'Stopping', 'Stopped']);
  });

  it('streams a LargeText as a JSON string of exactly its size, in the status and in the list', async () => {
    const head = 'DBSP error: "quoted"\nsecond line é';
    const server = await fake([{ name: 'p', description: new LargeText(head, 3_000_000) }, { name: 'q' }]);
    const answer = await call(server, 'GET', '/v0/pipelines/p?selector=status');
    const description = (answer.json as Status).description as string;
    expect(Buffer.byteLength(JSON.stringify(description)) - 2).toBe(3_000_000);
    expect(description.startsWith(`${head}  0: dbsp::circuit::runtime::Runtime::run::{{closure}}\n`)).toBe(true);
    const list = (await call(server, 'GET', '/v0/pipelines?selector=status')).json as Status[];
    expect(list.map((item) => [item.name, (item.description as string).length])).toEqual([
      ['p', description.length],
      ['q', 0],
    ]);
  });
});

describe('the fake’s /events, as the manager records and lists them (api/endpoints/pipeline_management/pipeline_events.rs, db/operations/pipeline_monitor.rs)', () => {
  type Event = Record<string, unknown>;
  /** The status `GET /v0/pipelines/{name}` would show: CombinedStatus::new (db/types/combined_status.rs). */
  const combined = (event: Event) =>
    event.deployment_resources_status === 'Provisioned'
      ? (event.deployment_runtime_status ?? 'Unavailable')
      : event.deployment_resources_status;
  const STATUS_FIELDS = [
    'event_id',
    'recorded_at',
    'deployment_resources_status',
    'deployment_resources_desired_status',
    'deployment_runtime_status',
    'deployment_runtime_desired_status',
    'deployment_has_error',
    'program_status',
    'storage_status',
  ];

  it('records every change of a status, a blip between two status reads too, and lists them newest first with the status selector’s fields', async () => {
    // Unavailable passes at once, between the read that ends Provisioning and the next: no status read shows it.
    const server = await fake([
      {
        name: 'p',
        phases: [{ status: 'Provisioning', reads: 1 }, { status: 'Unavailable' }, { status: 'Initializing', reads: 1 }],
      },
    ]);
    await call(server, 'POST', '/v0/pipelines/p/start');
    const read: string[] = [];
    await readUntil(server, (s) => read.push(s.deployment_status as string) > 0 && s.deployment_status === 'Running');
    expect(read).not.toContain('Unavailable');
    const listed = (await call(server, 'GET', '/v0/pipelines/p/events')).json as Event[];
    const chronological = [...listed].reverse();
    expect(chronological.map(combined).filter((status, i, all) => status !== all[i - 1])).toEqual([
      'Stopped',
      'Provisioning',
      'Unavailable',
      'Initializing',
      'Running',
    ]);
    // Newest first: recorded_at never grows down the list.
    const times = listed.map((event) => Date.parse(event.recorded_at as string));
    expect(times.every((time, i) => i === 0 || time <= times[i - 1]!)).toBe(true);
    for (const event of listed) expect(Object.keys(event).sort()).toEqual([...STATUS_FIELDS].sort());
    expect(chronological.at(-1)).toMatchObject({
      deployment_resources_desired_status: 'Provisioned',
      deployment_runtime_desired_status: 'Running',
      deployment_has_error: false,
    });
    // The selector spelled out gives the same events.
    const spelled = (await call(server, 'GET', '/v0/pipelines/p/events?selector=status')).json as Event[];
    expect(spelled.map((event) => event.event_id)).toEqual(listed.map((event) => event.event_id));
  });

  it('adds the details and the error with selector=all, refuses an unknown selector as actix does, and knows no unknown pipeline', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: [{ status: 'Provisioning', reads: 1 }],
        failWith: { message: 'no runner', error_code: 'RunnerProvisioningFailed', details: null },
      },
    ]);
    await call(server, 'POST', '/v0/pipelines/p/start');
    await readUntil(server, (s) => s.deployment_status === 'Stopped' && s.deployment_error !== null);
    const all = (await call(server, 'GET', '/v0/pipelines/p/events?selector=all')).json as Event[];
    expect(all[0]).toMatchObject({
      deployment_resources_status: 'Stopped',
      deployment_has_error: true,
      deployment_error: { error_code: 'RunnerProvisioningFailed', details: null },
      deployment_runtime_status_details: null,
    });
    const unknown = await call(server, 'GET', '/v0/pipelines/p/events?selector=some');
    expect([unknown.status, unknown.text]).toEqual([
      400,
      'Query deserialize error: unknown variant `some`, expected `all` or `status`',
    ]);
    const nope = await call(server, 'GET', '/v0/pipelines/nope/events');
    expect([nope.status, nope.json]).toEqual([
      404,
      {
        message: "Unknown pipeline name 'nope'",
        error_code: 'UnknownPipelineName',
        details: { pipeline_name: 'nope' },
      },
    ]);
  });

  it('answers an empty 404 as a Feldera before 0.292, which has no /events (DRIFT.md), and with noEvents', async () => {
    for (const server of [
      await fake([{ name: 'p' }], { version: '0.291.0' }),
      await fake([{ name: 'p' }], { noEvents: true }),
    ]) {
      const answer = await call(server, 'GET', '/v0/pipelines/p/events');
      expect([answer.status, answer.text]).toEqual([404, '']);
      expect((await call(server, 'GET', '/v0/pipelines/p?selector=status')).status).toBe(200);
    }
  });

  it('takes a fault on /events like any endpoint', async () => {
    const server = await fake([{ name: 'p' }]);
    server.fault('events', { kind: 'status', status: 503, body: 'busy' });
    expect((await call(server, 'GET', '/v0/pipelines/p/events')).status).toBe(503);
    expect((await call(server, 'GET', '/v0/pipelines/p/events')).status).toBe(200);
    expect(server.calls('events')).toHaveLength(2);
  });
});

describe('the fake’s script, driven by events rather than the clock', () => {
  it('holds a phase for a number of status reads, a list being a read of each pipeline in it, or until the test releases it', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: [
          { status: 'Provisioning', reads: 2 },
          { status: 'Initializing', until: 'up' },
        ],
      },
      {
        name: 'q',
        programStatus: 'CompilingSql',
        compile: [{ status: 'CompilingSql', reads: 1 }, { status: 'SqlError' }],
      },
    ]);
    await call(server, 'POST', '/v0/pipelines/p/start');
    await call(server, 'POST', '/v0/pipelines/q/start');
    expect((await status(server)).deployment_status).toBe('Provisioning');
    // The read that sees a program error is the one after the runner recorded it: none comes between.
    expect((await status(server, 'q')).program_status).toBe('CompilingSql');
    expect(await status(server, 'q')).toMatchObject({
      program_status: 'SqlError',
      deployment_error: { error_code: 'StartFailedDueToFailedCompilation' },
    });
    const list = (await call(server, 'GET', '/v0/pipelines?selector=status')).json as Status[];
    expect(list.find((item) => item.name === 'p')?.deployment_status).toBe('Provisioning');
    for (let read = 0; read < 3; read++) expect((await status(server)).deployment_status).toBe('Initializing');
    server.release('up');
    expect((await status(server)).deployment_status).toBe('Running');
    // A stop is seen under way by the next read, whenever it comes, then Stopped.
    await call(server, 'POST', '/v0/pipelines/p/stop?force=true');
    expect((await status(server)).deployment_status).toBe('Stopping');
    expect((await status(server)).deployment_status).toBe('Stopped');
  });

  it('plays connector states by /stats read, and fails the pipeline when the test says, holding a start until another request came', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: PHASES,
        connectors: [
          {
            name: 'in',
            direction: 'input',
            stream: 't',
            states: [
              { read: 1, errors: 1, error: 'old' },
              { read: 3, errors: 4, error: 'new' },
            ],
          },
        ],
      },
    ]);
    server.fault('start', { kind: 'hold', until: server.arrival('config') });
    const starting = call(server, 'POST', '/v0/pipelines/p/start');
    await server.arrival('start');
    expect(server.responses).toEqual([]);
    await call(server, 'GET', '/v0/config');
    expect((await starting).status).toBe(202);
    expect(server.responses.map((response) => response.endpoint)).toEqual(['config', 'start']);
    await readUntil(server, (s) => s.deployment_status === 'Running');
    const errors = async () =>
      (
        (await call(server, 'GET', '/v0/pipelines/p/stats')).json as {
          inputs: { metrics: { num_transport_errors: number } }[];
        }
      ).inputs[0]!.metrics.num_transport_errors;
    expect([await errors(), await errors(), await errors(), await errors()]).toEqual([1, 1, 4, 4]);
    server.crash('p', { error_code: 'RunnerCheckError', message: 'exited', details: null });
    expect(await status(server)).toMatchObject({
      deployment_status: 'Stopping',
      deployment_desired_status: 'Stopped',
      deployment_error: { error_code: 'RunnerCheckError' },
    });
  });
});

if (!existsSync(OLDER_SPEC))
  console.warn(
    `SKIPPED: ${OLDER_SPEC} is absent, so the fake's answers as 0.337 were not checked against Feldera's openapi.json.`,
  );

describe('the fake against openapi.json', () => {
  /** A whole start with an approval, a compile error, the statistics and the list, as `version`. */
  async function wholeStart(version: string): Promise<void> {
    const connectors: PipelineScript['connectors'] = [
      { name: 't.in', direction: 'input', stream: 't' },
      { name: 'v.out', direction: 'output', stream: 'v', states: [{ at: 0, paused: true }] },
    ];
    const server = await fake(
      [
        { ...MODIFIED, connectors },
        { name: 'q', programStatus: 'SqlError' },
      ],
      { version },
    );
    await call(server, 'POST', '/v0/pipelines/p/dismiss_error');
    await call(server, 'POST', '/v0/pipelines/p/start');
    await call(server, 'POST', '/v0/pipelines/p/approve');
    await readUntil(server, (s) => s.deployment_status === 'AwaitingApproval');
    await call(server, 'GET', '/v0/pipelines/p');
    await call(server, 'GET', '/v0/pipelines/p/stats');
    await call(server, 'POST', '/v0/pipelines/p/approve');
    await readUntil(server, (s) => s.deployment_status === 'Running');
    await call(server, 'GET', '/v0/pipelines/p/stats?include_connector_errors=true');
    await call(server, 'GET', '/v0/pipelines?selector=status');
    await call(server, 'POST', '/v0/pipelines/p/pause');
    await readUntil(server, (s) => s.deployment_status === 'Paused');
    await call(server, 'POST', '/v0/pipelines/p/resume');
    await readUntil(server, (s) => s.deployment_status === 'Running');
    // The open-source edition refuses it: 501 EnterpriseFeature.
    await call(server, 'POST', '/v0/pipelines/p/activate');
    await call(server, 'POST', '/v0/pipelines/p/stop?force=true');
    await call(server, 'POST', '/v0/pipelines/q/start');
    await call(server, 'GET', '/v0/pipelines/q?selector=all');
    await call(server, 'GET', '/v0/pipelines/p/events');
    await call(server, 'GET', '/v0/pipelines/p/events?selector=all');
    await call(server, 'GET', '/v0/pipelines/nope/events');
    await call(server, 'GET', '/v0/config');
  }

  /** Checks the answers against `specFile`, and that each endpoint of the action was among them; returns how many had a schema. */
  function validate(specFile: string, answers: FakeResponse[]): number {
    const { problems, checked } = checkAnswers(specFile, answers);
    expect(problems).toEqual([]);
    const seen = new Set(answers.map((answer) => answer.endpoint));
    for (const endpoint of [
      'status',
      'list',
      'start',
      'approve',
      'pause',
      'resume',
      'activate',
      'dismiss_error',
      'stop',
      'stats',
      'config',
      'events',
    ])
      expect(seen, endpoint).toContain(endpoint);
    return checked;
  }

  it(`holds ${NEWEST_FELDERA}'s spec as the crate feldera-rest-api ships it`, () => {
    const digest = createHash('sha256').update(readFileSync(NEWEST_SPEC)).digest('hex');
    expect(digest).toBe(NEWEST_SPEC_SHA256);
    expect((JSON.parse(readFileSync(NEWEST_SPEC, 'utf8')) as { info: { version: string } }).info.version).toBe(
      NEWEST_FELDERA,
    );
  });

  // These run last in this file, over every answer the tests above got, plus those of a whole start.
  it(`sends answers as ${NEWEST_FELDERA} that validate against its openapi.json wherever it declares a schema`, async () => {
    await wholeStart(NEWEST_FELDERA);
    for (const server of servers) answered.push(...server.responses.splice(0));
    const answers = answered.filter((answer) => answer.version === NEWEST_FELDERA);
    expect(validate(NEWEST_SPEC, answers)).toBeGreaterThan(20);
  });

  it.skipIf(!existsSync(OLDER_SPEC))(
    existsSync(OLDER_SPEC)
      ? 'sends answers as 0.337 that validate against its openapi.json wherever it declares a schema'
      : `SKIPPED, ${OLDER_SPEC} is absent: the fake's answers as 0.337 were not validated`,
    async () => {
      await wholeStart('0.337.0');
      for (const server of servers) answered.push(...server.responses.splice(0));
      const answers = answered.filter((answer) => !answersAsNewest(answer.version));
      expect(validate(OLDER_SPEC, answers)).toBeGreaterThan(20);
    },
  );
});
