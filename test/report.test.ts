// What a reader of the run sees, end to end: the approval diff, compiler messages on the SQL's lines,
// the pipeline's log tail, and the job summary.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineScript } from './fake-feldera.ts';
import { APPROVAL_DIFF, SQL_ERROR } from './fixtures.ts';
import { endToEnd, errorAnnotation } from './harness.ts';

const { fake, inputs, act } = endToEnd();
const PHASES = [
  { status: 'Provisioning', ms: 40 },
  { status: 'Initializing', ms: 40 },
];

const DIFF = APPROVAL_DIFF;

function awaiting(legacy = false): PipelineScript {
  return {
    name: 'p',
    phases: [...PHASES, { status: 'AwaitingApproval', ms: 0 }, { status: 'Bootstrapping', ms: 40 }],
    approvalDiff: { diff: DIFF, legacy },
  };
}

describe('the approval diff', () => {
  it.each([
    ['approval_diff', false],
    ['the shape before Feldera PR #6564', true],
  ])('is read from %s, counted in the warning, logged and summarised', async (_shape, legacy) => {
    const server = await fake([awaiting(legacy)]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs['approval-diff']!)).toEqual(DIFF);
    expect(run.annotations).toEqual([
      {
        level: 'warning',
        properties: 'title=Feldera pipeline p awaits approval',
        message: `Pipeline p is AwaitingApproval: 1 table added, 2 views modified, 1 output connector added since its checkpoint. To go on, approve the changes in the Feldera console (${server.url}/pipelines/p/), with \`fda approve p\`, or run this action again with auto-approve: true.`,
      },
    ]);
    expect(run.stdout).toContain(
      '::group::Changes awaiting approval\ntables added: refunds\nviews modified: daily_totals, top_customers\noutput connectors added: refunds_sink\n::endgroup::',
    );
    expect(run.summary).toContain(
      [
        '#### Changes awaiting approval',
        '',
        '| Change | Names |',
        '| --- | --- |',
        '| tables added | refunds |',
        '| views modified | daily_totals, top_customers |',
        '| output connectors added | refunds_sink |',
      ].join('\n'),
    );
  });

  it('with auto-approve, records in the summary that this step approved, and what', async () => {
    const server = await fake([awaiting()]);
    const run = await act(inputs(server, { 'auto-approve': 'true' }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', approved: 'true' });
    expect(JSON.parse(run.outputs['approval-diff']!)).toEqual(DIFF);
    expect(run.stdout).toMatch(
      /::group::Approving the changes since the checkpoint\ntables added: refunds\n[\s\S]*Approved \(auto-approve: true\)\.\n::endgroup::\n::group::Waiting for Running\n/,
    );
    expect(run.summary).toContain('#### Changes approved by this step\n\n| Change | Names |');
    expect(run.summary).toContain('- **Approved by this step**: yes (auto-approve: true)\n');
  });

  it('is empty when there was nothing to approve', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const run = await act(inputs(server));
    expect(run.outputs['approval-diff']).toBe('');
    expect(run.summary).not.toContain('Changes');
  });
});

const SQL_WARNING = {
  start_line_number: 7,
  start_column: 1,
  end_line_number: 9,
  end_column: 2,
  warning: true,
  error_type: 'Unused',
  message: 'Table T2 is not used',
  snippet: null,
};
const sqlFailure = (programStatus = 'SqlError'): PipelineScript => ({
  name: 'p',
  programStatus: 'CompilingSql',
  compile: [
    { status: 'CompilingSql', ms: 50 },
    { status: programStatus, ms: 0 },
  ],
  programError: {
    sql_compilation: { exit_code: 1, messages: [SQL_WARNING, SQL_ERROR] },
    rust_compilation: null,
    system_error: null,
  },
});

describe('compiler messages', () => {
  it('are annotated on the lines of sql-file, errors and warnings, and the failure names the first error', async () => {
    const server = await fake([sqlFailure()]);
    const run = await act(inputs(server, { 'sql-file': 'sql/program.sql' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('StartFailedDueToFailedCompilation');
    const lines = run.stdout.split('\n').filter((line) => /^::(error|warning)/.test(line));
    expect(lines).toEqual([
      '::warning title=SQL warning in pipeline p,file=sql/program.sql,line=7,endLine=9,col=1,endColumn=2::Unused: Table T2 is not used',
      "::error title=SQL error in pipeline p,file=sql/program.sql,line=2,endLine=2,col=4,endColumn=8::PRIMARY KEY cannot be nullable: PRIMARY KEY column 'C' has type INTEGER, which is nullable%0A    2|   c INT PRIMARY KEY%0A         ^^^^^%0A    3|);",
      "::error title=Feldera pipeline p did not start::Pipeline p stopped with StartFailedDueToFailedCompilation: Not possible to start the pipeline because the program failed to compile. First error: line 2, column 4: PRIMARY KEY cannot be nullable: PRIMARY KEY column 'C' has type INTEGER, which is nullable. Hint: the program does not compile; fix it, and Feldera compiles it again.",
    ]);
    expect(server.calls('status').some((request) => request.query.selector === 'all')).toBe(true);
    expect(run.summary).toContain(
      "- **error** sql/program.sql:2:4: PRIMARY KEY cannot be nullable: PRIMARY KEY column 'C' has type INTEGER, which is nullable\n\n  ```text\n      2|   c INT PRIMARY KEY",
    );
  });

  it('without sql-file, say the line and column in the message', async () => {
    const server = await fake([sqlFailure()]);
    const run = await act(inputs(server));
    const sqlError = run.annotations.find((annotation) => annotation.properties === 'title=SQL error in pipeline p');
    expect(sqlError?.message).toMatch(/^line 2, column 4: PRIMARY KEY cannot be nullable: /);
  });

  it('are read too when /start refuses a program that failed before', async () => {
    const server = await fake([{ ...sqlFailure(), programStatus: 'SqlError', compile: [] }]);
    const run = await act(inputs(server, { 'sql-file': 'program.sql' }));
    expect(run.code).toBe(1);
    expect(errorAnnotation(run).message).toContain('400 CannotStartWithCompilationError');
    expect(run.annotations.filter((annotation) => annotation.properties.startsWith('title=SQL error'))).toHaveLength(1);
  });

  it('show a Rust error from its first error line, collapsed, and in the summary', async () => {
    const stderr = [
      '   Compiling feldera-pipeline v0.1.0',
      'warning: unused import',
      'error[E0308]: mismatched types',
      '  --> src/udf.rs:3:5',
      '   |',
      '3  |     "x"',
      '   |     ^^^ expected `i64`, found `&str`',
      '::add-mask::from-cargo',
    ].join('\n');
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
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::group::Compiler output\n::stop-commands::[0-9a-f-]{36}\n│ error\[E0308\]: mismatched types\n│ {3}--> src\/udf.rs:3:5\n/,
    );
    expect(run.stdout).toMatch(/│ : :add-mask::from-cargo\n::[0-9a-f-]{36}::\n::endgroup::/);
    expect(run.stdout).not.toMatch(/^::add-mask::from-cargo/m);
    expect(errorAnnotation(run).message).toContain('First error: error[E0308]: mismatched types');
    expect(run.summary).toContain('#### Compiler messages\n\n```text\nerror[E0308]: mismatched types');
  });
});

describe('the pipeline log', () => {
  const crashing = (extra: Partial<PipelineScript> = {}): PipelineScript => ({
    name: 'p',
    phases: PHASES,
    failWith: { error_code: 'RunnerCheckError', message: 'The pipeline process exited with code 137', details: null },
    logLines: ['INFO starting', '::add-mask::from-the-log', 'ERROR out of memory'],
    ...extra,
  });

  it('on failure, a stream that never ends is read within its bounds, collapsed and summarised', async () => {
    const server = await fake([crashing({ logEveryMs: 50 })]);
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(server.calls('logs')).toHaveLength(1);
    // The read ended by itself, within its bounds (how long it takes is npm run bench's: "Ends on time").
    expect(run.stdout).toMatch(
      /::group::Pipeline log \(\d+ lines\)\n::stop-commands::[0-9a-f-]{36}\n│ INFO starting\n│ : :add-mask::from-the-log\n│ ERROR out of memory\n│ tick 1\n/,
    );
    expect(run.stdout).not.toMatch(/^::add-mask::from-the-log/m);
    expect(run.summary).toMatch(
      /#### Pipeline log \(\d+ lines\)\n\n```text\nINFO starting\n: :add-mask::from-the-log\nERROR out of memory\n/,
    );
  });

  it('keeps the tail of a long log', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i + 1}`);
    const server = await fake([crashing({ logLines: lines })]);
    const run = await act(inputs(server));
    expect(run.stdout).toMatch(
      /::group::Pipeline log \(last 200 lines\)\n::stop-commands::[0-9a-f-]{36}\n│ line 301\n/,
    );
    expect(run.stdout).toMatch(/│ line 500\n::[0-9a-f-]{36}::\n::endgroup::/);
  });

  it.each([
    ['never', 'a failure', 0],
    ['on-failure', 'a success', 0],
    ['always', 'a success', 1],
  ])('logs: %s after %s reads it %i times', async (logs, result, reads) => {
    const server = await fake([
      result === 'a failure' ? crashing() : { name: 'p', phases: PHASES, logLines: ['INFO up'] },
    ]);
    const run = await act(inputs(server, { logs }));
    expect(run.code).toBe(result === 'a failure' ? 1 : 0);
    expect(server.calls('logs')).toHaveLength(reads);
  });

  it('that has nothing to show within its bounds is said to be empty, not a warning', async () => {
    const server = await fake([crashing({ logLines: [] })]);
    const run = await act(inputs(server));
    expect(run.code).toBe(1);
    expect(server.calls('logs')).toHaveLength(1);
    expect(run.annotations.map((annotation) => annotation.level)).toEqual(['error']);
    expect(run.stdout).toContain("\nThe pipeline's log was empty.\n");
    expect(run.stdout).not.toContain('::group::Pipeline log');
    expect(run.summary).toContain("#### Pipeline log\n\nThe pipeline's log was empty.\n");
  });

  it('is not read when the pipeline never came up', async () => {
    const server = await fake([sqlFailure()]);
    const run = await act(inputs(server, { logs: 'always' }));
    expect(run.code).toBe(1);
    expect(server.calls('logs')).toHaveLength(0);
  });
});

describe('the job summary', () => {
  it('has the statuses seen, when each began and how long it lasted', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: [
          { status: 'Provisioning', reads: 2 },
          { status: 'Initializing', reads: 2 },
        ],
      },
    ]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    const table = run.summary.split('#### Statuses seen\n\n')[1]!.split('\n\n')[0]!.trim().split('\n');
    // When each began by Feldera's clock (its events, GET /events), and how long it lasted.
    expect(table.slice(0, 2)).toEqual(['| Status | Began | Lasted |', '| --- | --- | --- |']);
    // The read before the start finds it Stopped (if-deployed: converge decides from it).
    expect(table.slice(2)).toEqual([
      expect.stringMatching(/^\| Stopped \| [\d:.]+ UTC \| [\d.]+s \|$/),
      expect.stringMatching(/^\| Provisioning \| [\d:.]+ UTC \| [\d.]+s \|$/),
      expect.stringMatching(/^\| Initializing \| [\d:.]+ UTC \| [\d.]+s \|$/),
      expect.stringMatching(/^\| Running \| [\d:.]+ UTC \| until the step ended \|$/),
    ]);
  });

  it('is appended to what the job wrote before', async () => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    const file = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
    writeFileSync(file, '## Build\n\nAll green.\n');
    const run = await act(inputs(server), { GITHUB_STEP_SUMMARY: file });
    expect(run.code).toBe(0);
    const summary = readFileSync(file, 'utf8');
    expect(summary.startsWith('## Build\n\nAll green.\n### ✅ p is Running\n')).toBe(true);
  });
});
