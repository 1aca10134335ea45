// The README's workflows, read as act will run them: which are whole workflows of this action, which
// can run offline, and whether every `${{ }}` expression parses and names what exists.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export const ACTION = 'feldera-actions/start-pipeline@v1';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: unknown;
}
interface Job {
  if?: unknown;
  needs?: string | string[];
  outputs?: Record<string, unknown>;
  services?: unknown;
  container?: unknown;
  steps?: Step[];
}
export interface Workflow {
  /** Its `name:`, or its job ids when it has none. */
  name: string;
  hasName: boolean;
  /** A file name for it: from its name, or from its job ids and README line. */
  slug: string;
  /** The block as the README has it. */
  text: string;
  /** README line of the opening fence. */
  line: number;
  on: unknown;
  jobs: Record<string, Job>;
  /** Why it cannot run offline under act; empty when it can. */
  remote: string[];
}

/** Every ```yaml block that is a whole workflow (top-level `jobs:`) using this action. */
export function workflowsIn(markdown: string): Workflow[] {
  const found: Workflow[] = [];
  for (const match of markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)) {
    const text = match[1] ?? '';
    const doc = parse(text) as { name?: string; on?: unknown; jobs?: Record<string, Job> } | null;
    if (!doc?.jobs || typeof doc.jobs !== 'object') continue;
    const jobs = doc.jobs;
    if (!Object.values(jobs).some((job) => job.steps?.some((step) => step.uses === ACTION))) continue;
    const line = markdown.slice(0, match.index).split('\n').length;
    const remote: string[] = [];
    for (const [id, job] of Object.entries(jobs)) {
      if (job.services) remote.push(`job ${id} has Docker services`);
      if (job.container) remote.push(`job ${id} runs in a container`);
      for (const step of job.steps ?? []) {
        const uses = step.uses;
        if (uses === ACTION && step.with?.environment !== undefined)
          remote.push(`job ${id} sets environment:, which needs GitHub's deployments API`);
        if (uses === undefined || uses === ACTION) continue;
        // act copies the working tree for a checkout of the repository itself (no repository, no ref).
        if (uses.startsWith('actions/checkout@') && !step.with?.repository && !step.with?.ref) continue;
        remote.push(`job ${id} uses ${uses}`);
      }
    }
    const hasName = typeof doc.name === 'string';
    const name = hasName ? (doc.name as string) : `jobs ${Object.keys(jobs).join(', ')}`;
    const slug = slugOf(hasName ? name : `${name} line ${line}`);
    found.push({ name, hasName, slug, text, line, on: doc.on ?? 'push', jobs, remote });
  }
  return found;
}

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The events of its `on:`, in order. */
export function events(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys(on as object);
}

/** The outputs this action declares (action.yml). */
export function actionOutputs(actionYml: string): Set<string> {
  const outputs = (parse(actionYml) as { outputs?: Record<string, unknown> }).outputs ?? {};
  return new Set(Object.keys(outputs));
}

export function readActionOutputs(root: string): Set<string> {
  return actionOutputs(readFileSync(`${root}/action.yml`, 'utf8'));
}

const CONTEXTS = new Set([
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
]);
const FUNCTIONS = new Set([
  'always',
  'success',
  'failure',
  'cancelled',
  'contains',
  'startsWith',
  'endsWith',
  'format',
  'join',
  'toJSON',
  'fromJSON',
  'hashFiles',
]);

/** The secrets a README workflow may name: the ones the README tells a user to create, and the runner's token. */
export const KNOWN_SECRETS = new Set(['FELDERA_API_KEY', 'GITHUB_TOKEN']);

/**
 * What is wrong with its expressions: each `${{ }}` (and each `if:`, an expression without them)
 * must parse and refer only to steps before it in its job, jobs it needs, declared outputs, inputs,
 * and known secrets.
 */
export function expressionProblems(workflow: Workflow, outputs: Set<string>): string[] {
  const problems: string[] = [];
  const doc = parse(workflow.text) as { on?: unknown };
  const inputs = new Set<string>();
  for (const trigger of ['workflow_dispatch', 'workflow_call'])
    Object.keys(
      (doc.on as Record<string, { inputs?: object } | undefined> | undefined)?.[trigger]?.inputs ?? {},
    ).forEach((input) => inputs.add(input));
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    const needs = new Set(typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []));
    for (const need of needs)
      if (!(need in workflow.jobs)) problems.push(`job ${jobId} needs ${need}, which is no job`);
    const steps = job.steps ?? [];
    const check = (where: string, text: string, before: Step[]) => {
      for (const reference of references(text, (message) => problems.push(`${where}: ${message}`))) {
        const [context, first, second, third] = reference;
        const at = `${where}: ${reference.join('.')}`;
        if (context === undefined) continue;
        if (!CONTEXTS.has(context)) problems.push(`${at}: no context ${context}`);
        else if (context === 'steps') {
          const step = before.find(({ id }) => id === first);
          if (!step) problems.push(`${at}: no step with id ${first} before it in job ${jobId}`);
          else if (second === 'outputs' && third !== undefined && step.uses === ACTION && !outputs.has(third))
            problems.push(`${at}: the action has no output ${third}`);
        } else if (context === 'needs') {
          const needed = first === undefined ? undefined : workflow.jobs[first];
          if (first === undefined || !needs.has(first) || !needed)
            problems.push(`${at}: job ${jobId} does not need ${first}`);
          else if (second === 'outputs' && third !== undefined && !(third in (needed.outputs ?? {})))
            problems.push(`${at}: job ${first} has no output ${third}`);
        } else if (context === 'inputs' && first !== undefined && !inputs.has(first))
          problems.push(`${at}: the workflow has no input ${first}`);
        else if (context === 'secrets' && first !== undefined && !KNOWN_SECRETS.has(first))
          problems.push(`${at}: no secret ${first} (known: ${[...KNOWN_SECRETS].join(', ')})`);
      }
    };
    const scan = (where: string, value: unknown, before: Step[]) => {
      for (const text of strings(value)) for (const inner of embedded(text)) check(where, inner, before);
    };
    scan(`job ${jobId}`, { ...job, steps: undefined, outputs: undefined, if: undefined }, []);
    if (typeof (job as { if?: unknown }).if === 'string')
      check(`job ${jobId} if`, bare((job as { if: string }).if), []);
    steps.forEach((step, index) => {
      const where = `job ${jobId} step ${step.id ?? step.name ?? index + 1}`;
      const before = steps.slice(0, index);
      scan(where, { ...step, if: undefined }, before);
      // A step's `if:` sees the step itself too (steps.<own id>.outcome is not, but its earlier ones are).
      if (typeof step.if === 'string') check(`${where} if`, bare(step.if), before);
    });
    scan(`job ${jobId} outputs`, job.outputs ?? {}, steps);
  }
  return problems;
}

function bare(condition: string): string {
  const inner = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  return inner?.[1] ?? condition;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function embedded(text: string): string[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => match[1] ?? '');
}

/** The property paths an expression reads (`steps.start.outputs.status` as its parts), parsing it whole. */
export function references(expression: string, problem: (message: string) => void): string[][] {
  const tokens = [
    ...expression.matchAll(/\s*('(?:[^']|'')*'|\d+(?:\.\d+)?|[A-Za-z_][\w-]*|==|!=|<=|>=|&&|\|\||[!<>().,[\]*])/gy),
  ];
  const consumed = tokens.reduce((sum, match) => sum + match[0].length, 0);
  if (expression.slice(consumed).trim() !== '') {
    problem(
      `cannot read the expression ${JSON.stringify(expression.trim())} from ${JSON.stringify(expression.slice(consumed))}`,
    );
    return [];
  }
  const list = tokens.map((match) => match[1] ?? '');
  const found: string[][] = [];
  let at = 0;
  const peek = () => list[at];
  const fail = (why: string): never => {
    throw new Error(`${why} in ${JSON.stringify(expression.trim())}`);
  };
  const expect = (token: string) => (list[at++] === token ? undefined : fail(`expected ${token}`));
  const binary = (operators: string[], next: () => void) => () => {
    next();
    while (operators.includes(peek() ?? '')) {
      at++;
      next();
    }
  };
  const primary = (): void => {
    const token = list[at++];
    if (token === undefined) return fail('unexpected end');
    if (token === '!') return primary();
    if (token === '(') {
      or();
      return expect(')');
    }
    if (/^'|^\d/.test(token) || ['true', 'false', 'null'].includes(token)) return;
    if (!/^[A-Za-z_]/.test(token)) return fail(`unexpected ${token}`);
    if (peek() === '(') {
      if (!FUNCTIONS.has(token)) fail(`no function ${token}`);
      at++;
      if (peek() !== ')')
        for (;;) {
          or();
          if (peek() !== ',') break;
          at++;
        }
      expect(')');
      return postfix(undefined);
    }
    return postfix([token]);
  };
  const postfix = (path: string[] | undefined) => {
    let known = path;
    for (;;) {
      if (peek() === '.') {
        at++;
        const name = list[at++] ?? fail('a property name');
        if (name !== '*' && !/^[A-Za-z_]/.test(name)) fail(`unexpected ${name}`);
        known = known && name !== '*' ? [...known, name] : known;
      } else if (peek() === '[') {
        at++;
        or();
        expect(']');
        if (known) found.push(known);
        known = undefined;
      } else break;
    }
    if (known) found.push(known);
  };
  const comparison = binary(['==', '!=', '<', '<=', '>', '>='], primary);
  const and = binary(['&&'], comparison);
  const or = binary(['||'], and);
  try {
    or();
    if (at !== list.length) fail(`unexpected ${list[at]}`);
  } catch (error) {
    problem((error as Error).message);
    return [];
  }
  return found;
}
