// The support bundle, in the process: streamed from the fake Feldera to a file, each fault a reason
// that says why, and uploaded with the real @actions/artifact to the fake artifact service.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineClient } from '../src/feldera/client.ts';
import { BundleProblem } from '../src/feldera/support-bundle.ts';
import { SUPPORT_BUNDLE_PARTS, readConfig, type InputName } from '../src/model/inputs.ts';
import type { RunLog } from '../src/log/phase-log.ts';
import { artifactName, collectSupportBundle, publicBundleWarning, wantsBundle } from '../src/phases/support-bundle.ts';
import { FakeArtifacts, JOB_BACKEND_ID, RUN_BACKEND_ID } from './fake-artifacts.ts';
import { FakeFeldera } from './fake-feldera.ts';
import { checkAnswers, NEWEST_SPEC } from './openapi-check.ts';
import { unzip } from './fake/zip.ts';
import { httpOptions } from './http-options.ts';

const closing: { close: () => Promise<void> }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of closing.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-test-'));
  dirs.push(dir);
  return dir;
}

async function feldera(status = 'Running') {
  const fake = await FakeFeldera.start({
    version: '0.375.0',
    pipelines: [{ name: 'orders', provisioned: { initial: 'running', status } }],
  });
  closing.push(fake);
  const client = new PipelineClient(httpOptions(`${fake.url}/`), 'orders');
  return { fake, client };
}

function config(inputs: Partial<Record<InputName, string>> = {}) {
  return readConfig({
    getInput: (name) => ({ 'pipeline-name': 'orders', 'support-bundle': 'on-failure', ...inputs })[name] ?? '',
    env: {},
    onSecret: () => undefined,
  }).config;
}

const lines: string[] = [];
const log = {
  info: (line: string) => lines.push(line),
  warning: (line: string) => lines.push(line),
  debug: () => undefined,
} as unknown as RunLog;
const limits = { maxBytes: 200e6, totalMs: 30_000 };

describe('downloadSupportBundle', () => {
  it('streams the ZIP to a file, asking for the parts left out as false', async () => {
    const { fake, client } = await feldera();
    const file = join(temp(), 'b.zip');
    const bytes = await client.supportBundle(['logs', 'stats'], SUPPORT_BUNDLE_PARTS, file, limits);
    const [request] = fake.calls('support_bundle');
    expect(request?.query).toEqual(
      Object.fromEntries(
        SUPPORT_BUNDLE_PARTS.filter((part) => part !== 'logs' && part !== 'stats').map((part) => [part, 'false']),
      ),
    );
    const written = readFileSync(file);
    expect(written.equals(fake.bundles[0]!)).toBe(true);
    expect(bytes).toBe(written.length);
    const names = unzip(written).map((entry) => entry.name.replace(/^[^/]*\//, ''));
    expect(names).toEqual(['logs.txt', 'stats.json', 'metadata.txt', 'metadata.json']);
  });

  it('asks for nothing but the route with Feldera’s default, and gets every part', async () => {
    const { fake, client } = await feldera();
    const file = join(temp(), 'b.zip');
    await client.supportBundle(undefined, SUPPORT_BUNDLE_PARTS, file, limits);
    expect(fake.calls('support_bundle')[0]?.query).toEqual({});
    expect(unzip(readFileSync(file))).toHaveLength(12);
  });

  it.each([
    [
      'an older Feldera (404, empty body)',
      { kind: 'status', status: 404 } as const,
      /answered 404 with an empty body: this Feldera is older than the support bundle/,
    ],
    [
      '501',
      {
        kind: 'status',
        status: 501,
        body: '{"message":"Not implemented here","error_code":"NotImplemented","details":null}',
      } as const,
      /failed: 501 NotImplemented: Not implemented here/,
    ],
    [
      '503 while the pipeline is down',
      {
        kind: 'status',
        status: 503,
        body: '{"message":"Pipeline orders is not deployed","error_code":"PipelineInteractionNotDeployed","details":null}',
      } as const,
      /failed: 503 PipelineInteractionNotDeployed: Pipeline orders is not deployed/,
    ],
    [
      'a stream that breaks',
      { kind: 'truncated', zip: true } as const,
      /support_bundle broke after 0\.0 MB: other side closed/,
    ],
    [
      'a body that is not a ZIP',
      { kind: 'truncated' } as const,
      /answered 200 with something that is not a ZIP: \{"name": "p"/,
    ],
    ['a reset', { kind: 'reset' } as const, /broke after 0\.0 MB/],
  ])('says why there is no bundle: %s', async (_, fault, message) => {
    const { fake, client } = await feldera();
    fake.fault('support_bundle', fault);
    const file = join(temp(), 'b.zip');
    const error = await client
      .supportBundle(undefined, SUPPORT_BUNDLE_PARTS, file, limits)
      .catch((error: unknown) => error);
    expect(error).toBeInstanceOf(BundleProblem);
    expect((error as Error).message).toMatch(message);
  });

  it('stops a bundle that never ends at its size limit', async () => {
    const { fake, client } = await feldera();
    fake.fault('support_bundle', { kind: 'endless', zip: true });
    const error = await client
      .supportBundle(undefined, SUPPORT_BUNDLE_PARTS, join(temp(), 'b.zip'), { maxBytes: 8e6, totalMs: 60_000 })
      .catch((error: unknown) => error);
    expect((error as Error).message).toBe('the bundle passed the limit of 8.0 MB');
  });

  it('stops a bundle that never comes at its time budget', async () => {
    const { fake, client } = await feldera();
    fake.fault('support_bundle', { kind: 'hang' });
    const error = await client
      .supportBundle(undefined, SUPPORT_BUNDLE_PARTS, join(temp(), 'b.zip'), { maxBytes: 8e6, totalMs: 300 })
      .catch((error: unknown) => error);
    expect((error as Error).message).toMatch(/support_bundle took longer than 0\.3s \(0\.0 MB read\)/);
  });

  it('refuses a 200 that is not a ZIP', async () => {
    const { fake, client } = await feldera();
    fake.fault('support_bundle', { kind: 'status', status: 200, body: '<html>proxy login</html>' });
    const error = await client
      .supportBundle(undefined, SUPPORT_BUNDLE_PARTS, join(temp(), 'b.zip'), limits)
      .catch((error: unknown) => error);
    expect((error as Error).message).toMatch(/answered 200 with something that is not a ZIP: <html>proxy login/);
  });

  it('answers as the spec says: 400 for limit=0, the ZIP otherwise', async () => {
    const { fake } = await feldera('Stopped');
    const zero = await fetch(`${fake.url}/v0/pipelines/orders/support_bundle?limit=0`);
    expect(zero.status).toBe(400);
    const bundle = await fetch(`${fake.url}/v0/pipelines/orders/support_bundle`);
    expect(bundle.headers.get('content-type')).toBe('application/zip');
    expect(bundle.headers.get('content-disposition')).toBe('attachment; filename="orders-support-bundle.zip"');
    // A stopped pipeline has no process to ask: only what the manager stores.
    const names = unzip(Buffer.from(await bundle.arrayBuffer())).map((entry) => entry.name.replace(/^[^/]*\//, ''));
    expect(names).toEqual([
      'pipeline_config.json',
      'system_config.json',
      'pipeline_events.json',
      'metadata.txt',
      'metadata.json',
    ]);
    expect(checkAnswers(NEWEST_SPEC, fake.responses)).toMatchObject({ problems: [], checked: 1 });
  });
});

describe('collectSupportBundle', () => {
  async function withArtifacts(options: ConstructorParameters<typeof FakeArtifacts>[0] = {}) {
    const artifacts = await FakeArtifacts.start(options);
    closing.push(artifacts);
    const env = {
      ...artifacts.env(),
      RUNNER_TEMP: temp(),
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/etl',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '2',
    };
    // @actions/artifact reads its settings from the process's environment.
    const saved = { ...process.env };
    Object.assign(process.env, env);
    closing.push({ close: () => Promise.resolve(void (process.env = saved)) });
    return { artifacts, env };
  }

  it('uploads the bundle whole, named by the run and its attempt, kept for the days asked', async () => {
    const { fake, client } = await feldera();
    const { artifacts, env } = await withArtifacts();
    const bundle = await collectSupportBundle(
      client,
      config({ 'support-bundle-retention-days': '3' }),
      new AbortController().signal,
      log,
      env,
    );
    expect(bundle).toEqual({
      name: 'feldera-support-orders-4242-2',
      artifactId: '1000',
      url: 'https://github.com/acme/etl/actions/runs/4242/artifacts/1000',
    });
    const [artifact] = artifacts.artifacts;
    expect(artifact).toMatchObject({
      name: 'feldera-support-orders-4242-2',
      runBackendId: RUN_BACKEND_ID,
      jobBackendId: JOB_BACKEND_ID,
      finalized: { hash: expect.stringMatching(/^sha256:/) },
    });
    const [entry, ...more] = unzip(artifact!.blob!);
    expect(more).toEqual([]);
    expect(entry!.name).toBe('orders-support-bundle.zip');
    expect(entry!.data.equals(fake.bundles[0]!)).toBe(true);
    // Three days from today, by the calendar.
    const days = Math.round((Date.parse(artifact!.expiresAt!) - Date.now()) / 86_400_000);
    expect(days).toBe(3);
    // The file is gone once uploaded.
    expect(readdirSync(env.RUNNER_TEMP)).toEqual([]);
  });

  it('says why when the artifact service refuses', async () => {
    const { client } = await feldera();
    const { env } = await withArtifacts({
      refuse: {
        status: 409,
        code: 'already_exists',
        msg: 'an artifact with this name already exists on the workflow run',
      },
    });
    const bundle = await collectSupportBundle(client, config(), new AbortController().signal, log, env);
    expect(bundle?.problem).toMatch(
      /^No support bundle for pipeline orders: the artifact service refused the upload: .*409.*already exists/,
    );
  });

  it('gives up on an artifact service that does not answer, at its budget', async () => {
    const { client } = await feldera();
    const { artifacts, env } = await withArtifacts({ hang: 'create' });
    const bundle = await collectSupportBundle(client, config(), new AbortController().signal, log, env, {
      downloadMs: 30_000,
      uploadMs: 300,
    });
    expect(bundle?.problem).toBe('No support bundle for pipeline orders: the artifact service took longer than 0.3s.');
    expect(artifacts.requests.some((request) => request.includes('CreateArtifact'))).toBe(true);
  });

  it('skips the upload at a cancel, saying nothing', async () => {
    const { client } = await feldera();
    const { artifacts, env } = await withArtifacts({ hang: 'block' });
    const cancel = new AbortController();
    artifacts.onRequest = (kind) => kind === 'block' && cancel.abort(new Error('cancelled'));
    expect(await collectSupportBundle(client, config(), cancel.signal, log, env)).toBeUndefined();
  });

  it('writes the bundle to RUNNER_TEMP outside GitHub, and says where', async () => {
    const { fake, client } = await feldera();
    const dir = temp();
    const bundle = await collectSupportBundle(client, config(), new AbortController().signal, log, {
      RUNNER_TEMP: dir,
    });
    const path = join(dir, 'feldera-support-orders-local-1.zip');
    expect(bundle).toEqual({ name: 'feldera-support-orders-local-1', path });
    expect(readFileSync(path).equals(fake.bundles[0]!)).toBe(true);
    expect(lines.some((line) => line.includes(`written to ${path}`))).toBe(true);
  });

  it('leaves no partial file when the download fails', async () => {
    const { fake, client } = await feldera();
    fake.fault('support_bundle', { kind: 'endless', zip: true });
    const dir = temp();
    const bundle = await collectSupportBundle(
      client,
      config(),
      new AbortController().signal,
      log,
      { RUNNER_TEMP: dir },
      { downloadMs: 300, uploadMs: 300 },
    );
    expect(bundle?.problem).toMatch(
      /^No support bundle for pipeline orders: (GET .*support_bundle took longer than 0\.3s|the bundle passed the limit)/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('when and how', () => {
  it('takes a bundle on failure or always, never at a cancel', () => {
    const failed = { result: 'failed', code: 'Timeout', message: '' } as const;
    expect(wantsBundle(config(), failed)).toBe(true);
    expect(wantsBundle(config(), { result: 'reached' })).toBe(false);
    expect(wantsBundle(config({ 'support-bundle': 'always' }), { result: 'reached' })).toBe(true);
    expect(wantsBundle(config({ 'support-bundle': 'never' }), failed)).toBe(false);
    expect(wantsBundle(config({ 'support-bundle': 'always' }), { ...failed, code: 'Cancelled' })).toBe(false);
  });

  it('names the artifact by pipeline, run and attempt', () => {
    expect(artifactName('orders', { GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '3' })).toBe('feldera-support-orders-7-3');
  });

  it('warns of a public repository when the configuration parts are taken', () => {
    const event = join(temp(), 'event.json');
    writeFileSync(event, JSON.stringify({ repository: { private: false } }));
    const env = { GITHUB_EVENT_PATH: event };
    expect(publicBundleWarning(config(), env)).toMatch(
      /uploads pipeline_config and system_config in a public repository/,
    );
    expect(publicBundleWarning(config({ 'support-bundle-parts': 'logs,system_config' }), env)).toMatch(
      /uploads system_config in a public/,
    );
    expect(publicBundleWarning(config({ 'support-bundle-parts': 'logs,stats' }), env)).toBeUndefined();
    expect(publicBundleWarning(config({ 'support-bundle': 'never' }), env)).toBeUndefined();
    writeFileSync(event, JSON.stringify({ repository: { private: true } }));
    expect(publicBundleWarning(config(), env)).toBeUndefined();
  });
});
