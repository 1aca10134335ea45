// Runs the bundle the way the runner does: `node dist/index.js` with INPUT_* variables and the
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and reads back what it wrote.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ActionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** What the step saved for its post step (GITHUB_STATE), by name. */
  state: Record<string, string>;
  /** The GITHUB_STATE file as written, to search for secrets. */
  stateFile: string;
  /** `::error title=…::message` and `::warning …` lines, as the runner reads them. */
  annotations: { level: string; properties: string; message: string }[];
}

const DIST = join(import.meta.dirname, '..', 'dist', 'index.js');

/** Runs not yet ended, with what ends them: a test that fails or times out must not leave its step running. */
const running = new Map<ChildProcess, Promise<ActionRun>>();

/** Kills every run still going and waits for it to end (after each test, see harness.ts). */
export async function killRunning(): Promise<void> {
  const left = [...running];
  for (const [child] of left) child.kill('SIGKILL');
  await Promise.all(left.map(([, done]) => done));
}

export function startAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<ActionRun> } {
  const dir = mkdtempSync(join(tmpdir(), 'feldera-action-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  const stateFile = join(dir, 'state');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(stateFile, '');
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
  const child = spawn(process.execPath, [DIST], {
    env: {
      PATH: process.env.PATH,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_STATE: stateFile,
      RUNNER_DEBUG: '1',
      ...inputEnv,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<ActionRun>((resolve) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      const state = readFileSync(stateFile, 'utf8');
      resolve({
        code,
        signal,
        stdout,
        stderr,
        outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
        state: parseOutputs(state),
        stateFile: state,
        annotations: [...stdout.matchAll(/^::(error|warning|notice)( [^:]*)?::(.*)$/gm)].map((match) => ({
          level: match[1]!,
          properties: (match[2] ?? '').trim(),
          message: decode(match[3]!),
        })),
      });
      rmSync(dir, { recursive: true, force: true });
    });
  });
  running.set(child, done);
  return { child, done };
}

export function runAction(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return startAction(inputs, env).done;
}

/** The post step, as the runner runs it: the same bundle and inputs, and the step's saved state as `STATE_*` variables. */
export function startPost(
  inputs: Record<string, string>,
  step: ActionRun,
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<ActionRun> } {
  const state = Object.fromEntries(Object.entries(step.state).map(([name, value]) => [`STATE_${name}`, value]));
  return startAction(inputs, { ...state, ...env });
}

export function runPost(
  inputs: Record<string, string>,
  step: ActionRun,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return startPost(inputs, step, env).done;
}

/** `name<<delimiter\nvalue\ndelimiter`, as @actions/core writes GITHUB_OUTPUT. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!;
  return outputs;
}

/** Undoes @actions/core's escaping of annotation messages. */
function decode(message: string): string {
  return message.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
