// dist/ is committed, and the runner runs it: it must be exactly what the bundle command makes from src/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

it('dist/ is what `npm run build` makes from src/', () => {
  const out = mkdtempSync(join(tmpdir(), 'feldera-dist-'));
  // The steps of the build script, into a folder of the test's own.
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', 'src/index.ts', '--out', out, '--quiet'],
    { cwd: root, stdio: 'pipe' },
  );
  execFileSync(process.execPath, [join(root, '.github/licenses.mjs'), out], { cwd: root, stdio: 'pipe' });
  const built = readdirSync(out).sort();
  expect(readdirSync(join(root, 'dist')).sort()).toEqual(built);
  for (const file of built) {
    const fresh = readFileSync(join(out, file), 'utf8');
    // A plain equality would print two bundles of megabytes on failure.
    expect(
      readFileSync(join(root, 'dist', file), 'utf8') === fresh,
      `dist/${file} differs from a fresh build: run npm run build`,
    ).toBe(true);
  }
}, 120_000);
