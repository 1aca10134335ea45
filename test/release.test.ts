// `npm run release -- X.Y.Z` in a clone of this commit: it releases only a commit whose dist/ is what
// the sources build, and then tags, moves the major tag and writes the changelog.
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'release-'));
const clone = join(work, 'repo');
const git = (...args: string[]) =>
  exec('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: clone });
const identity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};
const release = (version: string) =>
  exec('npm', ['run', '--silent', 'release', '--', version], { cwd: clone, env: { ...process.env, ...identity } }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
    (error: unknown) => {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    },
  );

beforeAll(async () => {
  const { stdout: head } = await exec('git', ['rev-parse', 'HEAD'], { cwd: root });
  await exec('git', ['clone', '--quiet', '--no-checkout', root, clone]);
  await git('checkout', '--quiet', head.trim());
  // The bundle's chunk names follow the modules' paths: the clone needs node_modules of its own
  // (hard links where it can: the same files, no copy).
  await exec('cp', ['-al', join(root, 'node_modules'), join(clone, 'node_modules')]).catch(() =>
    exec('cp', ['-a', join(root, 'node_modules'), join(clone, 'node_modules')]),
  );
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('refuses a version that is not X.Y.Z, before anything else', async () => {
  const run = await release('1.2');
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('usage: npm run release -- X.Y.Z');
});

it('refuses a commit whose dist/ is not what the sources build', async () => {
  appendFileSync(join(clone, 'dist', 'index.js'), '\n// edited by hand\n');
  await git('commit', '--quiet', '-am', 'a hand-edited bundle');
  const run = await release('1.0.0');
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('dist/ is not what npm run build makes from src/');
  expect((await git('tag', '--list')).stdout).toBe('');
  await git('reset', '--quiet', '--hard', 'HEAD~1');
}, 120_000);

it('tags vX.Y.Z, moves vX, and writes the changelog in place of Unreleased', async () => {
  const run = await release('1.0.0');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('git push origin HEAD v1.0.0 && git push --force origin v1');
  const commit = async (ref: string) => (await git('rev-parse', `${ref}^{commit}`)).stdout.trim();
  expect(await commit('v1.0.0')).toBe(await commit('HEAD'));
  expect(await commit('v1')).toBe(await commit('HEAD'));
  const changelog = readFileSync(join(clone, 'CHANGELOG.md'), 'utf8');
  expect(changelog).not.toContain('## Unreleased');
  expect(changelog).toMatch(/\n## v1\.0\.0 \(\d{4}-\d\d-\d\d\)\n\n- Start a Feldera pipeline and wait for it: /);
  expect(JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8'))).toMatchObject({ version: '1.0.0' });
  expect((await git('status', '--porcelain')).stdout).toBe('');

  // The next release lists only what came after, above the one before, and moves v1 on.
  await git('commit', '--quiet', '--allow-empty', '-m', 'A fix after 1.0.0');
  expect((await release('1.0.1')).code).toBe(0);
  const next = readFileSync(join(clone, 'CHANGELOG.md'), 'utf8');
  expect(next).toMatch(/\n## v1\.0\.1 \(\d{4}-\d\d-\d\d\)\n\n- A fix after 1\.0\.0\n\n## v1\.0\.0 /);
  expect(await commit('v1')).toBe(await commit('v1.0.1'));
}, 120_000);
