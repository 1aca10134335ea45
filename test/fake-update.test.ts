// The fake's program change, driven over HTTP as a release would: PATCH and PUT as the manager's
// db/operations/pipeline.rs update_pipeline and new_pipeline allow them, the compile that follows
// (FakeOptions.compiles), /stop with and without a checkpoint per edition (api/endpoints/
// pipeline_management.rs post_pipeline_stop, adapters/src/server.rs suspend), the bootstrap of a start
// from another program's checkpoint, and every answer checked against both specs.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeFeldera, type FakeOptions, type FakeResponse, type PipelineScript } from './fake-feldera.ts';
import { CONFIGURED, NEWEST_FELDERA, PROPOSED, pipelineDiff } from './fixtures.ts';
import { checkAnswers, NEWEST_SPEC, OLDER_SPEC } from './openapi-check.ts';

const servers: FakeFeldera[] = [];
const answered: FakeResponse[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    answered.push(...server.responses);
    await server.close();
  }
});

async function fake(scripts: PipelineScript[], options: Omit<FakeOptions, 'pipelines'> = {}): Promise<FakeFeldera> {
  const server = await FakeFeldera.start({ pipelines: scripts, ...options });
  servers.push(server);
  return server;
}

type Json = Record<string, unknown>;

async function call(server: FakeFeldera, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json: json as Json };
}

const get = async (server: FakeFeldera, name = 'p') => (await call(server, 'GET', `/v0/pipelines/${name}`)).json;

async function readUntil(server: FakeFeldera, until: (status: Json) => boolean, name = 'p'): Promise<Json> {
  for (let read = 0; read < 500; read++) {
    const current = (await call(server, 'GET', `/v0/pipelines/${name}?selector=status`)).json;
    if (until(current)) return current;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no status read matched: ${until.toString()}`);
}

/** The program statuses the manager's events went through, oldest first, each once in a row. */
async function programStatuses(server: FakeFeldera, name = 'p'): Promise<string[]> {
  const events = (await call(server, 'GET', `/v0/pipelines/${name}/events`)).json as unknown as Json[];
  const seen: string[] = [];
  for (const event of events.reverse())
    if (seen.at(-1) !== event.program_status) seen.push(event.program_status as string);
  return seen;
}

async function running(server: FakeFeldera, name = 'p'): Promise<void> {
  expect((await call(server, 'POST', `/v0/pipelines/${name}/start`)).status).toBe(202);
  await readUntil(server, (s) => s.deployment_status === 'Running', name);
}

const RESTRICTED = {
  message: "Pipeline can only be updated while stopped. Stop it first by invoking '/stop'.",
  error_code: 'UpdateRestrictedToStopped',
  details: {},
};

describe.each(['0.337.0', NEWEST_FELDERA])('the fake’s program change as %s', (version) => {
  it('refuses a changed core field unless fully stopped, takes an equal one and the description at any time', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }], { version });
    await running(server);
    const before = await get(server);
    for (const body of [
      { program_code: PROPOSED },
      { udf_rust: 'pub fn f() {}' },
      { runtime_config: { workers: 2 } },
    ]) {
      expect(await call(server, 'PATCH', '/v0/pipelines/p', body)).toMatchObject({ status: 400, json: RESTRICTED });
    }
    expect(await call(server, 'PUT', '/v0/pipelines/p', { name: 'p', program_code: PROPOSED })).toMatchObject({
      status: 400,
      json: RESTRICTED,
    });
    // The same program, and client metadata, are no core change: 200, nothing bumped.
    const same = await call(server, 'PATCH', '/v0/pipelines/p', { program_code: CONFIGURED, description: 'orders' });
    expect(same.status).toBe(200);
    expect(same.json).toMatchObject({ description: 'orders', deployment_status: 'Running' });
    const after = await get(server);
    for (const field of ['version', 'program_version', 'program_code', 'program_status', 'refresh_version'])
      expect(after[field], field).toEqual(before[field]);
    // Stopping is not fully stopped either.
    await call(server, 'POST', '/v0/pipelines/p/stop?force=true');
    expect((await call(server, 'PATCH', '/v0/pipelines/p', { program_code: PROPOSED })).json).toEqual(RESTRICTED);
  });

  it('bumps version and program_version on a program change, shows the new program, and compiles it again from Pending', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, udfRust: 'pub fn f() {}' }], { version });
    const before = await get(server);
    expect(before).toMatchObject({
      program_code: CONFIGURED,
      udf_rust: 'pub fn f() {}',
      udf_toml: '',
      program_version: 2,
    });
    const patched = await call(server, 'PATCH', '/v0/pipelines/p', { program_code: PROPOSED, udf_rust: null });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      program_code: PROPOSED,
      udf_rust: 'pub fn f() {}',
      program_version: 3,
      version: (before.version as number) + 1,
      program_status: 'Pending',
      program_error: { sql_compilation: null, rust_compilation: null, system_error: null },
    });
    await readUntil(server, (s) => s.program_status === 'Success');
    expect(await programStatuses(server)).toEqual([
      'Success',
      'Pending',
      'CompilingSql',
      'SqlCompiled',
      'CompilingRust',
      'Success',
    ]);
    expect((await get(server)).program_error).toMatchObject({ sql_compilation: { exit_code: 0, messages: [] } });
    // A UDF change is a program change too; the same program again bumps nothing.
    expect((await call(server, 'PATCH', '/v0/pipelines/p', { udf_toml: 'x = "1"' })).json.program_version).toBe(4);
    expect((await call(server, 'PATCH', '/v0/pipelines/p', { udf_toml: 'x = "1"' })).json.program_version).toBe(4);
    // A runtime_config change bumps version, not program_version; workers need cleared storage.
    const runtime = await call(server, 'PATCH', '/v0/pipelines/p', { runtime_config: { tracing: true } });
    expect(runtime.json).toMatchObject({ program_version: 4, runtime_config: { tracing: true, workers: 8 } });
    expect(await call(server, 'PATCH', '/v0/pipelines/p', { runtime_config: { workers: 2 } })).toMatchObject({
      status: 400,
      json: { error_code: 'EditRestrictedToClearedStorage', details: { not_allowed: ['`runtime_config.workers`'] } },
    });
  });

  it('creates an unknown pipeline on PUT with the defaults (201), replaces it (200), and refuses what serde or the name refuses', async () => {
    const server = await fake([], { version });
    const created = await call(server, 'PUT', '/v0/pipelines/orders', { name: 'orders', program_code: CONFIGURED });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'orders',
      program_code: CONFIGURED,
      udf_rust: '',
      udf_toml: '',
      description: '',
      tags: [],
      version: 1,
      program_version: 1,
      program_status: 'Pending',
      storage_status: 'Cleared',
      deployment_status: 'Stopped',
      deployment_desired_status: 'Stopped',
      runtime_config: { workers: 8, fault_tolerance: { model: 'none' } },
      program_config: { cache: true },
    });
    await readUntil(server, (s) => s.program_status === 'Success', 'orders');
    const same = await call(server, 'PUT', '/v0/pipelines/orders', { name: 'orders', program_code: CONFIGURED });
    expect([same.status, same.json.version, same.json.program_version]).toEqual([200, 1, 1]);
    const replaced = await call(server, 'PUT', '/v0/pipelines/orders', { name: 'orders', program_code: PROPOSED });
    expect([replaced.status, replaced.json.version, replaced.json.program_version]).toEqual([200, 2, 2]);
    expect(await call(server, 'PATCH', '/v0/pipelines/nope', { program_code: '' })).toMatchObject({
      status: 404,
      json: { error_code: 'UnknownPipelineName' },
    });
    expect(await call(server, 'PUT', '/v0/pipelines/other', { name: 'orders', program_code: '' })).toMatchObject({
      status: 400,
      json: { error_code: 'CannotRenameNonExistingPipeline', details: {} },
    });
    const missing = await call(server, 'PUT', '/v0/pipelines/x', { name: 'x' });
    expect([missing.status, missing.text]).toEqual([
      400,
      'Json deserialize error: missing field `program_code` at line 1 column 12',
    ]);
    const wrong = await call(server, 'PATCH', '/v0/pipelines/orders', { program_code: 5 });
    expect(wrong.text).toMatch(/^Json deserialize error: invalid type: integer `5`, expected a string/);
    const list = (await call(server, 'GET', '/v0/pipelines?selector=status')).json as unknown as Json[];
    expect(list.map((pipeline) => pipeline.name)).toEqual(['orders']);
  });
});

describe('the fake’s compiler, scripted per program (FakeOptions.compiles)', () => {
  it('ends a program in SqlError with its messages, in RustError or SystemError as scripted, holding a phase until released', async () => {
    const server = await fake([{ name: 'p' }], {
      compiles: [
        {
          marker: '-- rust fails',
          phases: [{ status: 'Pending' }, { status: 'CompilingRust', until: 'rust' }],
          outcome: 'RustError',
        },
        { marker: '-- system fails', outcome: 'SystemError' },
      ],
    });
    await call(server, 'PATCH', '/v0/pipelines/p', { program_code: 'CREATE VIEW v AS SELECT * FROM nowhere;' });
    await readUntil(server, (s) => s.program_status === 'SqlError');
    expect(await programStatuses(server)).toEqual(['Success', 'Pending', 'CompilingSql', 'SqlError']);
    const sql = (await get(server)).program_error as { sql_compilation: { exit_code: number; messages: Json[] } };
    expect(sql.sql_compilation.exit_code).toBe(1);
    expect(sql.sql_compilation.messages[0]).toMatchObject({
      message: expect.stringContaining("Object 'nowhere' not found"),
    });
    expect(await call(server, 'POST', '/v0/pipelines/p/start')).toMatchObject({
      status: 400,
      json: { error_code: 'CannotStartWithCompilationError' },
    });

    await call(server, 'PATCH', '/v0/pipelines/p', { program_code: `${CONFIGURED}-- rust fails\n` });
    await readUntil(server, (s) => s.program_status === 'CompilingRust');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await get(server)).program_status).toBe('CompilingRust');
    server.release('rust');
    await readUntil(server, (s) => s.program_status === 'RustError');
    const rust = (await get(server)).program_error as { rust_compilation: { stderr: string } };
    expect(rust.rust_compilation.stderr).toMatch(/^error\[E0425\]/);

    await call(server, 'PATCH', '/v0/pipelines/p', { program_code: `${CONFIGURED}-- system fails\n` });
    await readUntil(server, (s) => s.program_status === 'SystemError');
    expect((await get(server)).program_error).toMatchObject({ system_error: expect.any(String) });
  });

  it('keeps an early start Stopped, desired Running, until the changed program compiles', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }], {
      compiles: [{ marker: '-- slow', phases: [{ status: 'CompilingRust', until: 'compiled' }] }],
    });
    await call(server, 'PATCH', '/v0/pipelines/p', { program_code: `${PROPOSED}-- slow\n` });
    expect((await call(server, 'POST', '/v0/pipelines/p/start')).status).toBe(202);
    const waiting = await readUntil(server, (s) => s.program_status === 'CompilingRust');
    expect(waiting).toMatchObject({ deployment_status: 'Stopped', deployment_desired_status: 'Running' });
    // Stopped but desired running is not fully stopped: no change now.
    expect((await call(server, 'PATCH', '/v0/pipelines/p', { program_code: CONFIGURED })).json).toEqual(RESTRICTED);
    server.release('compiled');
    await readUntil(server, (s) => s.deployment_status === 'Running');
  });
});

describe('the fake’s scripts around a change', () => {
  it('plays FakeOptions.created for a pipeline a PUT creates, and no longer the scripted early start once the program changed', async () => {
    const server = await fake([{ name: 'p', compile: [{ status: 'CompilingSql' }, { status: 'SqlError' }] }], {
      created: { phases: [{ status: 'Provisioning', until: 'up' }] },
    });
    await call(server, 'PUT', '/v0/pipelines/new', { name: 'new', program_code: CONFIGURED });
    await call(server, 'POST', '/v0/pipelines/new/start');
    await readUntil(server, (s) => s.deployment_status === 'Provisioning', 'new');
    server.release('up');
    await readUntil(server, (s) => s.deployment_status === 'Running', 'new');

    await call(server, 'PATCH', '/v0/pipelines/p', { program_code: PROPOSED });
    await running(server);
    expect(await programStatuses(server)).not.toContain('SqlError');
  });
});

describe('the fake’s /stop before a program change, per edition', () => {
  it('on Enterprise, checkpoints on force=false; a start of another program then awaits approval of the diff', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, checkpointHold: { until: 'saved' } }], {
      edition: 'Enterprise',
    });
    await running(server);
    expect(await call(server, 'POST', '/v0/pipelines/p/stop?force=false')).toMatchObject({
      status: 202,
      json: 'Pipeline is suspending',
    });
    // While the checkpoint is written the pipeline still runs, desired Suspended.
    expect(await readUntil(server, () => true)).toMatchObject({
      deployment_status: 'Running',
      deployment_desired_status: 'Suspended',
    });
    server.release('saved');
    await readUntil(server, (s) => s.deployment_status === 'Stopped');
    expect(server.timeline.map((entry) => entry.status).slice(-3)).toEqual(['Suspended', 'Stopping', 'Stopped']);
    expect((await get(server)).deployment_error).toBeNull();

    await call(server, 'PATCH', '/v0/pipelines/p', { program_code: PROPOSED });
    await call(server, 'POST', '/v0/pipelines/p/start');
    await readUntil(server, (s) => s.deployment_status === 'AwaitingApproval');
    expect((await get(server)).deployment_runtime_status_details).toEqual({
      approval_diff: pipelineDiff({
        program: {
          removed_tables: ['customers'],
          added_views: ['big'],
          removed_views: ['names'],
          modified_views: ['totals'],
        },
      }),
    });
    await call(server, 'POST', '/v0/pipelines/p/approve');
    await readUntil(server, (s) => s.deployment_status === 'Running');
    expect(server.timeline.map((entry) => entry.status)).toContain('Bootstrapping');
  });

  it('on Enterprise, stops with the error of a failed checkpoint and records none; force=true takes none either', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED, checkpointFails: true }], { edition: 'Enterprise' });
    await running(server);
    await call(server, 'POST', '/v0/pipelines/p/stop?force=false');
    const stopped = await readUntil(server, (s) => s.deployment_status === 'Stopped');
    expect(stopped).toMatchObject({
      deployment_desired_status: 'Stopped',
      deployment_error: { error_code: 'StorageError' },
    });
    await call(server, 'PATCH', '/v0/pipelines/p', { program_code: PROPOSED });
    await running(server);
    expect(server.timeline.map((entry) => entry.status)).not.toContain('AwaitingApproval');

    // A checkpoint from before (periodic, say) is what a start after a forced stop picks up.
    const older = await fake([{ name: 'p', program: PROPOSED, checkpointed: CONFIGURED }], { edition: 'Enterprise' });
    await call(older, 'POST', '/v0/pipelines/p/start?bootstrap_policy=allow');
    await readUntil(older, (s) => s.deployment_status === 'Running');
    expect(older.timeline.map((entry) => entry.status)).toEqual([
      'Provisioning',
      'Initializing',
      'Bootstrapping',
      'Running',
    ]);
  });

  it('on the community edition, refuses force=false with 501 and keeps running; force=true and a start bootstrap nothing', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    await running(server);
    expect(await call(server, 'POST', '/v0/pipelines/p/stop?force=false')).toMatchObject({
      status: 501,
      json: { error_code: 'EnterpriseFeature', details: { feature: 'stop?force=false' } },
    });
    expect(await readUntil(server, () => true)).toMatchObject({
      deployment_status: 'Running',
      deployment_desired_status: 'Running',
    });
    await call(server, 'POST', '/v0/pipelines/p/stop?force=true');
    await readUntil(server, (s) => s.deployment_status === 'Stopped');
    expect((await call(server, 'PATCH', '/v0/pipelines/p', { program_code: PROPOSED })).json.program_version).toBe(3);
    await running(server);
    expect(server.timeline.map((entry) => entry.status)).not.toContain('AwaitingApproval');
  });
});

if (!existsSync(OLDER_SPEC)) console.warn(`SKIPPED: ${OLDER_SPEC} is absent, so 0.337's answers were not checked.`);

describe('the fake’s update answers against openapi.json', () => {
  // Runs last in this file, over every answer of the tests above, each against its version's spec.
  it.each([
    [NEWEST_SPEC, true],
    [OLDER_SPEC, false],
  ] as const)('validate against %s', (spec, newest) => {
    if (!existsSync(spec)) return;
    const answers = answered.filter((answer) => (answer.version === NEWEST_FELDERA) === newest);
    const { problems, checked } = checkAnswers(spec, answers);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(20);
    const routes = new Set(answers.map((answer) => `${answer.method} ${answer.status}`));
    for (const route of ['PATCH 200', 'PATCH 400', 'PATCH 404', 'PUT 201', 'PUT 200', 'PUT 400'])
      expect(routes, route).toContain(route);
  });
});
