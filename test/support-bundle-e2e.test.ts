// The support bundle end to end: the real bundle (dist/index.js) against the fake Feldera and the fake artifact service.
import { mkdtempSync, rmSync } from 'node:fs';
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

async function setup(pipelines: ConstructorParameters<typeof FakeFeldera>[0]['pipelines'], options: ConstructorParameters<typeof FakeArtifacts>[0] = {}) {
  const fake = await FakeFeldera.start({ pipelines });
  const artifacts = await FakeArtifacts.start(options);
  closing.push(fake, artifacts);
  const temp = mkdtempSync(join(tmpdir(), 'bundle-e2e-'));
  dirs.push(temp);
  const env = { ...artifacts.env(), RUNNER_TEMP: temp, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/etl', GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '1' };
  return { fake, artifacts, env };
}

it('uploads the failed pipeline’s bundle (on-failure), keeps the failure and its code, and links the artifact', async () => {
  const { fake, artifacts, env } = await setup([{ name: 'orders', phases: [{ status: 'Provisioning' }], failWith: { message: 'boom', error_code: 'RunnerProvisioningFailed' } }]);
  const run = await runAction({ 'pipeline-name': 'orders', 'api-url': fake.url, 'poll-interval': '100ms', 'support-bundle': 'on-failure' }, env);
  expect(run.outputs['error-code']).toBe('RunnerProvisioningFailed');
  expect(run.outputs['support-bundle-artifact']).toBe('1000');
  const [artifact] = artifacts.artifacts;
  expect(artifact?.name).toBe('feldera-support-orders-77-1');
  expect(unzip(artifact!.blob!)[0]!.data.equals(fake.bundles[0]!)).toBe(true);
  expect(run.summary).toContain('https://github.com/acme/etl/actions/runs/77/artifacts/1000');
});

it('asks for no bundle with never, nor for a success with on-failure', async () => {
  const { fake, env } = await setup([{ name: 'orders' }]);
  const run = await runAction({ 'pipeline-name': 'orders', 'api-url': fake.url, 'poll-interval': '100ms', 'support-bundle': 'on-failure' }, env);
  expect(run.outputs['support-bundle-artifact']).toBe('');
  expect(fake.calls('support_bundle')).toEqual([]);
});

const failing = [{ name: 'orders', phases: [{ status: 'Provisioning' }], failWith: { message: 'boom', error_code: 'RunnerProvisioningFailed' } }];

it('warns of a bundle that never ends, the failure and its annotation unchanged and first', async () => {
  const { fake, env } = await setup(failing);
  fake.fault('support_bundle', { kind: 'endless', zip: true });
  const run = await runAction({ 'pipeline-name': 'orders', 'api-url': fake.url, 'poll-interval': '100ms', 'support-bundle': 'always' }, env);
  expect(run.code).toBe(1);
  expect(run.outputs['error-code']).toBe('RunnerProvisioningFailed');
  expect(run.outputs['support-bundle-artifact']).toBe('');
  expect(run.annotations.find((annotation) => annotation.level === 'error' || annotation.message.includes('No support bundle'))?.level).toBe('error');
  expect(run.annotations.find((annotation) => annotation.message.includes('No support bundle'))?.message).toMatch(/the bundle passed the limit of 200\.0 MB/);
});

it('still reports at a cancel during the upload: Cancelled', async () => {
  const { fake, artifacts, env } = await setup(failing, { hang: 'block' });
  const { child, done } = startAction({ 'pipeline-name': 'orders', 'api-url': fake.url, 'poll-interval': '100ms', 'support-bundle': 'on-failure' }, env);
  artifacts.onRequest = (kind) => kind === 'block' && child.kill('SIGINT');
  const run = await done;
  // The failure came first; the cancel during the upload is said in its message, and the report still comes.
  expect(run.outputs['error-code']).toBe('RunnerProvisioningFailed');
  expect(run.outputs['support-bundle-artifact']).toBe('');
  expect(run.annotations.find((annotation) => annotation.level === 'error')?.message).toMatch(/cancel/i);
  expect(run.summary).not.toBe('');
});
