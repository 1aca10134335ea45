// action.yml is the contract users read: it must match the inputs the code reads and the outputs it sets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES } from '../src/inputs.ts';
import { OUTPUT_NAMES } from '../src/report/outputs.ts';

const root = join(import.meta.dirname, '..');
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};

it('declares the inputs the code reads, in its order', () => {
  expect(Object.keys(action.inputs)).toEqual([...INPUT_NAMES]);
});

it('declares the outputs the code sets, in its order', () => {
  expect(Object.keys(action.outputs)).toEqual([...OUTPUT_NAMES]);
});

it('runs the bundle on node24', () => {
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
});

it('has the README’s input and output tables agree with it', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const rows = (heading: string) =>
    readme
      .split(`\n## ${heading}\n`)[1]!
      .split('\n## ')[0]!
      .split('\n')
      .map((line) => /^\| `([a-z-]+)` \|/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
  expect(rows('Inputs')).toEqual([...INPUT_NAMES]);
  expect(rows('Outputs')).toEqual([...OUTPUT_NAMES]);
  // Each documented default is action.yml's (api-url and api-key document their environment fallback).
  for (const [name, input] of Object.entries(action.inputs)) {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`))!;
    if (input.default) expect(row, name).toContain(`| \`${input.default}\` |`);
  }
});
