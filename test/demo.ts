// `npm run demo`: the bundle, run as the runner runs it, against the fake Feldera with a realistic
// start (early start while compiling, provisioning, initializing, awaiting approval, approve,
// bootstrapping, running). Prints the log, the outputs and the job summary.
import { FakeFeldera } from './fake-feldera.ts';
import { runAction } from './run-action.ts';

const fake = await FakeFeldera.start({
  pipelines: [
    {
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
      approvalDiff: {
        diff: {
          program_diff: {
            added_tables: ['refunds'],
            removed_tables: [],
            modified_tables: [],
            added_views: [],
            removed_views: [],
            modified_views: ['daily_totals', 'top_customers'],
          },
          program_diff_error: null,
          added_input_connectors: ['refunds_kafka'],
          modified_input_connectors: [],
          removed_input_connectors: [],
          added_output_connectors: [],
          modified_output_connectors: [],
          removed_output_connectors: [],
        },
      },
    },
  ],
});
const inputs = { 'pipeline-name': 'orders', 'api-url': fake.url, 'auto-approve': 'true', 'poll-interval': '250ms', timeout: '1m' };
console.log(`Fake Feldera at ${fake.url}; running dist/index.js with:`);
for (const [name, value] of Object.entries(inputs)) console.log(`  ${name}: ${value}`);
const run = await runAction(inputs);
await fake.close();

// The runner shows ::debug:: lines only when debug logging is on; so does the demo.
console.log('\n── log (as the runner shows it without debug logging) ──');
process.stdout.write(run.stdout.replace(/^::debug::.*\n/gm, '') + run.stderr);
console.log('── outputs ──');
for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name}=${value}`);
console.log('── job summary ──');
process.stdout.write(run.summary);
console.log(`── exit code ${run.code} ──`);
process.exitCode = run.code ?? 1;
