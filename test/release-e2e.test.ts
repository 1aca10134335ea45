// update-program: true end to end: the bundle against the fake's PATCH, PUT, compiler and
// checkpointing stop (issue 30). Each refusal is checked to have stopped and changed nothing.
import { describe, expect, it } from 'vitest';
import { workspaces } from './workspace.ts';
import { endToEnd, errorAnnotation } from './harness.ts';
import { CONFIGURED, PROPOSED } from './fixtures.ts';
import type { FakeFeldera } from './fake-feldera.ts';
import { startAction } from './run-action.ts';

const { fake, inputs, act, watch } = endToEnd();

const workspace = workspaces();

/** The calls that change something, in order. */
const writes = (server: FakeFeldera) =>
  server.requests
    .filter((request) => request.method !== 'GET' && !request.path.endsWith('/diff'))
    .map((request) => `${request.method} ${request.path.replace(/\?.*$/, '')}`);

const RUNNING = { initial: 'running', status: 'Running' };
const release = (server: FakeFeldera, extra: Record<string, string> = {}) =>
  inputs(server, { 'update-program': 'true', 'sql-file': 'sql/program.sql', ...extra });

describe('update-program: true', () => {
  it('checks, stops with a checkpoint, updates, compiles and starts from the checkpoint, approving as asked', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING, checkpointed: CONFIGURED }], {
      edition: 'Enterprise',
    });
    const run = await act(release(server, { 'auto-approve': 'true' }), workspace({ 'sql/program.sql': PROPOSED }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', 'program-change': 'updated', 'error-code': '' });
    expect(Number(run.outputs['program-version'])).toBe(3);
    expect(Number(run.outputs['downtime-seconds'])).toBeGreaterThan(0);
    expect(writes(server)).toEqual([
      'POST /v0/pipelines/p/stop',
      'PATCH /v0/pipelines/p',
      'POST /v0/pipelines/p/dismiss_error',
      'POST /v0/pipelines/p/start',
      'POST /v0/pipelines/p/approve',
    ]);
    // Checked before the stop, with a checkpoint.
    const diffAt = server.requests.findIndex((request) => request.path.endsWith('/diff'));
    const stopAt = server.requests.findIndex((request) => request.path.includes('/stop'));
    expect(diffAt).toBeGreaterThanOrEqual(0);
    expect(diffAt).toBeLessThan(stopAt);
    expect(server.requests[stopAt]!.query.force).toBe('false');
    expect(run.summary).toContain('#### Program update');
    expect(run.summary).toContain('- **Program version**: 2 → 3');
    // Where the step found it, not the Stopped it made for the update.
    expect(run.summary).toMatch(/^- \*\*Transition\*\*: was Running since .*, then stopped for the update; started$/m);
    expect(run.summary).toMatch(/- \*\*Stop\*\*: with a checkpoint \(force-stop: false\), Stopped in /);
    expect(run.summary).toContain('| tables removed | customers |');
  });

  it('changes nothing for the same program: no stop, no update, program-change none', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING }]);
    const run = await act(release(server), workspace({ 'sql/program.sql': CONFIGURED }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', 'program-change': 'none', 'downtime-seconds': '' });
    expect(writes(server)).toEqual([]);
  });

  it('refuses a program that does not compile before anything is stopped, annotated on its lines', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING }]);
    const broken = `${CONFIGURED}CREATE VIEW v AS SELECT * FROM missing;\n`;
    const run = await act(release(server), workspace({ 'sql/program.sql': broken }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('InvalidNewProgramSql');
    expect(run.outputs['program-change']).toBe('');
    expect(writes(server)).toEqual([]);
    expect(errorAnnotation(run).message).toContain('Nothing was stopped or changed.');
    expect(run.annotations.some((annotation) => annotation.properties.includes('file=sql/program.sql'))).toBe(true);
  });

  it('refuses a change other than the one reviewed (expected-diff) with UnexpectedDiff, nothing stopped', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING }], { edition: 'Enterprise' });
    const reviewed = JSON.stringify({ program_diff: { added_views: ['other'] } });
    const run = await act(
      release(server, { 'auto-approve': 'true', 'expected-diff': reviewed }),
      workspace({ 'sql/program.sql': PROPOSED }),
    );
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('UnexpectedDiff');
    expect(writes(server)).toEqual([]);
    expect(errorAnnotation(run).message).toContain('is not the change reviewed');
  });

  it('on the community edition, a stop with a checkpoint is refused: EnterpriseFeature, the hint names force-stop', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING }]);
    const run = await act(release(server), workspace({ 'sql/program.sql': PROPOSED }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('EnterpriseFeature');
    expect(run.outputs.status).toBe('Running');
    expect(writes(server)).toEqual(['POST /v0/pipelines/p/stop']);
    expect(errorAnnotation(run).message).toContain('force-stop: true');
  });

  it('with force-stop: true on the community edition, stops without a checkpoint and starts the new program', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING }]);
    const run = await act(release(server, { 'force-stop': 'true' }), workspace({ 'sql/program.sql': PROPOSED }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', 'program-change': 'updated' });
    expect(server.requests.find((request) => request.path.includes('/stop'))!.query.force).toBe('true');
    expect(writes(server)).toEqual([
      'POST /v0/pipelines/p/stop',
      'PATCH /v0/pipelines/p',
      'POST /v0/pipelines/p/dismiss_error',
      'POST /v0/pipelines/p/start',
    ]);
  });

  it('a checkpoint that fails fails the step with Feldera’s error, and the program is not updated', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING, checkpointFails: true }], {
      edition: 'Enterprise',
    });
    const run = await act(release(server), workspace({ 'sql/program.sql': PROPOSED }));
    expect(run.code).toBe(1);
    expect(writes(server)).toEqual(['POST /v0/pipelines/p/stop']);
    expect(errorAnnotation(run).message).toMatch(/the program was not updated/);
    expect(run.outputs['downtime-seconds']).not.toBe('');
  });

  it('rolls back a program that does not compile: the previous one configured again and started as it was', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING }], {
      compiles: [{ marker: 'rust-breaks', outcome: 'RustError' }],
    });
    const run = await act(
      release(server, { 'force-stop': 'true' }),
      workspace({ 'sql/program.sql': `${PROPOSED}-- rust-breaks\n` }),
    );
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('StartFailedDueToFailedCompilation');
    expect(run.outputs['program-change']).toBe('rolled-back');
    expect(run.outputs.status).toBe('Running');
    expect(writes(server)).toEqual([
      'POST /v0/pipelines/p/stop',
      'PATCH /v0/pipelines/p',
      'PATCH /v0/pipelines/p',
      'POST /v0/pipelines/p/dismiss_error',
      'POST /v0/pipelines/p/start',
    ]);
    const rollback = server.requests.filter((request) => request.method === 'PATCH')[1]!;
    expect(JSON.parse(rollback.body ?? '{}')).toMatchObject({ program_code: CONFIGURED });
    expect(errorAnnotation(run).message).toMatch(
      /rolled back pipeline p to its previous program \(version 2\), and it runs again/,
    );
  });

  it('creates a pipeline that does not exist, compiles and starts it', async () => {
    const server = await fake([]);
    const run = await act(release(server), workspace({ 'sql/program.sql': CONFIGURED }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', 'program-change': 'created', 'downtime-seconds': '' });
    expect(writes(server)).toEqual([
      'PUT /v0/pipelines/p',
      'POST /v0/pipelines/p/dismiss_error',
      'POST /v0/pipelines/p/start',
    ]);
  });

  it('sends the UDF files given, and leaves the UDFs alone without them', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const run = await act(
      release(server, { 'udf-rust-file': 'udf.rs' }),
      workspace({ 'sql/program.sql': PROPOSED, 'udf.rs': 'pub fn f() {}\n' }),
    );
    expect(run.code).toBe(0);
    const patch = server.requests.find((request) => request.method === 'PATCH')!;
    expect(JSON.parse(patch.body ?? '{}')).toEqual({ program_code: PROPOSED, udf_rust: 'pub fn f() {}\n' });
    // Found stopped: nothing to stop, no downtime of the step's making.
    expect(run.outputs['downtime-seconds']).toBe('');
  });

  it('on a Feldera without /diff (0.300), updates without the check and says so', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING }], { version: '0.300.0' });
    const run = await act(release(server, { 'force-stop': 'true' }), workspace({ 'sql/program.sql': PROPOSED }));
    expect(run.code).toBe(0);
    expect(run.outputs['program-change']).toBe('updated');
    expect(run.stdout).toContain('Not checked before the stop: this Feldera has no POST /diff (it came in 0.324).');
    expect(run.summary).toContain(
      '- **Checked before the stop**: no: this Feldera has no POST /diff (it came in 0.324)',
    );
  });

  it('with several pipelines, updates the one whose program changed and leaves the other, side by side', async () => {
    const server = await fake([
      { name: 'orders', program: CONFIGURED, provisioned: RUNNING },
      { name: 'billing', program: CONFIGURED, provisioned: RUNNING },
    ]);
    const run = await act(
      release(server, { 'pipeline-name': 'orders\nbilling', 'sql-file': 'sql/{name}.sql', 'force-stop': 'true' }),
      workspace({ 'sql/orders.sql': PROPOSED, 'sql/billing.sql': CONFIGURED }),
    );
    expect(run.code).toBe(0);
    const results = JSON.parse(run.outputs.results ?? '{}') as Record<string, Record<string, string>>;
    expect(results.orders).toMatchObject({ 'program-change': 'updated', status: 'Running' });
    expect(results.billing).toMatchObject({ 'program-change': 'none', status: 'Running', 'downtime-seconds': '' });
    expect(Number(results.orders!['downtime-seconds'])).toBeGreaterThan(0);
    expect(writes(server)).not.toContain('PATCH /v0/pipelines/billing');
  });

  it('quotes UpdateRestrictedToStopped when someone started the pipeline between the stop and the update', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING }]);
    const refused = JSON.stringify({
      message: "Pipeline can only be updated while stopped. Stop it first by invoking '/stop'.",
      error_code: 'UpdateRestrictedToStopped',
      details: {},
    });
    server.fault('patch', {
      kind: 'status',
      status: 400,
      body: refused,
      headers: { 'content-type': 'application/json' },
    });
    const run = await act(release(server, { 'force-stop': 'true' }), workspace({ 'sql/program.sql': PROPOSED }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('UpdateRestrictedToStopped');
    expect(run.outputs['program-change']).toBe('');
    const message = errorAnnotation(run).message;
    expect(message).toContain('Pipeline can only be updated while stopped.');
    expect(message).toContain('Pipeline p was stopped for the update and was not started again: it is Stopped');
    expect(message).toContain('Hint: someone started the pipeline since the step stopped it');
  });

  it('refuses before any request: no sql-file, an unreadable UDF file, with plan', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const noFile = await act(inputs(server, { 'update-program': 'true' }));
    expect(noFile.outputs['error-code']).toBe('InvalidInput');
    expect(errorAnnotation(noFile).message).toContain('update-program: true needs sql-file');
    const missing = await act(
      release(server, { 'udf-toml-file': 'nope.toml' }),
      workspace({ 'sql/program.sql': PROPOSED }),
    );
    expect(errorAnnotation(missing).message).toContain('udf-toml-file "nope.toml" cannot be read');
    const planned = await act(release(server, { plan: 'true' }), workspace({ 'sql/program.sql': PROPOSED }));
    expect(errorAnnotation(planned).message).toContain('update-program: true cannot go with plan: true');
    expect(server.requests.filter((request) => request.path !== '/v0/config')).toEqual([]);
  });
});

describe('update-program: true, cancelled', () => {
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('while the new program compiles: says where the pipeline is, and never rolls back', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, provisioned: RUNNING }], {
      compiles: [{ marker: 'held', phases: [{ status: 'CompilingRust', until: 'compiled' }] }],
    });
    const given = release(server, { 'force-stop': 'true' });
    const env = workspace({ 'sql/program.sql': `${PROPOSED}-- held\n` });
    const { child, done } = startAction(given, env);
    void watch(done, given, env);
    // Two status reads after the PATCH: the step has seen the first, the program compiling.
    const readsAfterPatch = () => {
      const patched = server.requests.findIndex((request) => request.method === 'PATCH');
      return patched < 0 ? 0 : server.requests.slice(patched).filter((request) => request.method === 'GET').length;
    };
    await until(() => readsAfterPatch() >= 2);
    child.kill('SIGINT');
    const run = await done;
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Cancelled');
    expect(run.outputs['program-change']).toBe('updated');
    expect(errorAnnotation(run).message).toMatch(
      /Pipeline p was stopped for the update and was not started again: it is Stopped with program version 3 configured \(still compiling\)\. Run the step again to finish the release\./,
    );
    expect(server.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
    expect(server.calls('start')).toEqual([]);
  });

  it('while the pipeline stops for the update: says it was being stopped, and changes nothing more', async () => {
    const server = await fake(
      [{ name: 'p', program: CONFIGURED, provisioned: RUNNING, checkpointHold: { until: 'checkpointed' } }],
      { edition: 'Enterprise' },
    );
    const given = release(server);
    const env = workspace({ 'sql/program.sql': PROPOSED });
    const { child, done } = startAction(given, env);
    void watch(done, given, env);
    await until(() => server.calls('stop').length > 0);
    child.kill('SIGTERM');
    const run = await done;
    expect(run.outputs['error-code']).toBe('Cancelled');
    expect(errorAnnotation(run).message).toMatch(
      /Pipeline p was being stopped for the update \(\w+, desired \w+\) and will not be started again by this step\./,
    );
    expect(server.requests.filter((request) => request.method === 'PATCH')).toEqual([]);
  });
});
