// Part 8, the release's downtime (issue 30): update-program: true on a Running pipeline (Enterprise,
// a checkpoint first) with scripted times for Feldera's stop (checkpointHold), compile (its phases)
// and start (its phases), each drawn a little longer at random so the events fall all over the poll
// period. The step's share: how long after each wait's end it moved on, and after Running it saw it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeFeldera, type Phase } from '../fake-feldera.ts';
import { CONFIGURED } from '../fixtures.ts';
import { runAction } from './child.ts';
import { noise, PIPELINE, RELEASE } from './config.ts';
import { duration, median, round1, row, type Part } from './stats.ts';

interface ReleaseSample {
  /** Feldera's own times: /stop → Stopped, the scripted compile, /start → Running. */
  stopMs: number;
  compileMs: number;
  startMs: number;
  /** From /stop to the status read that saw Running: the downtime as the step reports it. */
  downtimeMs: number;
  /** The step's share of each wait: Stopped → PATCH, compiled → /start, Running → the read that saw it. */
  afterStopMs: number;
  afterCompileMs: number;
  afterStartMs: number;
  overheadMs: number;
}

/** The new program: the configured one with a comment, so that it compiles to the same dataflow and starts without a bootstrap. */
const MARKER = '-- bench release';
const jitter = (ms: number, intervalMs: number) => Math.round(ms + Math.random() * intervalMs);

async function releaseSample(intervalMs: number, workspace: string): Promise<ReleaseSample> {
  const stopMs = jitter(RELEASE.stopMs, intervalMs);
  const compile: Phase[] = RELEASE.compile.map(({ status, ms }) => ({ status, ms: jitter(ms, intervalMs / 4) }));
  const compileMs = compile.reduce((sum, phase) => sum + phase.ms!, 0);
  const phases: Phase[] = RELEASE.start.map(({ status, ms }) => ({ status, ms: jitter(ms, intervalMs / 2) }));
  const fake = await FakeFeldera.start({
    pipelines: [
      {
        name: PIPELINE,
        program: CONFIGURED,
        provisioned: { initial: 'running', status: 'Running' },
        checkpointHold: { ms: stopMs },
        phases,
      },
    ],
    edition: 'Enterprise',
    compiles: [{ marker: MARKER, phases: compile, outcome: 'Success' }],
  });
  try {
    await runAction(fake, duration(intervalMs), '0s', {
      more: { 'update-program': 'true', 'sql-file': 'program.sql' },
      env: { GITHUB_WORKSPACE: workspace },
    });
    const at = (endpoint: 'stop' | 'patch' | 'start') => fake.calls(endpoint)[0]!.at;
    const timeline = (status: string, after: number) =>
      fake.timeline.find((entry) => entry.status === status && entry.at >= after)!.at;
    const stoppedAt = timeline('Stopped', at('stop'));
    const runningAt = timeline('Running', at('start'));
    const seenAt = fake.responses.find(
      (response) => response.endpoint === 'status' && response.at >= runningAt && response.body.includes('"Running"'),
    )!.at;
    const compiledAt = at('patch') + compileMs;
    const sample = {
      stopMs: round1(stoppedAt - at('stop')),
      compileMs,
      startMs: round1(runningAt - at('start')),
      downtimeMs: round1(seenAt - at('stop')),
      afterStopMs: round1(at('patch') - stoppedAt),
      afterCompileMs: round1(at('start') - compiledAt),
      afterStartMs: round1(seenAt - runningAt),
    };
    return { ...sample, overheadMs: round1(sample.afterStopMs + sample.afterCompileMs + sample.afterStartMs) };
  } finally {
    await fake.close();
  }
}

export async function releasePart() {
  const workspace = mkdtempSync(join(tmpdir(), 'feldera-bench-release-'));
  writeFileSync(join(workspace, 'program.sql'), `${CONFIGURED}${MARKER}\n`);
  process.stdout.write(`release: ${RELEASE.runs} rounds of ${RELEASE.intervalsMs.map(duration).join(', ')} `);
  const samples = new Map<number, ReleaseSample[]>(RELEASE.intervalsMs.map((ms) => [ms, []]));
  for (let round = 0; round < RELEASE.runs; round++) {
    for (const intervalMs of RELEASE.intervalsMs)
      samples.get(intervalMs)!.push(await releaseSample(intervalMs, workspace));
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  rmSync(workspace, { recursive: true, force: true });
  const figures = RELEASE.intervalsMs.map((intervalMs) => {
    const list = samples.get(intervalMs)!;
    const med = (pick: (s: ReleaseSample) => number) => round1(median(list.map(pick)));
    const allowedMs = 3 * intervalMs + RELEASE.marginMs;
    return {
      label: `poll ${duration(intervalMs)}`,
      intervalMs,
      runs: list.length,
      feldera: {
        stopMedianMs: med((s) => s.stopMs),
        compileMedianMs: med((s) => s.compileMs),
        startMedianMs: med((s) => s.startMs),
      },
      downtimeMedianMs: med((s) => s.downtimeMs),
      overheadMedianMs: med((s) => s.overheadMs),
      overheadMaxMs: Math.max(...list.map((s) => s.overheadMs)),
      allowedMs,
      samples: list,
    };
  });
  const widths = [11, 7, 8, 7, 9, 9, 9, 9, 9, 8];
  const print = () => {
    console.log(
      `\nRelease downtime: /stop → the read that saw Running (${RELEASE.runs} runs each, ms, medians)${noise(RELEASE.runs, RELEASE.fullRuns)}`,
    );
    console.log(
      row(['', 'stop', 'compile', 'start', 'downtime', '+stop', '+compile', '+start', 'step max', 'allowed'], widths),
    );
    for (const f of figures) {
      const step = (pick: (s: ReleaseSample) => number) => round1(median(f.samples.map(pick)));
      console.log(
        row(
          [
            f.label,
            f.feldera.stopMedianMs,
            f.feldera.compileMedianMs,
            f.feldera.startMedianMs,
            f.downtimeMedianMs,
            step((s) => s.afterStopMs),
            step((s) => s.afterCompileMs),
            step((s) => s.afterStartMs),
            f.overheadMaxMs,
            f.allowedMs,
          ],
          widths,
        ),
      );
    }
    console.log(
      "(stop, compile, start: Feldera's own times; +stop: Stopped → PATCH; +compile: compiled → /start; +start: Running → the read that saw it; step max: the largest sum of the three; allowed: 3 poll intervals + 300 ms)",
    );
  };
  const checks = figures.map((f) => ({
    target: `release, ${f.label}: the step adds at most one poll interval to each wait, plus ${RELEASE.marginMs} ms (${f.allowedMs} ms)`,
    met: f.overheadMaxMs <= f.allowedMs,
    figure: `at most ${f.overheadMaxMs} ms added, median ${f.overheadMedianMs} ms; downtime ${f.downtimeMedianMs} ms for Feldera's ${round1(f.feldera.stopMedianMs + f.feldera.compileMedianMs + f.feldera.startMedianMs)} ms`,
  }));
  return { figures, print, checks, noise: noise(RELEASE.runs, RELEASE.fullRuns) } satisfies Part<typeof figures>;
}
