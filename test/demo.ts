// `npm run demo [-- scenario]`: the bundle, run as the runner runs it, against the fake Feldera.
// Prints the log, the outputs and the job summary. `npm run demo -- --help` lists the scenarios.
import { FakeFeldera, type FakeOptions, type PipelineScript } from './fake-feldera.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPROVAL_DIFF, CONFIGURED, PROPOSED, SQL_ERROR } from './fixtures.ts';
import { runAction } from './run-action.ts';

interface Scenario {
  /** One line for `--help`. */
  about: string;
  script: PipelineScript;
  inputs: Record<string, string>;
  /** Files of the checked-out repository (GITHUB_WORKSPACE), by path. */
  files?: Record<string, string>;
  /** The fake's own options: its edition, say. */
  options?: Omit<FakeOptions, 'pipelines'>;
}

const SCENARIOS: Record<string, Scenario> = {
  approval: {
    about:
      'the default: an early start while the program compiles, then provisioning, an approval of the changes (auto-approve: true), a bootstrap, Running',
    inputs: { 'auto-approve': 'true' },
    script: {
      name: 'orders',
      programStatus: 'CompilingSql',
      compile: [
        { status: 'CompilingSql', ms: 600 },
        { status: 'SqlCompiled', ms: 200 },
        { status: 'CompilingRust', ms: 1200 },
        { status: 'Success', ms: 0 },
      ],
      phases: [
        { status: 'Provisioning', ms: 800 },
        { status: 'Initializing', ms: 600 },
        { status: 'AwaitingApproval', ms: 0 },
        { status: 'Bootstrapping', ms: 1500 },
      ],
      approvalDiff: { diff: APPROVAL_DIFF },
    },
  },
  'sql-error': {
    about: 'the program does not compile: the SQL error annotated on its line of sql-file, and a failed step',
    inputs: { 'sql-file': 'sql/orders.sql' },
    script: {
      name: 'orders',
      programStatus: 'CompilingSql',
      compile: [
        { status: 'CompilingSql', ms: 600 },
        { status: 'SqlError', ms: 0 },
      ],
      programError: {
        sql_compilation: { exit_code: 1, messages: [SQL_ERROR] },
        rust_compilation: null,
        system_error: null,
      },
    },
  },
  plan: {
    about:
      'plan: true: the program of sql/orders.sql sent to /diff, nothing started; what it would change, and what that means at the next start',
    inputs: { plan: 'true', 'sql-file': 'sql/orders.sql' },
    files: { 'sql/orders.sql': PROPOSED },
    script: { name: 'orders', program: CONFIGURED },
  },
  release: {
    about:
      'update-program: true: the program of sql/orders.sql checked, the running pipeline stopped with a checkpoint, updated, compiled and started from it, the changes approved',
    inputs: { 'update-program': 'true', 'sql-file': 'sql/orders.sql', 'auto-approve': 'true' },
    files: { 'sql/orders.sql': PROPOSED },
    script: {
      name: 'orders',
      program: CONFIGURED,
      checkpointed: CONFIGURED,
      provisioned: { initial: 'running', status: 'Running' },
      phases: [
        { status: 'Provisioning', ms: 300 },
        { status: 'Initializing', ms: 300 },
        { status: 'Bootstrapping', ms: 600 },
      ],
    },
    options: { edition: 'Enterprise' },
  },
  crash: {
    about:
      "the pipeline stops with RunnerCheckError while it initializes: the error, its hint, the tail of its log, and a blip only Feldera's events show",
    inputs: {},
    script: {
      name: 'orders',
      // Unavailable passes at once, between two status reads: the summary has it from Feldera's events.
      phases: [
        { status: 'Provisioning', ms: 600 },
        { status: 'Initializing', ms: 300 },
        { status: 'Unavailable' },
        { status: 'Initializing', ms: 300 },
      ],
      failWith: {
        error_code: 'RunnerCheckError',
        message: 'The pipeline process exited with code 137 (out of memory)',
        details: null,
      },
      logLines: [
        'INFO  pipeline orders starting',
        'INFO  connector refunds_kafka: connected',
        'ERROR memory limit exceeded: 4 GiB',
      ],
    },
  },
};

const name = process.argv[2] ?? 'approval';
if (name === '--help' || name === '-h') {
  console.log('npm run demo [-- SCENARIO]: the action against a fake Feldera on 127.0.0.1. Scenarios:');
  for (const [scenario, { about }] of Object.entries(SCENARIOS)) console.log(`  ${scenario.padEnd(10)} ${about}`);
  process.exit(0);
}
const scenario = SCENARIOS[name];
if (!scenario) {
  console.error(
    `Unknown scenario ${JSON.stringify(name)}: give one of ${Object.keys(SCENARIOS).join(', ')} (npm run demo -- --help says what each shows).`,
  );
  process.exit(2);
}
const fake = await FakeFeldera.start({ pipelines: [scenario.script], ...scenario.options });
const inputs = {
  'pipeline-name': 'orders',
  'api-url': fake.url,
  'poll-interval': '250ms',
  timeout: '1m',
  ...scenario.inputs,
};
console.log(`Fake Feldera at ${fake.url}; running dist/index.js with:`);
for (const [name, value] of Object.entries(inputs)) console.log(`  ${name}: ${value}`);
const workspace = mkdtempSync(join(tmpdir(), 'feldera-demo-'));
for (const [path, text] of Object.entries(scenario.files ?? {})) {
  mkdirSync(join(workspace, path, '..'), { recursive: true });
  writeFileSync(join(workspace, path), text);
}
const run = await runAction(inputs, { GITHUB_WORKSPACE: workspace });
await fake.close();
rmSync(workspace, { recursive: true, force: true });

// The runner shows ::debug:: lines only when debug logging is on; so does the demo.
console.log('\n── log (as the runner shows it without debug logging) ──');
process.stdout.write(run.stdout.replace(/^::debug::.*\n/gm, '') + run.stderr);
console.log('── outputs ──');
for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name}=${value}`);
console.log('── job summary ──');
process.stdout.write(run.summary);
console.log(`── exit code ${run.code} ──`);
// The demo shows a failed start as it should be: a failure of the approval scenario is a real one.
process.exitCode = name === 'approval' ? (run.code ?? 1) : 0;
