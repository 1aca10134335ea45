// The children the bench runs, one at a time: the bundle as the runner runs it (maybe through a
// launcher that records its peak memory), and the two scripts it is compared with.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeFeldera, type PipelineScript } from '../fake-feldera.ts';
import { DIST, PIPELINE } from './config.ts';

const work = mkdtempSync(join(tmpdir(), 'feldera-bench-'));
let files = 0;

/** Removes the scripts and the files of the runs. */
export const cleanUp = () => rmSync(work, { recursive: true, force: true });

// The floor: the least the action must do, one start and one status read, with the built-in fetch.
export const FLOOR = join(work, 'floor.mjs');
writeFileSync(
  FLOOR,
  `const [base, name] = process.argv.slice(2);
const start = await fetch(\`\${base}/v0/pipelines/\${name}/start?initial=running&bootstrap_policy=await_approval&dismiss_error=false\`, { method: 'POST' });
await start.text();
const status = await (await fetch(\`\${base}/v0/pipelines/\${name}?selector=status\`)).json();
if (status.deployment_status !== 'Running') process.exitCode = 1;
`,
);

// The reference: start, then a status read every 0.5 s (a fixed sleep after each read, as the Python
// client's time.sleep does) until Running.
export const POLLER = join(work, 'poller.mjs');
writeFileSync(
  POLLER,
  `import { setTimeout as sleep } from 'node:timers/promises';
const [base, name, interval] = process.argv.slice(2);
const start = await fetch(\`\${base}/v0/pipelines/\${name}/start?initial=running&bootstrap_policy=await_approval&dismiss_error=false\`, { method: 'POST' });
if (!start.ok) throw new Error(\`start: \${start.status} \${await start.text()}\`);
await start.text();
for (;;) {
  const status = await (await fetch(\`\${base}/v0/pipelines/\${name}?selector=status\`)).json();
  if (status.deployment_status === 'Running') break;
  await sleep(Number(interval));
}
`,
);

// Runs the bundle in its own process, as `node dist/index.js` would, and writes the process's peak
// resident set (KB) to a file when it exits: the peak can only be read from inside the process.
const LAUNCHER = join(work, 'launcher.mjs');
writeFileSync(
  LAUNCHER,
  `import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [dist, rssFile] = process.argv.slice(2);
process.on('exit', () => writeFileSync(rssFile, String(process.resourceUsage().maxRSS)));
await import(pathToFileURL(dist).href);
`,
);

export interface ChildRun {
  spawnedAt: number;
  exitedAt: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Through the launcher only: the peak resident set, KB. */
  maxRssKb?: number;
  /** The pipelines that did not reach Running, as `name ErrorCode`, when the step may fail. */
  failed?: string[];
}

interface StepOptions {
  /** The pipelines of the step, one a line. */
  names?: string[];
  /** Through the launcher, for the peak memory. */
  measured?: boolean;
  /** Report the pipelines that did not reach Running in `failed` instead of throwing. */
  mayFail?: boolean;
  /** More inputs, by name. */
  more?: Record<string, string>;
  /** More environment, such as GITHUB_WORKSPACE for a sql-file. */
  env?: Record<string, string>;
}

/** A step's GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, fresh and its own, so that steps may run side by side. */
export function stepFiles(): { env: Record<string, string>; output: (name: string) => string | undefined } {
  const outputFile = join(work, `output-${++files}`);
  const summaryFile = join(work, `summary-${files}`);
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  return {
    env: { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile },
    output: (name) => new RegExp(`^${name}<<(.+)\n(.*)\n\\1$`, 'm').exec(readFileSync(outputFile, 'utf8'))?.[2],
  };
}

/** One child, with stdio piped as the runner does; `exitedAt` is when this process sees it exit. */
export function runChild(
  args: string[],
  env: Record<string, string>,
  spawned: (child: ChildProcess) => void = () => undefined,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    spawned(child);
    let exitedAt = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => (exitedAt = performance.now()));
    child.on('close', (code) => resolve({ spawnedAt, exitedAt, code, stdout, stderr }));
  });
}

/** The bundle, as the runner runs it: INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. */
export async function runAction(
  fake: FakeFeldera,
  pollInterval: string,
  healthWindow = '0s',
  { names = [PIPELINE], measured = false, mayFail = false, more = {}, env = {} }: StepOptions = {},
): Promise<ChildRun> {
  const step = stepFiles();
  const rssFile = join(work, `max-rss-${files}`);
  writeFileSync(rssFile, '');
  const run = await runChild(measured ? [LAUNCHER, DIST, rssFile] : [DIST], {
    ...step.env,
    ...env,
    'INPUT_PIPELINE-NAME': names.join('\n'),
    'INPUT_API-URL': fake.url,
    'INPUT_POLL-INTERVAL': pollInterval,
    'INPUT_HEALTH-WINDOW': healthWindow,
    INPUT_TIMEOUT: '1m',
    ...Object.fromEntries(Object.entries(more).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  });
  const results = JSON.parse(step.output('results') ?? '{}') as Record<
    string,
    { status?: string; 'error-code'?: string }
  >;
  run.failed = names
    .filter((name) => results[name]?.status !== 'Running')
    .map((name) => `${name} ${results[name]?.['error-code'] || results[name]?.status}`);
  if ((run.code !== 0 || run.failed.length) && !(mayFail && run.failed.length)) {
    throw new Error(
      `the action ended with code ${run.code}, ${run.failed.join(', ') || 'every pipeline Running'}:\n${run.stdout}${run.stderr}`,
    );
  }
  if (measured) {
    run.maxRssKb = Number(readFileSync(rssFile, 'utf8'));
    if (!(run.maxRssKb > 0)) throw new Error('the launcher recorded no peak memory');
  }
  return run;
}

export async function runScript(script: string, args: string[]): Promise<ChildRun> {
  const run = await runChild([script, ...args], {});
  if (run.code !== 0) throw new Error(`${script} ended with code ${run.code}:\n${run.stdout}${run.stderr}`);
  return run;
}

/** A fresh fake for each run, so that its request log and timeline are that run's alone. */
export async function withFake<T>(
  scripts: PipelineScript | PipelineScript[],
  body: (fake: FakeFeldera) => Promise<T>,
): Promise<T> {
  const fake = await FakeFeldera.start({ pipelines: [scripts].flat() });
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}
