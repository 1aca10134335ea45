// `npm run bench` (issue 6): what the action costs, against the fake Feldera, in one run so that the
// ratios hold on a noisy machine. Not part of `npm test`. The parts, one file each in test/bench/:
//
// 1. startup.ts: from the launch to the first request and to the exit, beside a bare node + fetch.
// 2, 3. detection.ts: from the switch to Running to the exit, beside the Python client's 0.5 s poll.
// 4. health.ts: the health window's reads and the time it adds.
// 5. several.ts: several pipelines in one step, beside one-pipeline steps one after another.
// 6. on-time.ts: a cancel, or a wait that would otherwise go on, ends on time.
// 7. large.ts: large and endless status bodies, and the parser alone.
// 8. release.ts: the downtime of update-program: true, beside Feldera's own stop, compile and start.
//
// Children run one at a time (the machine has 2 cores). Prints a table and writes bench-results.json.
// `node test/bench.ts --quick` runs the same tables and targets in under a minute, on fewer samples
// (test/bench/config.ts): for trying a change; the full run is for releases.
import { statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { cleanUp } from './bench/child.ts';
import { DIST, ON_TIME, QUICK, RESULTS } from './bench/config.ts';
import { detectionPart } from './bench/detection.ts';
import { healthPart } from './bench/health.ts';
import { largePart } from './bench/large.ts';
import { onTimePart } from './bench/on-time.ts';
import { releasePart } from './bench/release.ts';
import { severalPart } from './bench/several.ts';
import { startupPart } from './bench/startup.ts';
import { round1 } from './bench/stats.ts';

const benchStarted = performance.now();
const distAtStart = statSync(DIST);
console.log(
  `Feldera start-pipeline benchmark: node ${process.version}, ${cpus().length} cores, dist/index.js ${(distAtStart.size / 1e6).toFixed(2)} MB${QUICK ? ' (quick: fewer samples, noisy figures; the full run is for releases)' : ''}`,
);

try {
  const startup = await startupPart();
  const detection = await detectionPart();
  const health = await healthPart();
  const several = await severalPart();
  const release = await releasePart();
  // In a quick run, the cases that end on time mostly sleep: part 7 runs meanwhile.
  const [onTime, large] = ON_TIME.concurrent
    ? await Promise.all([onTimePart(), largePart()])
    : [await onTimePart(), await largePart()];
  const parts = [startup, detection, health, several, onTime, large, release];
  for (const part of parts) part.print();

  const checks = parts.flatMap((part) => part.checks.map((check) => ({ ...check, figure: check.figure + part.noise })));
  console.log('\nTargets (issues 6, 10, 13, 18 and 30)');
  for (const check of checks) console.log(`  ${check.met ? 'met   ' : 'MISSED'}  ${check.target}: ${check.figure}`);

  const totalS = (performance.now() - benchStarted) / 1000;
  writeFileSync(
    RESULTS,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cores: cpus().length,
        cpu: cpus()[0]?.model,
        bundleBytes: distAtStart.size,
        bundleModified: distAtStart.mtime.toISOString(),
        quick: QUICK,
        totalSeconds: round1(totalS),
        startup: startup.figures,
        detection: detection.figures,
        health: health.figures,
        several: several.figures,
        onTime: onTime.figures,
        largeAnswers: large.figures,
        release: release.figures,
        targets: checks,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\n${round1(totalS)} s in all; figures in bench-results.json`);
  if (statSync(DIST).mtimeMs !== distAtStart.mtimeMs) {
    console.log(
      'Warning: dist/index.js changed during the run (npm run build?): the figures mix two builds. Run it again.',
    );
    process.exitCode = 1;
  }
} finally {
  cleanUp();
}
