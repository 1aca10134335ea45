// The support bundle end to end: the real bundle (dist/index.js) against the fake Feldera and the fake artifact service.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FakeArtifacts } from './fake-artifacts.ts';
import { FakeFeldera } from './fake-feldera.ts';
import { runAction, startAction } from './run-action.ts';
import { unzip } from './fake/zip.ts';

const closing: { close: () => Promise<void> }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of closing.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setup(
  pipelines: ConstructorParameters<typeof FakeFeldera>[0]['pipelines'],
  options: ConstructorParameters<typeof FakeArtifacts>[0] = {},
) {
  const fake = await FakeFeldera.start({ pipelines });
  const artifacts = await FakeArtifacts.start(options);
  closing.push(fake, artifacts);
  const temp = mkdtempSync(join(tmpdir(), 'bundle-e2e-'));
  dirs.push(temp);
  const env = {
    ...artifacts.env(),
    RUNNER_TEMP: temp,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/etl',
    GITHUB_RUN_ID: '77',
    GITHUB_RUN_ATTEMPT: '1',
  };
  return { fake, artifacts, env };
}

it('uploads the failed pipeline’s bundle (on-failure), keeps the failure and its code, and links the artifact', async () => {
  const { fake, artifacts, env } = await setup([
    {
      name: 'orders',
      phases: [{ status: 'Provisioning' }],
      failWith: { message: 'boom', error_code: 'RunnerProvisioningFailed' },
    },
  ]);
  const run = await runAction(
    { 'pipeline-name': 'orders', 'api-url': fake.url, 'poll-interval': '100ms', 'support-bundle': 'on-failure' },
    env,
  );
  expect(run.outputs['error-code']).toBe('RunnerProvisioningFailed');
  expect(run.outputs['support-bundle-artifact']).toBe('1000');
  const [artifact] = artifacts.artifacts;
  expect(artifact?.name).toBe('feldera-support-orders-77-1');
  expect(unzip(artifact!.blob!)[0]!.data.equals(fake.bundles[0]!)).toBe(true);
  expect(run.summary).toContain('https://github.com/acme/etl/actions/runs/77/artifacts/1000');
});

it('asks for no bundle with never, nor for a success with on-failure', async () => {
  const { fake, env } = await setup([{ name: 'orders' }]);
  const run = await runAction(
    { 'pipeline-name': 'orders', 'api-url': fake.url, 'poll-interval': '100ms', 'support-bundle': 'on-failure' },
    env,
  );
  expect(run.outputs['support-bundle-artifact']).toBe('');
  expect(fake.calls('support_bundle')).toEqual([]);
});

const failing = [
  {
    name: 'orders',
    phases: [{ status: 'Provisioning' }],
    failWith: { message: 'boom', error_code: 'RunnerProvisioningFailed' },
  },
];

it('warns of a bundle that never ends, the failure and its annotation unchanged and first', async () => {
  const { fake, env } = await setup(failing);
  fake.fault('support_bundle', { kind: 'endless', zip: true });
  const run = await runAction(
    { 'pipeline-name': 'orders', 'api-url': fake.url, 'poll-interval': '100ms', 'support-bundle': 'always' },
    env,
  );
  expect(run.code).toBe(1);
  expect(run.outputs['error-code']).toBe('RunnerProvisioningFailed');
  expect(run.outputs['support-bundle-artifact']).toBe('');
  expect(
    run.annotations.find(
      (annotation) => annotation.level === 'error' || annotation.message.includes('No support bundle'),
    )?.level,
  ).toBe('error');
  expect(run.annotations.find((annotation) => annotation.message.includes('No support bundle'))?.message).toMatch(
    /the bundle passed the limit of 200\.0 MB/,
  );
});

it('still reports at a cancel during the upload: Cancelled', async () => {
  const { fake, artifacts, env } = await setup(failing, { hang: 'block' });
  const { child, done } = startAction(
    { 'pipeline-name': 'orders', 'api-url': fake.url, 'poll-interval': '100ms', 'support-bundle': 'on-failure' },
    env,
  );
  artifacts.onRequest = (kind) => kind === 'block' && child.kill('SIGINT');
  const run = await done;
  // The failure came first; the cancel during the upload is said in its message, and the report still comes.
  expect(run.outputs['error-code']).toBe('RunnerProvisioningFailed');
  expect(run.outputs['support-bundle-artifact']).toBe('');
  expect(run.annotations.find((annotation) => annotation.level === 'error')?.message).toMatch(/cancel/i);
  expect(run.summary).not.toBe('');
});

it('uploads a bundle for each failed pipeline only, each one’s artifact id in its results', async () => {
  const { fake, artifacts, env } = await setup([
    {
      name: 'orders',
      phases: [{ status: 'Provisioning', reads: 1 }],
      failWith: { message: 'boom', error_code: 'RunnerProvisioningFailed' },
    },
    { name: 'billing' },
    {
      name: 'audit',
      phases: [{ status: 'Provisioning', reads: 1 }],
      failWith: { message: 'bang', error_code: 'RunnerCheckError' },
    },
  ]);
  const run = await runAction(
    {
      'pipeline-name': 'orders, billing, audit',
      'api-url': fake.url,
      'poll-interval': '100ms',
      'support-bundle': 'on-failure',
    },
    env,
  );
  expect(run.code).toBe(1);
  expect(run.outputs['error-code']).toBe('RunnerProvisioningFailed');
  expect(fake.calls('support_bundle').map((request) => request.path)).toEqual(
    expect.arrayContaining(['/v0/pipelines/orders/support_bundle', '/v0/pipelines/audit/support_bundle']),
  );
  expect(fake.calls('support_bundle')).toHaveLength(2);
  const byName = new Map(artifacts.artifacts.map((artifact) => [artifact.name, String(artifact.id)]));
  expect([...byName.keys()].sort()).toEqual(['feldera-support-audit-77-1', 'feldera-support-orders-77-1']);
  const results = JSON.parse(run.outputs.results!) as Record<string, Record<string, string>>;
  expect(results.orders!['support-bundle-artifact']).toBe(byName.get('feldera-support-orders-77-1'));
  expect(results.audit!['support-bundle-artifact']).toBe(byName.get('feldera-support-audit-77-1'));
  expect(results.billing!['support-bundle-artifact']).toBe('');
  // The step's own output is the first pipeline's (in the order given) that has one.
  expect(run.outputs['support-bundle-artifact']).toBe(results.orders!['support-bundle-artifact']);
  for (const artifact of artifacts.artifacts) expect(artifact.finalized).toBeDefined();
});

it('uploads the bundle of a success with always, the step green', async () => {
  const { fake, artifacts, env } = await setup([{ name: 'orders' }]);
  const run = await runAction(
    { 'pipeline-name': 'orders', 'api-url': fake.url, 'poll-interval': '100ms', 'support-bundle': 'always' },
    env,
  );
  expect(run.code).toBe(0);
  expect(run.outputs['error-code']).toBe('');
  expect(run.outputs.status).toBe('Running');
  expect(run.annotations).toEqual([]);
  expect(run.outputs['support-bundle-artifact']).toBe('1000');
  expect(unzip(artifacts.artifacts[0]!.blob!)[0]!.data.equals(fake.bundles[0]!)).toBe(true);
  expect(run.summary).toContain('https://github.com/acme/etl/actions/runs/77/artifacts/1000');
});

it('warns before the start when a public repository’s bundle would hold the configuration, and not for a private one or without those parts', async () => {
  const { fake, env } = await setup([{ name: 'orders' }]);
  const eventFile = (isPrivate: boolean) => {
    const file = join(dirs[0]!, `event-${isPrivate}.json`);
    writeFileSync(file, JSON.stringify({ repository: { full_name: 'acme/etl', private: isPrivate } }));
    return file;
  };
  const step = (extra: Record<string, string>, isPrivate: boolean) =>
    runAction(
      {
        'pipeline-name': 'orders',
        'api-url': fake.url,
        'poll-interval': '100ms',
        'support-bundle': 'on-failure',
        ...extra,
      },
      { ...env, GITHUB_EVENT_PATH: eventFile(isPrivate) },
    );
  const exposed = await step({}, false);
  expect(exposed.code).toBe(0);
  const warnings = exposed.annotations.filter((annotation) => annotation.level === 'warning');
  expect(warnings).toHaveLength(1);
  expect(warnings[0]!.properties).toContain('title=Support bundle of a public repository');
  expect(warnings[0]!.message).toMatch(
    /pipeline_config and system_config in a public repository: anyone can download the artifact/,
  );
  // Before the start: the first line of the run, before the step names the pipeline it starts.
  expect(exposed.stdout.indexOf('::warning')).toBeLessThan(exposed.stdout.indexOf('Starting Feldera pipeline orders'));
  const partsWithout = await step({ 'support-bundle-parts': 'logs, stats' }, false);
  const privateRepository = await step({}, true);
  for (const run of [partsWithout, privateRepository]) expect(run.annotations).toEqual([]);
});

it('warns when the artifact service refuses the bundle, the failure, its code and its annotation unchanged and first', async () => {
  const { fake, artifacts, env } = await setup(failing, {
    refuse: { status: 409, code: 'already_exists', msg: 'an artifact with this name already exists' },
  });
  const run = await runAction(
    { 'pipeline-name': 'orders', 'api-url': fake.url, 'poll-interval': '100ms', 'support-bundle': 'on-failure' },
    env,
  );
  expect(run.code).toBe(1);
  expect(run.outputs['error-code']).toBe('RunnerProvisioningFailed');
  expect(run.outputs['support-bundle-artifact']).toBe('');
  expect(artifacts.artifacts).toEqual([]);
  expect(fake.bundles).toHaveLength(1);
  const levels = run.annotations.map((annotation) => annotation.level);
  expect(levels[0]).toBe('error');
  const warning = run.annotations.find((annotation) => annotation.message.includes('No support bundle'));
  expect(warning?.message).toMatch(
    /^No support bundle for pipeline orders: the artifact service refused the upload: .*an artifact with this name already exists/,
  );
  expect(run.summary).toMatch(
    /\*\*Support bundle\*\*: none: No support bundle for pipeline orders: the artifact service refused the upload/,
  );
});
