// plan: true end to end: the bundle against the fake's /diff, read only, then the release side that
// approves only what the plan showed (expected-diff).
import { describe, expect, it } from 'vitest';
import { workspaces } from './workspace.ts';
import { endToEnd } from './harness.ts';
import { startAction } from './run-action.ts';
import { CONFIGURED, PROPOSED } from './fixtures.ts';
import { runnerCommands } from './runner-commands.ts';
import type { ActionRun } from './run-action.ts';

const { fake, inputs, act, watch, KEY } = endToEnd();

const workspace = workspaces();

/** Plan mode changes nothing: the only requests are reads and the diffs. */
function readOnly(server: { requests: { method: string; path: string }[] }): void {
  expect(server.requests.filter((request) => request.method !== 'GET' && !/\/diff$/.test(request.path))).toEqual([]);
}

describe('plan: true', () => {
  it('says "no change" for the same program: empty plan-changes, a plan-diff with empty lists, green, read only', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const run = await act(
      inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql' }),
      workspace({ 'sql/program.sql': CONFIGURED }),
    );
    expect(run.code).toBe(0);
    expect(run.outputs['plan-changes']).toBe('');
    expect(JSON.parse(run.outputs['plan-diff'] ?? '')).toMatchObject({
      program_diff: { added_tables: [], modified_views: [] },
      added_input_connectors: [],
    });
    expect(run.outputs['error-code']).toBe('');
    expect(run.summary).toContain('### 📋 p: no change\n');
    expect(run.summary).toContain(
      '#### Plan: no change\n\n- The program is the same: the next start resumes from the checkpoint',
    );
    expect(run.stdout).toContain('Plan of pipeline p: no change.');
    readOnly(server);
    expect(server.calls('diff')).toHaveLength(1);
  });

  it('lists removed tables, added and modified views, with what they mean at the next start', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const run = await act(
      inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql' }),
      workspace({ 'sql/program.sql': PROPOSED }),
    );
    expect(run.code).toBe(0);
    expect(run.outputs['plan-changes']).toBe('1 table removed, 1 view added, 1 view removed, 1 view modified');
    expect(JSON.parse(run.outputs['plan-diff'] ?? '')).toMatchObject({
      program_diff: {
        added_tables: [],
        removed_tables: ['customers'],
        modified_tables: [],
        added_views: ['big'],
        removed_views: ['names'],
        modified_views: ['totals'],
      },
    });
    expect(run.summary).toContain('### 📋 p: 1 table removed, 1 view added, 1 view removed, 1 view modified\n');
    expect(run.summary).toContain('| tables removed | customers |');
    expect(run.summary).toContain('| views added | big |');
    expect(run.summary).toContain('**At the next start**');
    expect(run.summary).toContain('- Removed tables and views lose their state.');
    expect(run.summary).toContain('clear its sinks before approving');
    expect(run.summary).toContain('- **Proposed program**: sql/program.sql\n');
    // The diff's names in the log, one line per kind of change.
    expect(run.stdout).toContain('views added: big');
    readOnly(server);
  });

  it('sends runtime-version with the program, and quotes InvalidRuntimeVersion with a hint', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const env = workspace({ 'sql/program.sql': CONFIGURED });
    const run = await act(
      inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql', 'runtime-version': 'v0.375.0' }),
      env,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(server.calls('diff')[0]?.body ?? '')).toEqual({
      program_code: CONFIGURED,
      runtime_version: 'v0.375.0',
    });
    const refused = await act(
      inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql', 'runtime-version': 'latest' }),
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.outputs['error-code']).toBe('InvalidRuntimeVersion');
    expect(refused.summary).toContain('### ❌ p could not be planned: InvalidRuntimeVersion');
    expect(refused.summary).toContain("- **Hint**: give runtime-version as Feldera's runtime selector takes it");
  });

  it("annotates a proposal's SQL errors on the lines of sql-file and fails with InvalidNewProgramSql", async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const sql = 'CREATE TABLE t (x INT);\nCREATE VIEW v AS SELECT x FROM nowhere;\n';
    const run = await act(
      inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql' }),
      workspace({ 'sql/program.sql': sql }),
    );
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('InvalidNewProgramSql');
    expect(run.outputs['plan-diff']).toBe('');
    const onLine = run.annotations.find((annotation) => annotation.properties.includes('file=sql/program.sql'));
    expect(onLine?.properties).toContain('line=2');
    expect(onLine?.properties).toContain('col=32');
    expect(onLine?.message).toContain("Object 'nowhere' not found");
    const failure = run.annotations.find(
      (annotation) => annotation.properties === 'title=Feldera pipeline p could not be planned',
    );
    expect(failure?.message).toMatch(
      /^The proposed program of pipeline p \(sql\/program\.sql\) does not compile, 1 error: line 2, column 32: Compilation error: /,
    );
    expect(failure?.message).toContain(
      'Hint: fix the SQL of the proposed program. The annotations point at its lines.',
    );
    readOnly(server);
  });

  it('on a Feldera without /diff (before 0.324), fails with DiffNotSupported and says which version has it', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }], { version: '0.300.0' });
    const run = await act(
      inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql' }),
      workspace({ 'sql/program.sql': CONFIGURED }),
    );
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('DiffNotSupported');
    expect(run.summary).toMatch(/no \/diff, which came in Feldera 0\.324\.0/);
    expect(run.summary).toContain('- **Hint**: upgrade Feldera to 0.324.0 or later to plan');
    readOnly(server);
  });

  it('waits for a program that is compiling (changed a moment ago), then plans against it', async () => {
    const changed = `${CONFIGURED}-- changed a moment ago\n`;
    const server = await fake([{ name: 'p', program: CONFIGURED }], {
      compiles: [{ marker: 'a moment ago', phases: [{ status: 'CompilingRust', reads: 2 }] }],
    });
    const patched = await fetch(`${server.url}/v0/pipelines/p`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ program_code: changed }),
    });
    expect(patched.status).toBe(200);
    const run = await act(
      inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql' }),
      workspace({ 'sql/program.sql': changed }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Its configured program is compiling \(\w+\): waiting for it first\./);
    expect(run.outputs['plan-changes']).toBe('');
    // The test's own PATCH only: the plan read and diffed.
    expect(
      server.requests.filter((request) => request.method !== 'GET' && !request.path.endsWith('/diff')),
    ).toHaveLength(1);
  });

  it('refuses to plan a pipeline whose program did not compile, or that does not exist, with a hint', async () => {
    const server = await fake([{ name: 'p', programStatus: 'SqlError' }]);
    const env = workspace({ 'sql/program.sql': CONFIGURED });
    const compiling = await act(inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql' }), env);
    expect(compiling.outputs['error-code']).toBe('ProgramNotCompiled');
    expect(compiling.summary).toContain(
      'configured program is not compiled yet (or did not compile), so there is nothing to compare against',
    );
    const missing = await act(
      inputs(server, { 'pipeline-name': 'nope', plan: 'true', 'sql-file': 'sql/program.sql' }),
      env,
    );
    expect(missing.outputs['error-code']).toBe('UnknownPipelineName');
    expect(missing.summary).toContain('a plan compares against the program of an existing pipeline');
  });

  it('retries a compiler that is not there yet (503 CompilerUnavailable), and counts the wait against timeout', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const unavailable = JSON.stringify({
      message: 'The compiler service is unavailable: failed to reach the compiler service',
      error_code: 'CompilerUnavailable',
      details: {},
    });
    server.fault('diff', { kind: 'status', status: 503, body: unavailable }, 1);
    const env = workspace({ 'sql/program.sql': PROPOSED });
    const run = await act(inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql' }), env);
    expect(run.code).toBe(0);
    expect(run.outputs['plan-changes']).toBe('1 table removed, 1 view added, 1 view removed, 1 view modified');
    expect(server.calls('diff')).toHaveLength(2);
    expect(run.stdout).toContain('CompilerUnavailable');
    // A compile that never answers ends with the step's budget, not request-timeout's.
    server.fault('diff', { kind: 'hang' }, 1);
    const hung = await act(
      inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql', timeout: '3s', 'request-timeout': '1s' }),
      env,
    );
    expect(hung.outputs['error-code']).toBe('Timeout');
    expect(hung.summary).not.toContain('no complete answer within 1s');
    expect(hung.summary).toContain('Feldera did not compute the diff of pipeline p before');
    readOnly(server);
  });

  it('reports a cancel that comes while Feldera compiles the proposal: Cancelled, with its outputs, summary and annotation', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    server.fault('diff', { kind: 'hang' }, 1);
    const given = inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql' });
    const env = workspace({ 'sql/program.sql': PROPOSED });
    const { child, done } = startAction(given, env);
    void watch(done, given, env);
    await server.arrival('diff');
    child.kill('SIGINT');
    const run = await done;
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'error-code': 'Cancelled', 'plan-diff': '', 'plan-changes': '' });
    expect(run.summary).toContain('### ❌ p could not be planned: Cancelled');
    const failure = run.annotations.find(
      (annotation) => annotation.properties === 'title=Feldera pipeline p could not be planned',
    );
    expect(failure?.message).toContain('the run was cancelled (SIGINT)');
    readOnly(server);
  });

  it('plans several pipelines side by side, each from its own file (sql/{name}.sql), each in results', async () => {
    const server = await fake([
      { name: 'orders', program: CONFIGURED },
      { name: 'billing', program: CONFIGURED },
    ]);
    const env = workspace({ 'sql/orders.sql': PROPOSED, 'sql/billing.sql': CONFIGURED });
    const run = await act(
      inputs(server, { 'pipeline-name': 'orders, billing', plan: 'true', 'sql-file': 'sql/{name}.sql' }),
      env,
    );
    expect(run.code).toBe(0);
    const results = JSON.parse(run.outputs.results ?? '{}') as Record<string, Record<string, string>>;
    expect(results.orders?.['plan-changes']).toBe('1 table removed, 1 view added, 1 view removed, 1 view modified');
    expect(results.billing?.['plan-changes']).toBe('');
    expect(JSON.parse(results.billing?.['plan-diff'] ?? '')).toMatchObject({ program_diff: { modified_views: [] } });
    expect(run.summary).toContain('### 📋 2 Feldera pipelines: 2 planned in ');
    expect(run.summary).toContain('| 📋 planned | 1 table removed, 1 view added, 1 view removed, 1 view modified |');
    expect(run.summary).toContain('| 📋 planned | no change |');
    const bodies = server
      .calls('diff')
      .map((request) => [request.path, (JSON.parse(request.body ?? '') as { program_code: string }).program_code]);
    expect(bodies).toContainEqual(['/v0/pipelines/orders/diff', PROPOSED]);
    expect(bodies).toContainEqual(['/v0/pipelines/billing/diff', CONFIGURED]);
    readOnly(server);
  });

  it('plans 50 pipelines, the most one step takes, with one file for all when sql-file has no {name}', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `p${i}`);
    const server = await fake(names.map((name) => ({ name, program: CONFIGURED })));
    const run = await act(
      inputs(server, { 'pipeline-name': names.join('\n'), plan: 'true', 'sql-file': 'sql/program.sql' }),
      workspace({ 'sql/program.sql': PROPOSED }),
    );
    expect(run.code).toBe(0);
    const results = JSON.parse(run.outputs.results ?? '{}') as Record<string, Record<string, string>>;
    expect(Object.keys(results)).toEqual(names);
    for (const name of names)
      expect(results[name]?.['plan-changes'], name).toBe(
        '1 table removed, 1 view added, 1 view removed, 1 view modified',
      );
    expect(run.summary).toContain('### 📋 50 Feldera pipelines: 50 planned in ');
    expect(server.calls('diff')).toHaveLength(50);
    readOnly(server);
  });

  it('refuses before any request: no sql-file, a file that is not there, or an input that would act', async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const env = workspace({ 'sql/program.sql': CONFIGURED });
    const cases: [Record<string, string>, string][] = [
      [{ plan: 'true' }, 'plan: true needs sql-file'],
      [
        { plan: 'true', 'sql-file': 'sql/{name}.sql' },
        'sql-file "sql/p.sql" (of pipeline p) cannot be read: there is no such file',
      ],
      [
        { plan: 'true', 'sql-file': 'sql/program.sql', 'auto-approve': 'true' },
        'auto-approve: true cannot go with plan: true',
      ],
      [
        { plan: 'true', 'sql-file': 'sql/program.sql', 'stop-at-job-end': 'true' },
        'stop-at-job-end: true cannot go with plan: true',
      ],
      [{ 'runtime-version': 'v0.375.0' }, 'runtime-version goes with plan: true'],
      [{ plan: 'yes' }, 'plan "yes" must be true or false'],
    ];
    for (const [extra, said] of cases) {
      const run = await act(inputs(server, extra), env);
      expect(run.code, said).toBe(1);
      expect(run.outputs['error-code']).toBe('InvalidInput');
      expect(run.stdout).toContain(said);
    }
    expect(server.requests).toEqual([]);
  });

  it("runs no workflow command from a name in Feldera's diff", async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const hostile = `${CONFIGURED}CREATE TABLE "::warning::boom" (x INT);\nCREATE TABLE "x ##[set-output name=status;]Running" (x INT);\n`;
    const run: ActionRun = await act(
      inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql' }),
      workspace({ 'sql/program.sql': hostile }),
    );
    expect(run.code).toBe(0);
    expect(run.outputs['plan-changes']).toBe('2 tables added');
    // The names reach the log and the summary, made inert.
    expect(run.stdout).toContain('boom');
    expect(run.summary).toContain('boom');
    expect(
      runnerCommands(run.stdout).filter(
        (command) => command.line.includes('boom') || command.line.includes('name=status'),
      ),
    ).toEqual([]);
  });

  it("closes the loop: the plan's plan-diff as expected-diff approves the same changes at release", async () => {
    const server = await fake([{ name: 'p', program: CONFIGURED }]);
    const planned = await act(
      inputs(server, { plan: 'true', 'sql-file': 'sql/program.sql' }),
      workspace({ 'sql/program.sql': PROPOSED }),
    );
    const diff = JSON.parse(planned.outputs['plan-diff'] ?? '') as unknown;
    const release = await fake([
      {
        name: 'p',
        phases: [
          { status: 'Provisioning', ms: 20 },
          { status: 'AwaitingApproval', ms: 0 },
          { status: 'Bootstrapping', ms: 20 },
        ],
        approvalDiff: { diff },
      },
    ]);
    const run = await act(
      inputs(release, { 'auto-approve': 'true', 'expected-diff': planned.outputs['plan-diff'] ?? '' }),
    );
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', approved: 'true' });
  });
});

describe('after expected-diff refused the changes', () => {
  it('advises a new plan, not auto-approve, in the warning and the summary', async () => {
    const server = await fake([
      {
        name: 'p',
        phases: [
          { status: 'Provisioning', ms: 20 },
          { status: 'AwaitingApproval', ms: 0 },
        ],
        approvalDiff: {
          diff: {
            program_diff: {
              added_tables: ['t'],
              removed_tables: [],
              modified_tables: [],
              added_views: [],
              removed_views: [],
              modified_views: [],
            },
          },
        },
      },
    ]);
    const run = await act(
      inputs(server, { 'auto-approve': 'true', 'expected-diff': '{"program_diff": {"added_tables": ["u"]}}' }),
    );
    expect(run.code).toBe(0);
    expect(run.outputs['awaiting-approval']).toBe('true');
    const awaits = run.annotations.find(
      (annotation) => annotation.properties === 'title=Feldera pipeline p awaits approval',
    );
    expect(awaits?.message).toContain(
      'or plan again (plan: true), review the new plan-diff, and run this action again with it as expected-diff',
    );
    expect(awaits?.message).not.toContain('auto-approve: true');
    expect(run.summary).toContain(
      '- **Not approved**: the changes Feldera asks to approve are not those of expected-diff (expected-diff)',
    );
  });
});
