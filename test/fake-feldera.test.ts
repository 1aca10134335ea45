// The fake Feldera itself, driven with plain fetch: each rule where it follows the manager's source
// (crates/pipeline-manager/src, file named in each test), and every answer it gives for the
// action's endpoints checked against Feldera's openapi.json when ../shared has it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeFeldera, LargeText, type FakeOptions, type FakeResponse, type PipelineScript } from './fake-feldera.ts';
import { jwt } from './fake-oidc.ts';
import { APPROVAL_DIFF } from './fixtures.ts';

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

async function call(server: FakeFeldera, method: 'GET' | 'POST', path: string, authorization: string | null = `Bearer ${KEY}`): Promise<Answer> {
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
const status = async (server: FakeFeldera, name = 'p') => (await call(server, 'GET', `/v0/pipelines/${name}?selector=status`)).json as Status;

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
    expect((await call(enterprise, 'GET', '/v0/config')).json).toMatchObject({ edition: 'Enterprise', version: '0.340.1' });
    expect(enterprise.calls('config')).toHaveLength(1);
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
      expect(answer.json, path).toEqual({ message: "Unknown pipeline name 'nope'", error_code: 'UnknownPipelineName', details: { pipeline_name: 'nope' } });
    }
    const unknown = await call(server, 'GET', '/v0/nothing-here');
    expect([unknown.status, unknown.text]).toEqual([404, '']);
  });

  it('keeps the bootstrap policy through /approve: a repeat /start with the same arguments is a 202 (db/operations/pipeline.rs)', async () => {
    const server = await fake([MODIFIED]);
    const start = '/v0/pipelines/p/start?initial=running&bootstrap_policy=await_approval&silent_bootstrap=false&concurrent_bootstrap=false&dismiss_error=false';
    expect((await call(server, 'POST', start)).status).toBe(202);
    await readUntil(server, (s) => s.deployment_status === 'AwaitingApproval');
    expect((await call(server, 'POST', '/v0/pipelines/p/approve')).status).toBe(200);
    expect((await status(server)).bootstrap_policy).toBe('await_approval');
    expect((await call(server, 'POST', start)).status).toBe(202);
    const other = await call(server, 'POST', start.replace('await_approval', 'allow'));
    expect([other.status, (other.json as { error_code: string }).error_code]).toEqual([400, 'BootstrapPolicyImmutableUnlessStopped']);
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
    expect(blip).toMatchObject({ deployment_desired_status: 'Unavailable', deployment_runtime_desired_status: 'Unavailable' });
    expect(blip.deployment_runtime_status_details).toEqual({ reason: expect.stringContaining('could not be reached') });
    const approve = await call(server, 'POST', '/v0/pipelines/p/approve');
    expect(approve.status).toBe(503);
    expect(approve.headers.get('retry-after')).toBe('5');
    expect(approve.json).toMatchObject({ error_code: 'PipelineUnavailable', details: { pipeline_name: 'p' } });
  });

  it('refuses credentials as auth.rs does: JSON for a bad API key, a bare 401 with error_description for a JWT, a bare 401 without a header', async () => {
    const server = await fake([{ name: 'p' }], { acceptToken: (token) => token === 'never' || 'No OIDC trust relationship matches this token' });
    const badKey = await call(server, 'GET', '/v0/pipelines/p', 'Bearer apikey:revoked');
    expect([badKey.status, badKey.headers.get('content-type')]).toEqual([401, 'text/plain']);
    expect(badKey.json).toEqual({ message: 'Unauthorized API key', error_code: 'AuthenticationFailed' });
    const token = jwt({ iss: 'https://token.actions.githubusercontent.com', aud: 'feldera' });
    const refusedJwt = await call(server, 'GET', '/v0/config', `Bearer ${token}`);
    expect([refusedJwt.status, refusedJwt.text]).toEqual([401, '']);
    expect(refusedJwt.headers.get('www-authenticate')).toBe('Bearer error_description="No OIDC trust relationship matches this token"');
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
    expect([refused.status, (refused.json as { error_code: string }).error_code]).toEqual([400, 'InitialStandbyNotAllowed']);
    expect((await call(server, 'POST', '/v0/pipelines/q/start?initial=standby')).status).toBe(202);
    const standby = await readUntil(server, (s) => s.deployment_status === 'Standby', 'q');
    expect(standby).toMatchObject({ deployment_desired_status: 'Standby', deployment_runtime_status_details: {} });
  });

  it('fails a standby pipeline on the open-source edition, as its checkpoint pull is Enterprise-only (adapters/src/controller.rs)', async () => {
    const server = await fake([{ name: 'p', phases: PHASES, fileStorageWithSync: true }]);
    expect((await call(server, 'POST', '/v0/pipelines/p/start?initial=standby')).status).toBe(202);
    const failed = await readUntil(server, (s) => s.deployment_error !== null);
    expect(failed).toMatchObject({ deployment_desired_status: 'Stopped', deployment_error: { error_code: 'EnterpriseFeature' } });
  });

  it('parses silent_bootstrap and concurrent_bootstrap as booleans, refuses both, stores and compares them (api/endpoints/pipeline_management.rs)', async () => {
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', ms: 60_000 }] }]);
    const notBoolean = await call(server, 'POST', '/v0/pipelines/p/start?silent_bootstrap=yes');
    expect([notBoolean.status, notBoolean.text]).toEqual([400, 'Query deserialize error: provided string was not `true` or `false`']);
    const badPolicy = await call(server, 'POST', '/v0/pipelines/p/start?bootstrap_policy=ask');
    expect([badPolicy.status, badPolicy.json]).toEqual([400, undefined]);
    for (const path of ['/v0/pipelines/p/start', '/v0/pipelines/p/approve']) {
      const both = await call(server, 'POST', `${path}?silent_bootstrap=true&concurrent_bootstrap=true`);
      expect(both.status, path).toBe(400);
      expect(both.json, path).toMatchObject({ error_code: 'InvalidBootstrapConfig', details: { reason: expect.stringContaining('mutually exclusive') } });
    }
    expect((await call(server, 'POST', '/v0/pipelines/p/start?concurrent_bootstrap=true')).status).toBe(202);
    expect(await status(server)).toMatchObject({ bootstrap_policy: 'await_approval', silent_bootstrap: false, concurrent_bootstrap: true });
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
          { status: 'Initializing', ms: 300 },
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
    expect(stopping).toMatchObject({ deployment_status: 'Stopping', deployment_initial: null, bootstrap_policy: null, silent_bootstrap: false, concurrent_bootstrap: false });
    expect(stopping.deployment_runtime_status_details).toBeNull();
  });

  it('serves /stop: force=true stops, force=false is 501 EnterpriseFeature on the open-source edition and a suspend on Enterprise', async () => {
    const open = await fake([{ name: 'p', phases: PHASES }]);
    await call(open, 'POST', '/v0/pipelines/p/start');
    await readUntil(open, (s) => s.deployment_status === 'Running');
    for (const path of ['/v0/pipelines/p/stop', '/v0/pipelines/p/stop?force=false', '/v0/pipelines/nope/stop']) {
      const refused = await call(open, 'POST', path);
      expect(refused.status, path).toBe(501);
      expect(refused.json, path).toMatchObject({ error_code: 'EnterpriseFeature', message: expect.stringContaining('stop?force=false') });
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

// Feldera's spec, beside the project in the shared folder; the test says so when it is not there.
const SPEC = join(import.meta.dirname, '..', '..', 'shared', 'feldera', 'openapi.json');
const haveSpec = existsSync(SPEC);
if (!haveSpec) console.warn(`SKIPPED: ${SPEC} is absent, so the fake's answers were not checked against Feldera's openapi.json.`);

/** The action's endpoints, as openapi.json names their paths. */
const SPEC_PATHS: Record<string, string> = {
  status: '/v0/pipelines/{pipeline_name}',
  start: '/v0/pipelines/{pipeline_name}/start',
  stop: '/v0/pipelines/{pipeline_name}/stop',
  approve: '/v0/pipelines/{pipeline_name}/approve',
  dismiss_error: '/v0/pipelines/{pipeline_name}/dismiss_error',
  logs: '/v0/pipelines/{pipeline_name}/logs',
  config: '/v0/config',
};

describe('the fake against openapi.json', () => {
  // Runs last in this file, over every answer the tests above got, plus those of a whole start.
  it.skipIf(!haveSpec)(
    haveSpec ? 'sends answers that validate against openapi.json wherever it declares a schema' : `SKIPPED, ${SPEC} is absent: the fake's answers were not validated`,
    async () => {
      const server = await fake([MODIFIED, { name: 'q', programStatus: 'SqlError' }]);
      await call(server, 'POST', '/v0/pipelines/p/dismiss_error');
      await call(server, 'POST', '/v0/pipelines/p/start');
      await call(server, 'POST', '/v0/pipelines/p/approve');
      await readUntil(server, (s) => s.deployment_status === 'AwaitingApproval');
      await call(server, 'GET', '/v0/pipelines/p');
      await call(server, 'POST', '/v0/pipelines/p/approve');
      await readUntil(server, (s) => s.deployment_status === 'Running');
      await call(server, 'POST', '/v0/pipelines/q/start');
      await call(server, 'GET', '/v0/pipelines/q?selector=all');
      await call(server, 'GET', '/v0/config');
      answered.push(...server.responses);

      const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as {
        paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
      };
      // Schemas refer to each other as #/components/schemas/…: the whole document is one schema to Ajv.
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats.default(ajv);
      ajv.addSchema(jsonSchema(spec) as object, 'openapi.json');
      const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
      let checked = 0;
      const problems: string[] = [];
      for (const answer of answered) {
        const path = answer.endpoint && SPEC_PATHS[answer.endpoint];
        if (!path) continue;
        const declared = spec.paths[path]?.[answer.method.toLowerCase()]?.responses[String(answer.status)]?.content?.['application/json']?.schema;
        if (!declared || !answer.contentType.startsWith('application/json')) continue;
        const key = JSON.stringify(declared);
        const validate = compiled.get(key) ?? ajv.compile(rebase(jsonSchema(declared)) as object);
        compiled.set(key, validate);
        if (!validate(JSON.parse(answer.body))) {
          problems.push(`${answer.method} ${answer.path} ${answer.status}: ${ajv.errorsText(validate.errors)}`);
        }
        checked++;
      }
      expect(problems).toEqual([]);
      // Every endpoint of the action was answered, and checked, at least once.
      expect(checked).toBeGreaterThan(20);
      const seen = new Set(answered.map((answer) => answer.endpoint));
      for (const endpoint of ['status', 'start', 'approve', 'dismiss_error', 'stop', 'config']) expect(seen, endpoint).toContain(endpoint);
    },
  );
});

/** OpenAPI 3.0's `nullable: true` as JSON Schema says it (3.1 documents have none): this or null. */
function jsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, jsonSchema(value)]));
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : nullable === undefined ? converted : { ...converted, nullable };
}

/** The declared schema, its `$ref`s pointed into the spec document registered as `openapi.json`. */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
}
