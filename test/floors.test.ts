// The house: src/ in floors, each folder importing only from its own floor and those below it, and
// no file importing itself back through others. A new folder must be given its floor here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** From the ground up; `.` is the top: the entry, the step, the post step. */
export const FLOORS = ['text', 'feldera', 'model', 'log', 'connection', 'phases', 'report', '.'];

const SRC = join(import.meta.dirname, '..', 'src');
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*)'(\.{1,2}\/[^']+)'/g;

/** Each file of src/, relative to it, with the files it imports (static, dynamic and type-only alike). */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return new Map(
    files.map((file) => {
      const text = readFileSync(join(SRC, file), 'utf8');
      return [file, [...text.matchAll(IMPORT)].map((match) => normalize(join(dirname(file), match[1]!)))];
    }),
  );
}

const floorOf = (file: string) => FLOORS.indexOf(dirname(file));

/** Imports that run back up a floor: `from → to`. */
export function upward(graph: Map<string, string[]>): string[] {
  return [...graph].flatMap(([from, imports]) =>
    imports.filter((to) => floorOf(to) > floorOf(from)).map((to) => `${from} → ${to}`),
  );
}

/** The cycles among files, each as the path that closes it. */
export function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') return void found.push([...path.slice(path.indexOf(file)), file].join(' → '));
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  return found;
}

describe('the floors of src/', () => {
  const graph = importGraph();

  it('puts every folder on a floor', () => {
    expect(
      [...new Set([...graph.keys()].map((file) => dirname(file)))].filter((folder) => !FLOORS.includes(folder)),
    ).toEqual([]);
  });

  it('has no import that runs back up a floor', () => {
    expect(upward(graph)).toEqual([]);
  });

  it('has no cycle of files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('resolves every import to a file of src/', () => {
    const missing = [...graph].flatMap(([from, imports]) =>
      imports.filter((to) => !graph.has(to)).map((to) => `${from} → ${relative('.', to)}`),
    );
    expect(missing).toEqual([]);
  });

  it('would see an import back up and a cycle', () => {
    const bad = new Map([
      ['feldera/client.ts', ['model/outcome.ts']],
      ['model/outcome.ts', ['model/hints.ts']],
      ['model/hints.ts', ['model/outcome.ts']],
    ]);
    expect(upward(bad)).toEqual(['feldera/client.ts → model/outcome.ts']);
    expect(cycles(bad)).toEqual(['model/outcome.ts → model/hints.ts → model/outcome.ts']);
  });
});
