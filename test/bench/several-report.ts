// Part 5's figures, table and targets, from the samples several.ts takes.
import { SEVERAL } from './config.ts';
import { duration, median, mib, round1, round3, row, type Check } from './stats.ts';

export interface SeveralSample {
  pipelines: number;
  intervalMs: number;
  /** From the launch to the exit, as this process sees them. */
  wallMs: number;
  /** The last pipeline's switch to Running, from the step's first request. */
  slowestMs: number;
  /** From that switch to the read that saw it, then from that read to the exit. */
  pollWaitMs: number;
  exitAfterReadMs: number;
  statusReads: number;
  listReads: number;
  listsPerIntervalMax: number;
  /** Poll intervals counted from the first start request, to the last read; those whose status and list reads exceed the allowed. */
  intervals: number;
  intervalsOver: number;
  /** The most reads in one interval, and the most allowed in one. */
  maxReadsPerInterval: number;
  maxAllowedPerInterval: number;
  maxRssKb: number;
  /** Pipelines that did not reach Running, as `name ErrorCode`: none is scripted to fail. */
  failed: string[];
}

interface Entry {
  label: string;
  pipelines: number;
  intervalMs: number;
  samples: SeveralSample[];
}

export function severalFigures(
  several: Entry[],
  sequential: { provisioningMs: number; wallMs: number; maxRssKb: number }[],
  sequentialIntervalMs: number,
) {
  const oneRssMedianKb = median(sequential.map((s) => s.maxRssKb));
  const oneAfterAnother = {
    pipelines: sequential.length,
    intervalMs: sequentialIntervalMs,
    totalMs: round1(sequential.reduce((sum, s) => sum + s.wallMs, 0)),
    maxRssMedianKb: oneRssMedianKb,
    samples: sequential,
  };
  const inOneStep = several.map((entry) => {
    const samples = entry.samples;
    const allowedMarginMs = entry.intervalMs + SEVERAL.marginMs;
    const wallMedianMs = round1(median(samples.map((s) => s.wallMs)));
    const maxRssMedianKb = median(samples.map((s) => s.maxRssKb));
    return {
      label: entry.label,
      pipelines: entry.pipelines,
      intervalMs: entry.intervalMs,
      runs: samples.length,
      wallMedianMs,
      slowestMedianMs: round1(median(samples.map((s) => s.slowestMs))),
      marginMedianMs: round1(median(samples.map((s) => s.wallMs - s.slowestMs))),
      marginMaxMs: round1(Math.max(...samples.map((s) => s.wallMs - s.slowestMs))),
      allowedMarginMs,
      runsOverMargin: samples.filter((s) => s.wallMs - s.slowestMs > allowedMarginMs).length,
      pollWaitMedianMs: round1(median(samples.map((s) => s.pollWaitMs))),
      exitAfterReadMedianMs: round1(median(samples.map((s) => s.exitAfterReadMs))),
      statusReadsMedian: median(samples.map((s) => s.statusReads)),
      listReadsMedian: median(samples.map((s) => s.listReads)),
      statusReadsMax: Math.max(...samples.map((s) => s.statusReads)),
      listReadsMax: Math.max(...samples.map((s) => s.listReads)),
      listsPerIntervalMax: Math.max(...samples.map((s) => s.listsPerIntervalMax)),
      intervals: samples.reduce((sum, s) => sum + s.intervals, 0),
      intervalsOver: samples.reduce((sum, s) => sum + s.intervalsOver, 0),
      maxReadsPerInterval: Math.max(...samples.map((s) => s.maxReadsPerInterval)),
      maxAllowedPerInterval: Math.max(...samples.map((s) => s.maxAllowedPerInterval)),
      maxRssMedianKb,
      maxRssRatio: round3(maxRssMedianKb / oneRssMedianKb),
      runsWithFailures: samples.filter((s) => s.failed.length).length,
      failed: samples.flatMap((s) => s.failed),
      sequentialRatio:
        entry.pipelines === oneAfterAnother.pipelines && entry.intervalMs === sequentialIntervalMs
          ? round3(wallMedianMs / oneAfterAnother.totalMs)
          : null,
      samples,
    };
  });
  return { spreadMs: SEVERAL.spreadMs, inOneStep, oneAfterAnother };
}

type Figures = ReturnType<typeof severalFigures>;

const widths = [22, 7, 8, 7, 10, 11, 7, 6, 10, 6, 9];

export function severalTable({ inOneStep, oneAfterAnother }: Figures, quickNoise: string) {
  const { spreadMs, many, few } = SEVERAL;
  console.log(
    `\nSeveral pipelines in one step, Provisioning up to ${duration(spreadMs)}, ${duration(spreadMs / many)} apart for ${many}, ${duration(spreadMs / few)} for ${few} (${SEVERAL.runs} runs each; ms and reads a run, medians)${quickNoise}`,
  );
  console.log(
    row(
      ['', 'wall', 'slowest', 'margin', 'poll wait', 'exit after', 'status', 'lists', 'reads/int.', 'over', 'peak RSS'],
      widths,
    ),
  );
  for (const f of inOneStep) {
    console.log(
      row(
        [
          f.label,
          f.wallMedianMs,
          f.slowestMedianMs,
          f.marginMedianMs,
          f.pollWaitMedianMs,
          f.exitAfterReadMedianMs,
          f.statusReadsMedian,
          f.listReadsMedian,
          `${f.maxReadsPerInterval}/${f.maxAllowedPerInterval}`,
          `${f.intervalsOver}/${f.intervals}`,
          mib(f.maxRssMedianKb),
        ],
        widths,
      ),
    );
  }
  for (const f of inOneStep.filter((f) => f.failed.length)) {
    console.log(`${f.label}: did not reach Running in ${f.runsWithFailures} of ${f.runs} runs: ${f.failed.join(', ')}`);
  }
  const compared = inOneStep.find((f) => f.sequentialRatio !== null)!;
  console.log(
    `${oneAfterAnother.pipelines} one-pipeline steps one after another, ${duration(oneAfterAnother.intervalMs)}: ${oneAfterAnother.totalMs} ms in all, peak RSS ${mib(oneAfterAnother.maxRssMedianKb)} (median); in one step ${compared.wallMedianMs} ms: ${compared.sequentialRatio!.toFixed(3)}x (${(1 / compared.sequentialRatio!).toFixed(1)} times faster)`,
  );
  console.log(
    '(wall: launch → exit; slowest: first request → the last switch to Running; margin: wall − slowest; poll wait: that switch → the read that saw it; exit after: that read → exit; reads/int.: the most status and list reads in one poll interval / the most allowed, one list or one per pipeline still waiting; over: intervals over the allowed / intervals, all runs)',
  );
}

export function severalChecks({ inOneStep, oneAfterAnother }: Figures): Check[] {
  return inOneStep.flatMap((f) => [
    {
      target: `${f.label}: every pipeline reaches Running`,
      met: f.runsWithFailures === 0,
      figure: `${f.runsWithFailures} of ${f.runs} runs with a pipeline that did not${f.failed.length ? `: ${f.failed.join(', ')}` : ''}`,
    },
    {
      target: `${f.label}: the step's wall time within one poll interval + ${SEVERAL.marginMs} ms of the slowest start`,
      met: f.runsOverMargin === 0,
      figure: `${f.runsOverMargin} of ${f.runs} runs over; at most ${f.marginMaxMs} ms over the slowest start, ${f.allowedMarginMs} allowed`,
    },
    {
      target: `${f.label}: status reads per poll interval no more than the pipelines still waiting${f.pipelines > 10 ? ', or one list for all' : ''}`,
      met:
        f.intervalsOver === 0 &&
        (f.pipelines > 10 ? f.statusReadsMax <= f.pipelines && f.listsPerIntervalMax <= 1 : f.listReadsMax === 0),
      figure: `${f.intervalsOver} of ${f.intervals} intervals over; ${f.statusReadsMedian} status reads and ${f.listReadsMedian} lists a run`,
    },
    ...(f.pipelines === SEVERAL.many
      ? [
          {
            target: `${f.label}: peak memory at most 1.5x a one-pipeline run`,
            met: f.maxRssRatio <= 1.5,
            figure: `${f.maxRssRatio.toFixed(2)}x (${mib(f.maxRssMedianKb)} vs ${mib(oneAfterAnother.maxRssMedianKb)})`,
          },
        ]
      : []),
  ]);
}
