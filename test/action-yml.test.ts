// action.yml is the contract users read: it must match the inputs the code reads and the outputs it sets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUTS, INPUT_NAMES } from '../src/model/input-table.ts';
import { ACTION_CODES } from '../src/model/outcome.ts';
import { OUTPUT_NAMES } from '../src/report/outputs.ts';

const root = join(import.meta.dirname, '..');
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
  runs: Record<string, string>;
};

it('declares the inputs the code reads, in its order', () => {
  expect(Object.keys(action.inputs)).toEqual([...INPUT_NAMES]);
});

it('declares each input as the code reads it: its default, or required without one', () => {
  for (const input of INPUTS) {
    const declared = action.inputs[input.name]!;
    expect(declared.default, input.name).toBe(input.default);
    expect(declared.required, input.name).toBe(input.default === undefined);
    // Read from the environment when empty: action.yml's default stays empty, and its description says so.
    if (input.env) expect(declared.default, input.name).toBe('');
    for (const said of [input.env, input.otherwise]) if (said) expect(declared.description, input.name).toContain(said);
  }
});

it('declares the outputs the code sets, in its order', () => {
  expect(Object.keys(action.outputs)).toEqual([...OUTPUT_NAMES]);
});

it('runs the bundle on node24, and again as a post step whatever the job’s result', () => {
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js', 'post-if': 'always()' });
});

it('has the README’s input and output tables agree with it', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const cells = (heading: string) =>
    readme
      .split(`\n## ${heading}\n`)[1]!
      .split('\n## ')[0]!
      .split('\n')
      .map((line) => /^\| `([a-z-]+)` \| ([^|]*) \|/.exec(line))
      .filter((row) => row !== null)
      .map(([, name, second]) => [name!, second!] as const);
  expect(cells('Inputs').map(([name]) => name)).toEqual([...INPUT_NAMES]);
  expect(cells('Outputs').map(([name]) => name)).toEqual([...OUTPUT_NAMES]);
  // Each documented default is action.yml's; without one, the README's words show no value the step would use.
  const defaults = new Map(cells('Inputs'));
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const input of INPUTS) {
    const declared = action.inputs[input.name]!;
    const documented = defaults.get(input.name);
    if (declared.required) expect(documented, input.name).toBe('required');
    else if (declared.default) expect(documented, input.name).toBe(`\`${declared.default}\``);
    else if (input.env) {
      // The environment variable first, last what the step uses without any.
      const without = input.otherwise ? `\`${input.otherwise}\`` : 'none';
      expect(documented, input.name).toMatch(new RegExp(`^env \`${input.env}\`.*, else ${literal(without)}$`));
    } else expect(documented, input.name).toMatch(/^(none|all)$/);
  }
});

it('has README examples that use only inputs and outputs action.yml declares', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  const used = new Set<string>();
  for (const block of blocks) {
    const parsed = parse(block) as unknown;
    const steps = collectSteps(parsed);
    const ours = steps.filter(
      (step) => typeof step.uses === 'string' && /^(\.\/|feldera-actions\/start-pipeline@)/.test(step.uses),
    );
    expect(ours.length, block).toBeGreaterThan(0);
    for (const step of ours) {
      for (const key of Object.keys(step.with ?? {})) {
        expect(Object.keys(action.inputs), `with: ${key}`).toContain(key);
        used.add(key);
      }
      if (!step.with?.['pipeline-name']) throw new Error(`a step without pipeline-name:\n${block}`);
    }
    const ids = new Set(ours.map((step) => step.id).filter(Boolean));
    for (const [, id, output] of block.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      expect(ids, `steps.${id} in:\n${block}`).toContain(id);
      expect(Object.keys(action.outputs)).toContain(output);
    }
  }
  for (const documented of ['sql-file', 'logs', 'auto-approve']) expect(used).toContain(documented);
  expect(readme).toContain('steps.start.outputs.approval-diff');
});

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/** The steps of a README example: a list of steps, a job, or a whole workflow. */
function collectSteps(node: unknown): Step[] {
  if (Array.isArray(node)) return node.flatMap(collectSteps);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  if ('uses' in record || 'run' in record) return [record];
  return Object.values(record).flatMap(collectSteps);
}

it('documents each of the action’s own error codes in action.yml and the README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const errorCode = (action.outputs['error-code'] as { description: string }).description;
  for (const code of Object.keys(ACTION_CODES)) {
    expect(errorCode, code).toContain(code);
    expect(readme, code).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
  }
});

/** Actions the README shows that the project's CI has no use for, at their current major (actions/github-script v9: April 2026). */
const NOT_IN_CI: Record<string, string> = { 'actions/github-script': 'v9' };

interface Job {
  permissions?: unknown;
  'timeout-minutes'?: number;
  env?: Record<string, string>;
  services?: Record<string, { image?: string }>;
  steps?: (Step & { run?: string; env?: Record<string, string> })[];
}

it('has README examples written as a careful user would copy them', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const ci = readFileSync(join(root, '.github', 'workflows', 'ci.yml'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const jobs = blocks.flatMap((block) => Object.entries((parse(block) as { jobs?: Record<string, Job> }).jobs ?? {}));
  expect(jobs.length).toBeGreaterThanOrEqual(5);
  for (const [name, job] of jobs) {
    // Every job says what its token may do; a job that waits for a pipeline has a bound.
    expect(job.permissions, `permissions of job ${name}`).toBeDefined();
    const waits = job.steps?.some(
      (step) => step.uses?.startsWith('feldera-actions/start-pipeline@') && step.with?.wait !== 'false',
    );
    if (waits) expect(job['timeout-minutes'], `timeout-minutes of job ${name}`).toBeGreaterThan(0);
    // A secret in the job's env reaches every step of the job: it belongs in the step's env or with.
    expect(JSON.stringify(job.env ?? {}), `env of job ${name}`).not.toContain('secrets.');
    for (const service of Object.values(job.services ?? {}))
      expect(service.image, `image in job ${name}`).toMatch(/:\d[\w.-]*$/);
    for (const step of job.steps ?? []) {
      // A loop that waits for something is bounded: `timeout N bash -c 'until …'`, or a counted for.
      for (const line of (step.run ?? '').split('\n'))
        if (/\b(until|while)\b/.test(line)) expect(line.trim(), `in job ${name}`).toMatch(/^timeout \d+ /);
    }
  }
  expect(readme).not.toContain(':latest');
  // The README uses the same versions of GitHub's actions as the project's own CI, and the current major of those CI does not use.
  for (const [, action, version] of readme.matchAll(/uses: (actions\/[\w-]+)@(v\d+)/g)) {
    if (action! in NOT_IN_CI) expect(version, action).toBe(NOT_IN_CI[action!]);
    else expect(ci, action).toContain(`uses: ${action}@${version}`);
  }
});

/** The README's recipes, by workflow name: CI runs them under act and finds each by this name. */
const RECIPES = [
  'Start a pipeline',
  'Approval gate',
  'Plan and release',
  'Several pipelines',
  'Health gate',
  'Keyless OIDC',
  'Integration tests',
  'Release a program change',
];

it('has each recipe once, as a whole workflow, and no other example with jobs', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((match) => parse(match[1]!) as { name?: string; on?: unknown; jobs?: Record<string, Job> })
    .filter((parsed) => !Array.isArray(parsed) && parsed.jobs !== undefined);
  expect(workflows.map((workflow) => workflow.name)).toEqual(RECIPES);
  for (const workflow of workflows) {
    expect(workflow.on, workflow.name).toBeDefined();
    // Each recipe has a section of its own name, and the next step echoes the outputs it uses.
    expect(readme, workflow.name).toContain(`\n### ${workflow.name}\n`);
    for (const job of Object.values(workflow.jobs!))
      for (const step of job.steps ?? [])
        for (const [, id, output] of (step.run ?? '').matchAll(/\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}/g))
          expect(step.run, workflow.name).toContain(`echo "${output}=\${{ steps.${id}.outputs.${output} }}`);
  }
});

it('has README and CONTRIBUTING links that land on a heading', () => {
  const anchors = (file: string) =>
    new Set(
      [...readFileSync(join(root, file), 'utf8').matchAll(/^#+ (.+)$/gm)].map(([, heading]) =>
        heading!
          .toLowerCase()
          .replace(/[^\w\- ]/g, '')
          .replace(/ /g, '-'),
      ),
    );
  const files = { 'README.md': anchors('README.md'), 'CONTRIBUTING.md': anchors('CONTRIBUTING.md') };
  for (const file of Object.keys(files) as (keyof typeof files)[]) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, target, anchor] of text.matchAll(/\]\(((?:README|CONTRIBUTING)\.md)?#([\w-]+)\)/g)) {
      const where = files[(target ?? file) as keyof typeof files];
      expect(where.has(anchor!), `${file}: ${target ?? ''}#${anchor}`).toBe(true);
    }
  }
});
