// The fake's `POST /diff`, driven with plain fetch: computed as the manager does (post_pipeline_diff,
// compute_pipeline_diff), its errors in the handler's order, and its answers checked against both specs.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeFeldera, type FakeOptions, type PipelineScript } from './fake-feldera.ts';
import { checkAnswers, NEWEST_SPEC, OLDER_SPEC } from './openapi-check.ts';
import { CONFIGURED, NEWEST_FELDERA, pipelineDiff } from './fixtures.ts';

const servers: FakeFeldera[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function fake(scripts: PipelineScript[], options: Omit<FakeOptions, 'pipelines'> = {}): Promise<FakeFeldera> {
  const server = await FakeFeldera.start({ pipelines: scripts, ...options });
  servers.push(server);
  return server;
}

async function diff(
  server: FakeFeldera,
  body: unknown,
  name = 'p',
): Promise<{ status: number; json: unknown; text: string }> {
  const response = await fetch(`${server.url}/v0/pipelines/${name}/diff`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

describe("the fake's /diff", () => {
  it('answers an unchanged program with empty lists, and changes nothing', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const answer = await diff(server, { program_code: CONFIGURED });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(pipelineDiff());
    // Without program_code, the configured program is proposed: nothing changes either.
    expect(((await diff(server, {})).json as { program_diff: unknown }).program_diff).toEqual(
      (answer.json as { program_diff: unknown }).program_diff,
    );
    expect(server.calls('start')).toEqual([]);
    expect(server.timeline).toEqual([]);
  });

  it('lists added, removed and modified relations sorted; a view over a modified table is modified; connectors of a removed table are not listed', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const proposed = [
      'CREATE TABLE orders (id INT, amount DECIMAL(12, 2), region VARCHAR);',
      'CREATE TABLE zones (id INT);',
      'CREATE TABLE "Audit" (at TIMESTAMP);',
      'CREATE MATERIALIZED VIEW totals AS SELECT id, SUM(amount) AS total FROM orders GROUP BY id;',
      'CREATE VIEW by_zone WITH (\'connectors\' = \'[{"transport": {"name": "delta_table_output"}}]\') AS SELECT * FROM zones;',
    ].join('\n');
    const answer = await diff(server, { program_code: proposed });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      program_diff: {
        added_tables: ['Audit', 'zones'],
        removed_tables: ['customers'],
        modified_tables: ['orders'],
        added_views: ['by_zone'],
        removed_views: ['names'],
        modified_views: ['totals'],
      },
      added_input_connectors: [],
      removed_input_connectors: ['orders.kafka'],
      added_output_connectors: ['by_zone.unnamed-0'],
    });
  });

  it('a connector whose configuration changed is modified, its table not', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const answer = await diff(server, {
      program_code: CONFIGURED.replace('"topic": "orders"', '"topic": "orders-v2"'),
    });
    expect(answer.json).toMatchObject({
      program_diff: { modified_tables: [], modified_views: [] },
      modified_input_connectors: ['orders.kafka'],
    });
  });

  it("a proposal that does not compile: 400 InvalidNewProgramSql whose details.error holds the compiler's messages as JSON text", async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const answer = await diff(server, {
      program_code: 'CREATE TABLE t (x INT);\nCREATE VIEW v AS SELECT x FROM nowhere;\n',
    });
    expect(answer.status).toBe(400);
    const body = answer.json as { error_code: string; message: string; details: { error: string } };
    expect(body.error_code).toBe('InvalidNewProgramSql');
    expect(body.message).toMatch(/^The proposed new SQL program has compilation errors: \[/);
    const messages = JSON.parse(body.details.error) as {
      start_line_number: number;
      start_column: number;
      end_column: number;
      message: string;
    }[];
    expect(messages).toEqual([
      expect.objectContaining({
        start_line_number: 2,
        start_column: 32,
        end_column: 38,
        message: "From line 2, column 32 to line 2, column 38: Object 'nowhere' not found",
      }),
    ]);
  });

  it("refuses in the handler's order: unknown pipeline, program not compiled, no dataflow, runtime version; a body that is not JSON is actix's plain-text 400", async () => {
    const server = await fake([
      { name: 'p', program: CONFIGURED },
      { name: 'compiling', programStatus: 'CompilingRust' },
      { name: 'old', program: CONFIGURED, withoutDataflow: true },
    ]);
    expect(await diff(server, {}, 'nope')).toMatchObject({ status: 404, json: { error_code: 'UnknownPipelineName' } });
    expect(await diff(server, {}, 'compiling')).toMatchObject({
      status: 404,
      json: { error_code: 'ProgramNotCompiled' },
    });
    expect(await diff(server, {}, 'old')).toMatchObject({
      status: 404,
      json: { error_code: 'ProgramInfoMissesDataflow' },
    });
    expect(await diff(server, { program_code: CONFIGURED, runtime_version: 'latest' })).toMatchObject({
      status: 400,
      json: { error_code: 'InvalidRuntimeVersion' },
    });
    expect((await diff(server, { program_code: CONFIGURED, runtime_version: 'v0.375.0' })).status).toBe(200);
    const notJson = await diff(server, 'program');
    expect(notJson.status).toBe(400);
    expect(notJson.text).toMatch(/^Json deserialize error/);
  });

  it('a change to a program with LATENESS cannot be bootstrapped: 400 BootstrapNotAllowed; no change is still a diff', async () => {
    const late =
      'CREATE TABLE events (at TIMESTAMP LATENESS INTERVAL 1 HOUR);\nCREATE VIEW v AS SELECT * FROM events;\n';
    const server = await fake([{ name: 'p', program: late }]);
    expect((await diff(server, { program_code: late })).status).toBe(200);
    const changed = await diff(server, { program_code: `${late}CREATE VIEW w AS SELECT * FROM events;\n` });
    expect(changed).toMatchObject({ status: 400, json: { error_code: 'BootstrapNotAllowed' } });
    expect((changed.json as { message: string }).message).toContain('relations with lateness: events');
  });

  it('a Feldera before 0.324 has no route: an empty 404, even for an unknown pipeline', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }], { version: '0.300.0' });
    for (const name of ['p', 'nope'])
      expect(await diff(server, { program_code: CONFIGURED }, name)).toMatchObject({ status: 404, text: '' });
  });

  for (const [version, spec] of [
    [NEWEST_FELDERA, NEWEST_SPEC],
    ['0.337.0', OLDER_SPEC],
  ] as const) {
    it.skipIf(!existsSync(spec))(`answers as ${version} that validate against its openapi.json`, async () => {
      const server = await fake([{ name: 'p', program: CONFIGURED }, { name: 'q' }], { version });
      await diff(server, { program_code: `${CONFIGURED}CREATE VIEW extra AS SELECT * FROM orders;` });
      await diff(server, { program_code: 'CREATE VIEW v AS SELECT * FROM nowhere;' });
      await diff(server, { runtime_version: 'x' });
      await diff(server, {}, 'nope');
      const { problems, checked } = checkAnswers(spec, server.responses);
      expect(problems).toEqual([]);
      expect(checked).toBe(4);
    });
  }
});
