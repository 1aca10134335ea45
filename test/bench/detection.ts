// Parts 2 and 3, detection latency: the fake switches the pipeline to Running at a random offset
// into the poll period (stratified, see stratifiedOffsets); the latency is the moment this process
// sees the child exit minus that switch, both on this process's performance.now() (the fake runs
// here). poll-interval 250ms, 1s and 2s, beside the reference: a fixed 0.5 s poller (the official
// Python client's cadence) in the same harness.
import type { PipelineScript } from '../fake-feldera.ts';
import { runAction, runScript, withFake, POLLER } from './child.ts';
import { DETECTION, noise, PIPELINE, TIMER_SLACK_MS } from './config.ts';
import { duration, median, p95, round1, round3, row, stratifiedOffsets, type Part } from './stats.ts';

interface DetectionSample {
  /** When the pipeline became Running, from the start request's arrival. */
  runningAfterStartMs: number;
  /** The switch's scripted offset, as a fraction of the poll interval. */
  offset: number;
  latencyMs: number;
  /** From the switch to the status read that saw Running; then from that read to the exit. */
  pollWaitMs: number;
  exitAfterReadMs: number;
  statusRequests: number;
  otherRequests: number;
  /** The other requests, as `POST dismiss_error`, `POST start`. */
  others: string[];
  /** Gaps between status reads per poll interval: 1.0 is the cadence exactly, more is hammering. */
  readsPerInterval: number | null;
  /**
   * One read per poll interval: the first, then one per whole interval from the start request to
   * the last read. Counted from the start request, which comes before the first poll begins, so
   * that a first read sent late (a cold path, a busy machine) does not look like an extra read, as a
   * short gap between arrivals would.
   */
  allowedReads: number;
  overCadence: boolean;
}

async function detectionSample(
  who: 'action' | 'reference',
  intervalMs: number,
  offset: number,
): Promise<DetectionSample> {
  // The switch to Running falls `offset` (0 to 1) of one poll period after the start request: the
  // first status read comes a few milliseconds after it, so the switch falls in the first period of
  // the cadence (and, for the smallest offsets, before the first read).
  const switchMs = Math.round(offset * intervalMs);
  const script: PipelineScript = {
    name: PIPELINE,
    phases: [
      { status: 'Provisioning', ms: Math.round(switchMs / 2) },
      { status: 'Initializing', ms: switchMs - Math.round(switchMs / 2) },
    ],
  };
  return withFake(script, async (fake) => {
    const run =
      who === 'action'
        ? await runAction(fake, `${intervalMs}ms`)
        : await runScript(POLLER, [fake.url, PIPELINE, String(intervalMs)]);
    const runningAt = fake.timeline.find((entry) => entry.status === 'Running')?.at;
    if (runningAt === undefined) throw new Error(`${who}: the pipeline never became Running`);
    const startAt = fake.calls('start')[0]!.at;
    // The poll's reads: the action's one read before its start decides the start, and is no part of the cadence.
    const reads = fake
      .calls('status')
      .map((request) => request.at)
      .filter((at) => at >= startAt);
    const seenAt = reads.find((at) => at >= runningAt) ?? runningAt;
    const span = reads.length > 1 ? reads.at(-1)! - reads[0]! : 0;
    const allowedReads = 1 + Math.floor((reads.at(-1)! - startAt + TIMER_SLACK_MS) / intervalMs);
    return {
      runningAfterStartMs: runningAt - startAt,
      offset,
      latencyMs: run.exitedAt - runningAt,
      pollWaitMs: seenAt - runningAt,
      exitAfterReadMs: run.exitedAt - seenAt,
      statusRequests: reads.length,
      otherRequests: fake.requests.length - reads.length,
      others: fake.requests
        .filter((request) => request.method !== 'GET')
        .map((request) => `${request.method} ${request.path.split('/').at(-1)}`),
      readsPerInterval: reads.length > 1 ? ((reads.length - 1) * intervalMs) / span : null,
      allowedReads,
      overCadence: reads.length > allowedReads,
    };
  });
}

export async function detectionPart() {
  const series = [
    ...DETECTION.intervalsMs.map((intervalMs) => ({
      label: `action ${duration(intervalMs)}`,
      who: 'action' as const,
      intervalMs,
    })),
    {
      label: `reference ${DETECTION.referenceIntervalMs}ms`,
      who: 'reference' as const,
      intervalMs: DETECTION.referenceIntervalMs,
    },
  ];
  const detection = new Map<string, DetectionSample[]>(series.map((entry) => [entry.label, []]));
  // Random offsets, one in each of DETECTION.runs equal slices of the poll period, in random order:
  // the switch falls all over the cadence, and the median does not swing with the luck of the draw
  // as with plain uniform draws. For the median of n runs, one standard deviation is about
  // interval / (5 n) this way (13 ms for 2s and 30 runs), against interval / (2 √n) with uniform
  // draws (180 ms).
  const offsets = new Map(series.map((entry) => [entry.label, stratifiedOffsets(DETECTION.runs)]));
  process.stdout.write(`detection: ${DETECTION.runs} rounds of ${series.map((entry) => entry.label).join(', ')} `);
  // Rounds of one run of each series: a slow spell of the machine hits every series alike.
  for (let round = 0; round < DETECTION.runs; round++) {
    for (const entry of series) {
      detection
        .get(entry.label)!
        .push(await detectionSample(entry.who, entry.intervalMs, offsets.get(entry.label)![round]!));
    }
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  const figures = series.map((entry) => {
    const samples = detection.get(entry.label)!;
    const rates = samples.map((s) => s.readsPerInterval).filter((rate): rate is number => rate !== null);
    return {
      label: entry.label,
      who: entry.who,
      intervalMs: entry.intervalMs,
      runs: samples.length,
      latencyMedianMs: round1(median(samples.map((s) => s.latencyMs))),
      latencyP95Ms: round1(p95(samples.map((s) => s.latencyMs))),
      latencyMaxMs: round1(Math.max(...samples.map((s) => s.latencyMs))),
      pollWaitMedianMs: round1(median(samples.map((s) => s.pollWaitMs))),
      exitAfterReadMedianMs: round1(median(samples.map((s) => s.exitAfterReadMs))),
      statusRequestsMedian: median(samples.map((s) => s.statusRequests)),
      otherRequestsMedian: median(samples.map((s) => s.otherRequests)),
      readsPerIntervalMedian: rates.length ? round3(median(rates)) : null,
      readsPerIntervalMax: rates.length ? round3(Math.max(...rates)) : null,
      runsOverCadence: samples.filter((s) => s.overCadence).length,
      targets: {
        latencyMedianMs: entry.intervalMs / 2 + 50,
        latencyP95Ms: entry.intervalMs + 100,
      },
      samples,
    };
  });

  const widths = [16, 7, 7, 7, 9, 9, 7, 7, 10, 9];
  const print = () => {
    console.log(
      `\nDetection latency: exit − switch to Running (${DETECTION.runs} runs each, ms; status reads and other requests per run, medians)${noise(DETECTION.runs, DETECTION.fullRuns)}`,
    );
    console.log(
      row(['', 'median', 'p95', 'max', 'poll wait', 'exit after', 'status', 'other', 'reads/int.', 'targets'], widths),
    );
    for (const f of figures) {
      console.log(
        row(
          [
            f.label,
            f.latencyMedianMs,
            f.latencyP95Ms,
            f.latencyMaxMs,
            f.pollWaitMedianMs,
            f.exitAfterReadMedianMs,
            f.statusRequestsMedian,
            f.otherRequestsMedian,
            f.readsPerIntervalMax === null
              ? null
              : `${f.readsPerIntervalMedian!.toFixed(2)}/${f.readsPerIntervalMax.toFixed(2)}`,
            f.who === 'action' ? `${f.targets.latencyMedianMs}/${f.targets.latencyP95Ms}` : '',
          ],
          widths,
        ),
      );
    }
    console.log(
      '(poll wait: switch → the status read that saw Running; exit after: that read → exit; reads/int.: median/max of status-read gaps per poll interval; targets: median/p95)',
    );
  };
  const checks = figures
    .filter((f) => f.who === 'action')
    .flatMap((f) => [
      {
        target: `${f.label}: median at most ${f.targets.latencyMedianMs} ms`,
        met: f.latencyMedianMs <= f.targets.latencyMedianMs,
        figure: `${f.latencyMedianMs} ms`,
      },
      {
        target: `${f.label}: p95 at most ${f.targets.latencyP95Ms} ms`,
        met: f.latencyP95Ms <= f.targets.latencyP95Ms,
        figure: `${f.latencyP95Ms} ms`,
      },
      {
        target: `${f.label}: at most one status read per poll interval`,
        met: f.runsOverCadence === 0,
        figure: `${f.runsOverCadence} of ${f.runs} runs over; other requests: ${f.samples[0]!.others.join(', ')}`,
      },
    ]);
  return { figures, print, checks, noise: noise(DETECTION.runs, DETECTION.fullRuns) } satisfies Part<typeof figures>;
}
