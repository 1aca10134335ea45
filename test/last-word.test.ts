// The deadline of a cancel: when the step has not ended by itself CANCEL_DEADLINE_MS after the first
// signal, a short report is its word, and the process exits; no signal ever kills it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stepLog } from '../src/log/log.ts';
import { PhaseLog } from '../src/log/phase-log.ts';
import { readConfig, type Config } from '../src/model/inputs.ts';
import { lastWord } from '../src/report/last-word.ts';
import type { ReportFacts } from '../src/report/facts.ts';
import { PipelineRun, recordOf } from '../src/phases/run.ts';
import { RunEnded } from '../src/model/run-end.ts';

const CANCELLATION = join(import.meta.dirname, '..', 'src', 'cancellation.ts');

describe('cancellation()', () => {
  it('survives SIGINT then SIGTERM, and at the deadline writes its last word once and exits 1', async () => {
    // A process held by something that never answers the cancel.
    const script = `
      import { cancellation } from ${JSON.stringify(CANCELLATION)};
      const cancel = cancellation();
      cancel.atDeadline(() => console.log('last word: ' + cancel.signal.reason.message));
      cancel.signal.addEventListener('abort', () => console.log('aborted'));
      setInterval(() => undefined, 1000);
      console.log('ready');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const waiters: (() => void)[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const waiter of waiters) waiter();
    });
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    // Seen, or the child ended without it: then the test says how it ended, rather than waiting for ever.
    const seen = (text: string) =>
      Promise.race([
        new Promise<void>((resolve) => {
          const check = () => stdout.includes(text) && resolve();
          waiters.push(check);
          check();
        }),
        closed.then((end) => {
          if (!stdout.includes(text))
            throw new Error(`the child ended (${JSON.stringify(end)}) before printing ${text}: ${stdout}${stderr}`);
        }),
      ]);
    await seen('ready');
    child.kill('SIGINT');
    await seen('aborted');
    child.kill('SIGTERM');
    expect(await closed).toEqual({ code: 1, signal: null });
    expect(stdout.match(/last word: .*/g)).toEqual(['last word: the run was cancelled (SIGINT)']);
  });
});

describe('lastWord', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  function files() {
    const dir = mkdtempSync(join(tmpdir(), 'last-word-'));
    const output = join(dir, 'output');
    const summary = join(dir, 'summary');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    process.env.GITHUB_OUTPUT = output;
    process.env.GITHUB_STEP_SUMMARY = summary;
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    return { output: () => readFileSync(output, 'utf8'), summary: () => readFileSync(summary, 'utf8'), printed };
  }

  const config = readConfig({
    getInput: (name) => (name === 'pipeline-name' ? 'orders billing' : ''),
    env: {},
    onSecret: () => undefined,
  }).config;
  const facts = (runs: ReportFacts['runs'], read: Config | undefined = config): ReportFacts => ({
    config: read,
    runs,
    credential: 'API key',
    planning: false,
    platform: undefined,
    elapsedMs: () => 4500,
  });
  const cancelled = AbortSignal.abort(new RunEnded('Cancelled', 'the run was cancelled (SIGTERM)'));

  it('a run still undecided is Cancelled, saying what it did; a failure found stays and says it was cancelled', () => {
    const written = files();
    const waiting = new PipelineRun('orders', new URL('http://feldera.test/'), new PhaseLog(stepLog), false);
    const failed = new PipelineRun('billing', new URL('http://feldera.test/'), waiting.log, false);
    failed.phase('stopping it (stop-on-failure: true)', () => undefined);
    for (const run of [waiting, failed]) run.listen(cancelled);
    failed.end(
      recordOf({
        result: 'failed',
        code: 'RunnerCheckError',
        message: 'Pipeline billing stopped with RunnerCheckError: exited',
      }),
    );
    lastWord(facts([waiting, failed]), cancelled);

    expect(process.exitCode).toBe(1);
    expect(written.output()).toMatch(/^error-code<<(.+)\nCancelled\n\1$/m);
    const results = JSON.parse(/^results<<(.+)\n(.*)\n\1$/m.exec(written.output())![2]!) as Record<
      string,
      Record<string, string>
    >;
    expect(results.orders!['error-code']).toBe('Cancelled');
    expect(results.billing!['error-code']).toBe('RunnerCheckError');
    const errors = written.printed.filter((line) => line.startsWith('::error'));
    expect(errors).toEqual([
      '::error title=Feldera pipeline orders did not start::Stopped: the run was cancelled (SIGTERM) while starting it (no status was read).\n',
      '::error title=Feldera pipeline billing did not start::Pipeline billing stopped with RunnerCheckError: exited. Then the run was cancelled (SIGTERM) while stopping it (stop-on-failure: true).\n',
    ]);
    expect(written.summary()).toContain(
      '### ❌ Cancelled: the step could not finish its report within 4.5s of the cancel',
    );
    expect(written.summary()).toContain(
      '- **billing**: RunnerCheckError: Pipeline billing stopped with RunnerCheckError: exited. Then the run was cancelled',
    );
  });

  it('with no run yet (the inputs were not read), still sets error-code and annotates', () => {
    const written = files();
    process.env['INPUT_PIPELINE-NAME'] = 'orders';
    lastWord(facts([], undefined), cancelled);
    expect(written.output()).toMatch(/^error-code<<(.+)\nCancelled\n\1$/m);
    expect(written.printed.filter((line) => line.startsWith('::error'))).toHaveLength(1);
  });
});
