// Part 4, the health window (issue 10): `health-window` against a pipeline with three connectors, at
// poll-interval 1s and 250ms: the status and `/stats` reads after the pipeline reached Running, and
// the wall time the window adds to a run with `health-window: 0s`.
import type { PipelineScript } from '../fake-feldera.ts';
import { runAction, withFake } from './child.ts';
import { HEALTH, noise, PIPELINE, TIMER_SLACK_MS } from './config.ts';
import { duration, median, round1, row, type Part } from './stats.ts';

interface HealthSample {
  windowMs: number;
  /** From the status read that saw Running to the exit: the window, if any, and the report. */
  afterTargetMs: number;
  /** Reads that arrived after the switch to Running, the status read that saw it included. */
  statusReads: number;
  statsReads: number;
  /**
   * The read that saw Running, then one per whole poll interval from it to the last read of the
   * kind: counted from that read, which comes before the window's first round, for the reason
   * given at allowedReads in detection.ts.
   */
  allowedStatusReads: number;
  allowedStatsReads: number;
  overCadence: boolean;
}

const healthy = { status: 'Healthy' as const, description: null };
// Three endpoints, healthy and moving: the window reads them all and finds nothing wrong.
const withConnectors: PipelineScript = {
  name: PIPELINE,
  phases: [
    { status: 'Provisioning', ms: 50 },
    { status: 'Initializing', ms: 50 },
  ],
  connectors: [
    {
      name: 'orders.kafka_in',
      direction: 'input',
      stream: 'orders',
      states: [
        { at: 0, health: healthy, records: 1200 },
        { at: 2500, records: 2400 },
      ],
    },
    {
      name: 'refunds.http_in',
      direction: 'input',
      stream: 'refunds',
      states: [{ at: 0, health: healthy, records: 10 }],
    },
    {
      name: 'totals.delta_out',
      direction: 'output',
      stream: 'daily_totals',
      states: [
        { at: 0, health: healthy, records: 40 },
        { at: 2500, records: 80 },
      ],
    },
  ],
};

async function healthSample(intervalMs: number, windowMs: number): Promise<HealthSample> {
  return withFake(withConnectors, async (fake) => {
    const run = await runAction(fake, duration(intervalMs), duration(windowMs));
    const runningAt = fake.timeline.find((entry) => entry.status === 'Running')?.at;
    if (runningAt === undefined) throw new Error('health window: the pipeline never became Running');
    const status = fake
      .calls('status')
      .map((request) => request.at)
      .filter((at) => at >= runningAt);
    const stats = fake
      .calls('stats')
      .map((request) => request.at)
      .filter((at) => at >= runningAt);
    if (!status.length || !stats.length)
      throw new Error(`health window ${windowMs} ms: no status or /stats read after Running`);
    const seenAt = status[0]!;
    const allowed = (reads: number[]) => 1 + Math.floor((reads.at(-1)! - seenAt + TIMER_SLACK_MS) / intervalMs);
    return {
      windowMs,
      afterTargetMs: run.exitedAt - seenAt,
      statusReads: status.length,
      statsReads: stats.length,
      allowedStatusReads: allowed(status),
      allowedStatsReads: allowed(stats),
      overCadence: status.length > allowed(status) || stats.length > allowed(stats),
    };
  });
}

export async function healthPart() {
  const health = HEALTH.intervalsMs.map((intervalMs) => ({
    label: `poll-interval ${duration(intervalMs)}`,
    intervalMs,
    window: [] as HealthSample[],
    none: [] as HealthSample[],
  }));
  process.stdout.write(
    `health window: ${HEALTH.runs} rounds of health-window ${duration(HEALTH.windowMs)} and 0s at ${health.map((entry) => entry.label).join(', ')} `,
  );
  for (let round = 0; round < HEALTH.runs; round++) {
    for (const entry of health) {
      // Alternate which goes first, as for the start-up.
      for (const windowMs of round % 2 ? [0, HEALTH.windowMs] : [HEALTH.windowMs, 0]) {
        (windowMs ? entry.window : entry.none).push(await healthSample(entry.intervalMs, windowMs));
      }
    }
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  const figures = health.map((entry) => {
    const afterTargetMedianMs = round1(median(entry.window.map((s) => s.afterTargetMs)));
    const afterTargetNoWindowMedianMs = round1(median(entry.none.map((s) => s.afterTargetMs)));
    return {
      label: entry.label,
      intervalMs: entry.intervalMs,
      windowMs: HEALTH.windowMs,
      runs: entry.window.length,
      statusReadsMedian: median(entry.window.map((s) => s.statusReads)),
      statsReadsMedian: median(entry.window.map((s) => s.statsReads)),
      allowedReadsMedian: median(entry.window.map((s) => s.allowedStatsReads)),
      runsOverCadence: entry.window.filter((s) => s.overCadence).length,
      afterTargetMedianMs,
      afterTargetNoWindowMedianMs,
      addedMs: round1(afterTargetMedianMs - afterTargetNoWindowMedianMs),
      samples: { window: entry.window, none: entry.none },
    };
  });

  const window = duration(HEALTH.windowMs);
  const quickNoise =
    noise(HEALTH.runs, HEALTH.fullRuns) + (HEALTH.windowMs === 5000 ? '' : ` [quick: a ${window} window, not 5s]`);
  const widths = [18, 7, 7, 8, 13, 8, 7];
  const print = () => {
    console.log(
      `\nHealth window ${window}, three healthy connectors (${HEALTH.runs} runs each; reads after the switch to Running and ms, medians)${quickNoise}`,
    );
    console.log(row(['', 'status', '/stats', 'allowed', 'after target', 'with 0s', 'added'], widths));
    for (const f of figures) {
      console.log(
        row(
          [
            f.label,
            f.statusReadsMedian,
            f.statsReadsMedian,
            f.allowedReadsMedian,
            f.afterTargetMedianMs,
            f.afterTargetNoWindowMedianMs,
            f.addedMs,
          ],
          widths,
        ),
      );
    }
    console.log(
      `(allowed: of each kind, the read that saw Running, then one per whole poll interval to the last; after target: that read → exit, with health-window ${window} and with 0s; added: the difference)`,
    );
  };
  const checks = figures.map((f) => ({
    target: `health-window ${duration(f.windowMs)}, ${f.label}: at most one status read and one /stats read per poll interval`,
    met: f.runsOverCadence === 0,
    figure: `${f.runsOverCadence} of ${f.runs} runs over; ${f.statusReadsMedian} status and ${f.statsReadsMedian} /stats reads, ${f.allowedReadsMedian} allowed`,
  }));
  return { figures, print, checks, noise: noise(HEALTH.runs, HEALTH.fullRuns) } satisfies Part<typeof figures>;
}
