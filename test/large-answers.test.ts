// Correct answers that are large (issue 18): a panic of megabytes, a status of 200 MB, a body that
// never ends, large statistics, compiler output and pipeline lists. Each is read with bounded memory
// and reported for what it says; none is a transient failure until the budget runs out.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LargeText, type ErrorBody, type PipelineScript } from './fake-feldera.ts';
import { pipelineDiff } from './fixtures.ts';
import { endToEnd, errorAnnotation } from './harness.ts';
import type { ActionRun } from './run-action.ts';

const { fake, inputs, act } = endToEnd();
const PHASES = [
  { status: 'Provisioning', ms: 40 },
  { status: 'Initializing', ms: 40 },
];
/** The peak the issue allows the step, whatever the answer's size. */
const MAX_RSS_MB = 300;
const MiB = 1 << 20;
const FIRST_LINE = 'DBSP error: One or more worker threads terminated unexpectedly';

/** A stack trace of `bytes`, as Rust prints one. */
function backtrace(bytes: number): string {
  const frame = (i: number) =>
    `  ${i}: dbsp::circuit::runtime::Runtime::run::{{closure}}\n             at crates/dbsp/src/circuit/runtime.rs:${i}:9\n`;
  const frames = Array.from({ length: 1000 }, (_, i) => frame(i)).join('');
  return frames.repeat(Math.ceil(bytes / frames.length)).slice(0, bytes);
}

/** `RuntimeError.WorkerPanic` as Feldera records it: the panic's Display as the message, the serialized error as details. */
function workerPanic(message: string | LargeText, trace: string | LargeText): ErrorBody {
  return {
    error_code: 'RuntimeError.WorkerPanic',
    message,
    details: {
      error: {
        WorkerPanic: {
          panic_info: [
            [
              0,
              'Foreground',
              {
                message: 'index out of bounds: the len is 2 but the index is 2',
                location: { file: 'crates/sqllib/src/array.rs', line: 120, col: 5 },
                backtrace: trace,
              },
            ],
          ],
        },
      },
    },
  };
}

const PANIC_HEAD = `${FIRST_LINE}\nForeground worker thread 0 panicked\npanic message: index out of bounds: the len is 2 but the index is 2\npanic location: crates/sqllib/src/array.rs:120:5\nstack trace:\n`;

/** Runs the bundle with the preload that records its peak resident set, and returns the run and the peak in MB (10^6 bytes). */
async function measured(actionInputs: Record<string, string>): Promise<{ run: ActionRun; peakMb: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'feldera-rss-')), 'peak');
  const run = await act(actionInputs, {
    NODE_OPTIONS: `--import=${join(import.meta.dirname, 'peak-rss.mjs')}`,
    PEAK_RSS_FILE: file,
  });
  const peakMb = (Number(readFileSync(file, 'utf8')) * 1024) / 1e6;
  expect(peakMb).toBeGreaterThan(10);
  return { run, peakMb };
}

const summaryBytes = (run: ActionRun) => Buffer.byteLength(run.summary);

describe('a large deployment error', () => {
  it('of a 3 MB panic with a 3 MB backtrace is reported as Feldera gave it, with its first line', async () => {
    const trace = backtrace(3_000_000);
    const server = await fake([{ name: 'p', phases: PHASES, failWith: workerPanic(`${PANIC_HEAD}${trace}`, trace) }]);
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('RuntimeError.WorkerPanic');
    expect(errorAnnotation(run).message).toContain(
      `Pipeline p stopped with RuntimeError.WorkerPanic: ${FIRST_LINE} Foreground worker thread 0 panicked`,
    );
    expect(run.stdout).not.toContain('Timeout');
    // Every status read was an answer, not a failure to retry.
    expect(run.annotations.filter(({ level }) => level === 'warning')).toEqual([]);
    expect(run.summary).toContain(FIRST_LINE);
    expect(summaryBytes(run)).toBeLessThan(MiB);
  });
});

describe('a status body', () => {
  it.each([20, 200])('of %i MB, a panic and its backtrace, is read within the memory bound', async (mb) => {
    const half = (mb * 1e6) / 2;
    const server = await fake([
      { name: 'p', phases: PHASES, failWith: workerPanic(new LargeText(PANIC_HEAD, half), new LargeText('', half)) },
    ]);
    const { run, peakMb } = await measured(inputs(server, { logs: 'never' }));
    expect(run.outputs['error-code']).toBe('RuntimeError.WorkerPanic');
    expect(errorAnnotation(run).message).toContain(FIRST_LINE);
    expect(run.annotations.filter(({ level }) => level === 'warning')).toEqual([]);
    expect(summaryBytes(run)).toBeLessThan(MiB);
    expect(peakMb).toBeLessThan(MAX_RSS_MB);
  });

  it('that never ends is cut by request-timeout, a transient failure, within the memory bound', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    // The first read while waiting, after the one that decides the start.
    server.fault('status', { kind: 'endless' }, 1, { skip: 1 });
    const { run, peakMb } = await measured(inputs(server, { 'request-timeout': '2s' }));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
    expect(run.annotations.map(({ message }) => message)).toEqual([
      expect.stringContaining('no complete answer within 2s'),
    ]);
    expect(peakMb).toBeLessThan(MAX_RSS_MB);
  });
});

describe('a large approval diff', () => {
  it('of 20,000 tables with long names is read and told, within the summary’s bound', async () => {
    const tables = Array.from({ length: 20_000 }, (_, i) => `generated_table_${i}_${'t'.repeat(1000)}`);
    const diff = pipelineDiff({ program: { added_tables: tables } });
    const server = await fake([
      { name: 'p', phases: [...PHASES, { status: 'AwaitingApproval', ms: 0 }], approvalDiff: { diff } },
    ]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'AwaitingApproval', 'awaiting-approval': 'true', 'error-code': '' });
    expect(run.stdout).toContain('tables added: generated_table_0_ttt');
    // The reader keeps 10,000 names of a list; the others are counted, and said to be there.
    expect(run.stdout).toMatch(/, …and 10,000 more\n/);
    expect(run.summary).toMatch(/\| tables added \| generated_table_0_t+…, .*, …and 19,\d{3} more \|/);
    expect(run.annotations[0]?.message).toContain('20000 tables added since its checkpoint');
    const output = JSON.parse(run.outputs['approval-diff']!) as {
      program_diff: { added_tables: string[] };
      omitted_names: unknown;
    };
    expect(output.program_diff.added_tables).toHaveLength(10_000);
    expect(output.omitted_names).toEqual({ added_tables: 10_000 });
    expect(summaryBytes(run)).toBeLessThan(MiB);
  });
});

describe('large statistics', () => {
  it('with a connector error of 20 MB fail the health gate with the error’s start', async () => {
    const fatal = `kafka: broker transport failure: ${'x'.repeat(20_000_000)}`;
    const server = await fake([
      {
        name: 'p',
        phases: PHASES,
        connectors: [
          { name: 'orders.kafka_in', direction: 'input', stream: 'orders', states: [{ at: 0, fatalError: fatal }] },
        ],
      },
    ]);
    const run = await act(inputs(server, { 'health-window': '1m', logs: 'never' }));
    expect(run.outputs['error-code']).toBe('ConnectorFailed');
    expect(errorAnnotation(run).message).toContain('kafka: broker transport failure: xxx');
    expect(summaryBytes(run)).toBeLessThan(MiB);
  });
});

describe('a large program_error', () => {
  it('of 20 MB of rustc output reports the first error', async () => {
    const stderr = `error[E0308]: mismatched types\n --> src/udf.rs:3:5\n${'   = note: expected `i64`, found `&str`\n'.repeat(500_000)}`;
    const server = await fake([
      {
        name: 'p',
        programStatus: 'CompilingRust',
        compile: [
          { status: 'CompilingRust', ms: 50 },
          { status: 'RustError', ms: 0 },
        ],
        programError: {
          sql_compilation: { exit_code: 0, messages: [] },
          rust_compilation: { exit_code: 101, stdout: '', stderr },
          system_error: null,
        },
      },
    ]);
    const run = await act(inputs(server));
    expect(run.outputs['error-code']).toBe('StartFailedDueToFailedCompilation');
    expect(errorAnnotation(run).message).toContain('First error: error[E0308]: mismatched types');
    expect(run.summary).toContain('#### Compiler messages\n\n```text\nerror[E0308]: mismatched types');
    expect(summaryBytes(run)).toBeLessThan(MiB);
  });
});

describe('a large pipeline list', () => {
  it('of more than ten pipelines, among others with large errors, is read for the step’s own', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `p${i}`);
    const ours: PipelineScript[] = names.map((name) => ({ name, phases: PHASES }));
    ours[5] = {
      name: 'p5',
      phases: PHASES,
      failWith: workerPanic(`${PANIC_HEAD}${backtrace(1_000_000)}`, backtrace(1_000_000)),
    };
    // Before them in the list, 250 pipelines of others stopped with errors from earlier runs: 35 MB
    // of list, which even cut would be more than the reader keeps of one answer.
    const others: PipelineScript[] = Array.from({ length: 250 }, (_, i) => ({
      name: `other${i}`,
      deploymentError: workerPanic(new LargeText(PANIC_HEAD, 70_000), new LargeText('', 70_000)),
    }));
    const server = await fake([...others, ...ours]);
    const { run, peakMb } = await measured(inputs(server, { 'pipeline-name': names.join('\n'), logs: 'never' }));
    const results = JSON.parse(run.outputs.results ?? '{}') as Record<string, Record<string, string>>;
    expect(Object.entries(results).map(([name, result]) => [name, result['error-code']])).toEqual(
      names.map((name) => [name, name === 'p5' ? 'RuntimeError.WorkerPanic' : '']),
    );
    expect(server.calls('list').length).toBeGreaterThan(0);
    expect(run.stdout).toContain(FIRST_LINE);
    expect(summaryBytes(run)).toBeLessThan(MiB);
    expect(peakMb).toBeLessThan(MAX_RSS_MB);
  });
});

describe('a large list of events', () => {
  it('of 30,000 recent events that flip, 10 MB, is read in bounded memory (the reader keeps 10,000 items) and shown within the timeline’s rows', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const at = new Date().toISOString();
    const event = (i: number) =>
      JSON.stringify({
        event_id: `0198c7a1-5e1e-7d40-9a2f-${String(i).padStart(12, '0')}`,
        recorded_at: at,
        deployment_resources_status: 'Provisioned',
        deployment_resources_desired_status: 'Provisioned',
        deployment_runtime_status: i % 2 ? 'Unavailable' : 'Running',
        deployment_runtime_desired_status: 'Running',
        deployment_has_error: false,
        program_status: 'Success',
        storage_status: `InUse${' '.repeat(100)}`,
      });
    const body = `[${Array.from({ length: 30_000 }, (_, i) => event(i)).join(',')}]`;
    expect(body.length).toBeGreaterThan(10 * MiB);
    server.fault('events', { kind: 'status', status: 200, body });
    const { run, peakMb } = await measured(inputs(server));
    expect(run.code).toBe(0);
    expect(run.annotations).toEqual([]);
    const table = run.summary.split('#### Statuses seen\n\n')[1]!.split('\n\n')[0]!.split('\n');
    expect(table[0]).toBe('| Status | Began | Lasted |');
    expect(table.length).toBeLessThanOrEqual(2 + 41);
    expect(summaryBytes(run)).toBeLessThan(MiB);
    expect(peakMb).toBeLessThan(MAX_RSS_MB);
  });
});
