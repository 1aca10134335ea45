// The README's first command: `npm run demo` must keep working, and show what it says it shows.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const demo = join(import.meta.dirname, 'demo.ts');

it('the demo starts a pipeline through compiling, approval and bootstrap, and prints log, outputs and summary', async () => {
  const { stdout } = await run(process.execPath, [demo], { env: { PATH: process.env.PATH } });
  expect(stdout).toMatch(/\] Stopped \(desired Running, program Compiling(Sql|Rust)\)\n/);
  expect(stdout).toContain('::group::Approving the changes since the checkpoint\ntables added: refunds\n');
  expect(stdout).toMatch(/^Pipeline orders is Running after [\d.]+s\.$/m);
  expect(stdout).toContain('  status=Running\n');
  expect(stdout).toContain('#### Changes approved by this step');
  expect(stdout).toContain('── exit code 0 ──');
});
