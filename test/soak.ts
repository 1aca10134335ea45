// `npm run soak -- --seeds N`: many random lives (test/lives.ts), each run on the real bundle against
// the fake Feldera and judged by the invariants (test/invariants.ts). Prints each failing seed, what
// it broke and how to replay it; `--seed S` replays one, `--verbose` shows its log and requests.
// Node runs this file as it is (type stripping). Needs dist/ built (`npm run build`).
import { parseArgs } from 'node:util';
import { judge, type Broken } from './invariants.ts';
import { playLife, type Observation } from './life-run.ts';
import { describeLife, expectation, lifeOf, type Life } from './lives.ts';
import { pool } from './pool.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '100' },
    from: { type: 'string', default: '1' },
    seed: { type: 'string' },
    jobs: { type: 'string', default: '3' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`npm run soak -- [--seeds N] [--from S] [--jobs J]   runs seeds S … S+N-1 (default 1 … 100), J at a time (default 3)
npm run soak -- --seed S [--verbose]              replays one seed; --verbose prints the step's log and the requests`);
  process.exit(0);
}
const count = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a whole number above 0, not ${JSON.stringify(text)}`);
  return n;
};
const seeds =
  values.seed !== undefined
    ? [count('seed', values.seed)]
    : Array.from({ length: count('seeds', values.seeds) }, (_, i) => count('from', values.from) + i);
const verbose = values.verbose || values.seed !== undefined;

interface Result {
  life: Life;
  observation: Observation;
  broken: Broken[];
}

const began = performance.now();
const results = await pool(seeds, count('jobs', values.jobs), async (seed): Promise<Result> => {
  const life = lifeOf(seed);
  const observation = await playLife(life);
  // The soak also holds the step to the README's times: timing claims, measured here, not in `npm test`.
  const result = { life, observation, broken: judge(life, observation, { timing: true }) };
  report(result);
  return result;
});

function report({ life, observation, broken }: Result): void {
  const { run } = observation;
  if (broken.length > 0) {
    const [first, ...rest] = broken;
    console.log(`✗ seed ${life.seed}: ${first!.invariant}: ${first!.detail}`);
    for (const more of rest) console.log(`    also: ${more.invariant}: ${more.detail}`);
    console.log(`    life: ${describeLife(life)}`);
    console.log(`    replay: npm run soak -- --seed ${life.seed}`);
  } else if (verbose) {
    console.log(
      `✓ seed ${life.seed}: error-code ${JSON.stringify(run.outputs['error-code'])}\n    life: ${describeLife(life)}`,
    );
  }
  if (!verbose) return;
  console.log(`    expected: ${JSON.stringify(expectation(life))}`);
  console.log(
    `    signals: ${observation.signals.map(({ signal, at }) => `${signal} at +${Math.round(at - observation.startedAt)}ms`).join(', ') || 'none'}`,
  );
  console.log('    requests:');
  for (const request of observation.requests) {
    const query = new URLSearchParams(request.query).toString();
    console.log(
      `      +${Math.round(request.at - observation.startedAt)}ms ${request.method} ${request.path}${query ? `?${query}` : ''}`,
    );
  }
  console.log(`    exit ${run.code ?? run.signal}; outputs: ${JSON.stringify(run.outputs)}`);
  console.log('    the step’s log:');
  for (const line of run.stdout.split('\n')) console.log(`      ${line}`);
  if (run.stderr) console.log(`    stderr:\n${run.stderr}`);
}

const failed = results.filter(({ broken }) => broken.length > 0);
const seconds = ((performance.now() - began) / 1000).toFixed(0);
console.log(
  `\n${results.length} seeds (${seeds[0]}-${seeds.at(-1)}) in ${seconds} s, ${values.jobs} at a time: ${results.length - failed.length} passed, ${failed.length} failed`,
);

if (failed.length > 0) {
  console.log('failures by invariant (each seed under the first it broke):');
  const classes = new Map<string, number[]>();
  for (const { life, broken } of failed)
    classes.set(broken[0]!.invariant, [...(classes.get(broken[0]!.invariant) ?? []), life.seed]);
  for (const [invariant, failing] of classes)
    console.log(`  ${invariant}: ${failing.length} (seeds ${failing.join(', ')})`);
}

const cancelled = results.filter(({ observation }) => observation.signals.length > 0);
const latencies = cancelled
  .filter(({ observation }) => observation.killed === undefined && observation.run.signal === null)
  .map(({ observation }) => observation.endedAt - observation.signals[0]!.at)
  .sort((a, b) => a - b);
const median = latencies[Math.floor(latencies.length / 2)];
console.log(
  `cancels sent: ${cancelled.length}, ended by themselves: ${latencies.length}` +
    (latencies.length > 0
      ? `; first signal to exit: median ${Math.round(median!)} ms, max ${Math.round(latencies.at(-1)!)} ms`
      : ''),
);
const crisp = results.filter(
  ({ observation }) => observation.signals.length === 0 && !observation.served.some((fault) => fault.hard),
);
console.log(`crisp lives (no cancel sent, no hard fault served), judged on their exact outcome too: ${crisp.length}`);
const largest = results.reduce((most, result) =>
  Buffer.byteLength(result.observation.run.summary) > Buffer.byteLength(most.observation.run.summary) ? result : most,
);
console.log(
  `largest summary: ${(Buffer.byteLength(largest.observation.run.summary) / 1024).toFixed(0)} KiB (seed ${largest.life.seed}), under GitHub's 1024 KiB`,
);
const outcomes = new Map<string, number>();
for (const { observation } of results) {
  const code = observation.run.outputs['error-code'] ?? '(none)';
  outcomes.set(code || '(success)', (outcomes.get(code || '(success)') ?? 0) + 1);
}
console.log(`outcomes: ${[...outcomes].map(([code, n]) => `${code} ${n}`).join(', ')}`);
const changes = new Map<string, number>();
for (const { life, observation } of results.filter(({ life }) => life.release)) {
  const change = `${observation.run.outputs['program-change'] || '(none)'}${life.release!.found === 'running' ? '' : ` (found ${life.release!.found})`}`;
  changes.set(change, (changes.get(change) ?? 0) + 1);
}
console.log(
  `releases: ${[...changes.values()].reduce((a, b) => a + b, 0)}; program-change ${[...changes].map(([change, n]) => `${change} ${n}`).join(', ')}`,
);
process.exitCode = failed.length > 0 ? 1 : 0;
