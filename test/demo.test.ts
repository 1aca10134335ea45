// The README's first command: `npm run demo` must keep working, and show what it says it shows.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const launcher = join(import.meta.dirname, 'launch-demo.mjs');
const env = { PATH: process.env.PATH };

/** The demo as `npm run demo -- ...args` runs it, with this node (or another): its exit code and output. */
async function demo(args: string[], node = process.execPath, nodeOptions: string[] = []) {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts.demo;
  expect(script).toBe('node test/launch-demo.mjs');
  try {
    const { stdout, stderr } = await run(node, [...nodeOptions, launcher, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

it('the demo starts a pipeline through compiling, approval and bootstrap, and prints log, outputs and summary', async () => {
  const { code, stdout } = await demo([]);
  expect(code).toBe(0);
  expect(stdout).toMatch(/\] Stopped \(desired Running, program Compiling(Sql|Rust)\)\n/);
  expect(stdout).toContain('::group::Approving the changes since the checkpoint\ntables added: refunds\n');
  expect(stdout).toMatch(/^Pipeline orders is Running after [\d.]+s\.$/m);
  expect(stdout).toContain('  status=Running\n');
  expect(stdout).toContain('#### Changes approved by this step');
  expect(stdout).toContain('── exit code 0 ──');
});

it('--help lists every scenario with a line that says what it shows', async () => {
  const { code, stdout } = await demo(['--help']);
  expect(code).toBe(0);
  const source = readFileSync(join(import.meta.dirname, 'demo.ts'), 'utf8');
  const scenarios = [...source.matchAll(/^ {2}'?([\w-]+)'?: \{$/gm)].map((match) => match[1]);
  expect(scenarios).toEqual(['approval', 'sql-error', 'plan', 'release', 'crash']);
  for (const scenario of scenarios) expect(stdout).toMatch(new RegExp(`^ {2}${scenario} +\\w.{20,}$`, 'm'));
});

it('refuses an unknown scenario in one line, with exit code 2', async () => {
  const { code, stdout, stderr } = await demo(['nope']);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toBe(
    'Unknown scenario "nope": give one of approval, sql-error, plan, release, crash (npm run demo -- --help says what each shows).\n',
  );
});

it('plans a program change without starting anything', async () => {
  const { code, stdout } = await demo(['plan']);
  expect(code).toBe(0);
  expect(stdout).toContain('  plan-changes=1 table removed, 1 view added, 1 view removed, 1 view modified\n');
  expect(stdout).toContain('### 📋 orders: 1 table removed, 1 view added, 1 view removed, 1 view modified\n');
  expect(stdout).toContain('**At the next start**');
  expect(stdout).toContain('── exit code 0 ──');
});

it('releases a program change in one step: checked, stopped with a checkpoint, updated, started', async () => {
  const { code, stdout } = await demo(['release']);
  expect(code).toBe(0);
  expect(stdout).toContain('  program-change=updated\n');
  expect(stdout).toContain('#### Program update');
  expect(stdout).toContain('── exit code 0 ──');
});

const OLD_NODE = 'The demo needs Node 24 or newer, and this is Node 20.0.0: see "Node 24" in the README';

it('says in one line that an older node is too old, before any TypeScript is loaded', async () => {
  const pretend = 'data:text/javascript,Object.defineProperty(process.versions, "node", { value: "20.0.0" })';
  const { code, stdout, stderr } = await demo([], process.execPath, ['--import', pretend]);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(OLD_NODE)]);
});

// The machine's own node, where it is older (CI's is: .ci/run installs Node 24 beside it).
const olderNode = ['/usr/bin/node', '/usr/local/bin/node']
  .filter((path) => existsSync(path))
  .map((path) => ({ path, version: execFileSync(path, ['--version'], { encoding: 'latin1' }).trim().slice(1) }))
  .find(({ version }) => Number(version.split('.')[0]) < 24);

it.runIf(olderNode)('says so on a real older node too, where the demo itself would not even load', async () => {
  const { code, stderr } = await demo([], olderNode!.path);
  expect(code).toBe(1);
  expect(stderr).toContain(`The demo needs Node 24 or newer, and this is Node ${olderNode!.version}: `);
  expect(stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
});
