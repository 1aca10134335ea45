// A checked-out repository for an end-to-end run: files under a fresh GITHUB_WORKSPACE, removed after each test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Call at the top of a test file: `workspace(files)` gives the environment of a run in a checkout of those files. */
export function workspaces(): (files: Record<string, string>) => Record<string, string> {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (files) => {
    const dir = mkdtempSync(join(tmpdir(), 'feldera-workspace-'));
    made.push(dir);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return { GITHUB_WORKSPACE: dir };
  };
}
