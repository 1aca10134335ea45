// `npm run local`: @github/local-action runs src/main.ts with its stand-in for @actions/core, with
// inputs from a .env file. It must work as the README says, offline, on a failure as on a success.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { FakeFeldera } from './fake-feldera.ts';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
const closing: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/** `npm run local` with another .env file: the script's own command, its last argument replaced. */
async function runLocal(envFile: string, env: Record<string, string> = {}) {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts.local!;
  const [command, ...args] = script.split(' ');
  expect(command).toBe('local-action');
  expect(args.at(-1)).toBe('.env');
  // Not the runner's: no INPUT_* or GITHUB_* of the test's own environment.
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(INPUT_|GITHUB_|RUNNER_)/.test(name)),
  );
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args.slice(0, -1), envFile], {
    cwd: root,
    env: { ...clean, ...env },
    maxBuffer: 16 << 20,
  });
  // The action's own lines sit between local-action's banners.
  const action = stdout.split(/^ +Running Action$/m)[1]?.split(/^=+\n +Action Outputs$/m)[0] ?? '';
  return { stdout, stderr, lines: action.split('\n').filter((line) => line.trim() && !/^=+$/.test(line)) };
}

function envFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'local-action-')), '.env');
  writeFileSync(file, text);
  return file;
}

it('a failed start ends with the annotation, and no stack trace', async () => {
  const fake = await FakeFeldera.start({ pipelines: [{ name: 'other' }] });
  closing.push(() => fake.close());
  const summary = envFile('');
  const run = await runLocal(envFile(`INPUT_PIPELINE-NAME=missing\nINPUT_API-URL=${fake.url}\nINPUT_TIMEOUT=30s\n`), {
    GITHUB_STEP_SUMMARY: summary,
  });
  expect(run.lines.at(-1)).toMatch(
    /^::error title=Feldera pipeline missing did not start::GET .* 404 UnknownPipelineName: /,
  );
  expect(run.stdout).toMatch(/'error-code' +│ 'UnknownPipelineName'/);
  for (const output of [run.stdout, run.stderr]) {
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/\b(TypeError|Error):/);
  }
  expect(readFileSync(summary, 'utf8')).toContain('### ❌ missing did not start: UnknownPipelineName');
});

it('.env.example starts the pipeline that `node test/fake-feldera.ts` serves', async () => {
  const fake = spawn(process.execPath, [join(root, 'test', 'fake-feldera.ts'), '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  closing.push(() => void fake.kill());
  const [url] = (await createInterface({ input: fake.stdout })[Symbol.asyncIterator]().next()).value?.split(' ') ?? [];
  const example = readFileSync(join(root, '.env.example'), 'utf8');
  expect(example).toMatch(/^INPUT_API-URL=http:\/\/127\.0\.0\.1:8080$/m);
  const run = await runLocal(envFile(example.replace(/^INPUT_API-URL=.*$/m, `INPUT_API-URL=${url}`)));
  expect(run.lines).toContainEqual(expect.stringMatching(/Pipeline example is Running after [\d.]+s\./));
  expect(run.stdout).toMatch(/'status' +│ 'Running'/);
});
