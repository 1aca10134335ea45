// Part 5, several pipelines in one step (issue 13): twenty pipelines whose Provisioning lasts 0.2 to
// 4 s (200 ms apart), at poll-interval 1s and 250ms, which read their statuses in one list per
// interval; five of them, which read each; then the twenty as twenty one-pipeline steps one after
// another. The step's wall time against the slowest pipeline's start, the status requests in each
// poll interval against the pipelines still waiting, and the process's peak memory (a launcher runs
// the bundle and records process.resourceUsage().maxRSS at its exit).
import type { PipelineScript } from '../fake-feldera.ts';
import { runAction, withFake } from './child.ts';
import { noise, PIPELINE, SEVERAL, TIMER_SLACK_MS } from './config.ts';
import { severalFigures, severalTable, severalChecks, type SeveralSample } from './several-report.ts';
import { duration, shuffle, type Part } from './stats.ts';

const names = (count: number) => Array.from({ length: count }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
/** `count` pipelines, Provisioning spreadMs / count apart up to spreadMs, then Initializing: each its own start time, in random order. */
const spread = (count: number): PipelineScript[] => {
  const provisioning = shuffle(
    Array.from({ length: count }, (_, k) => Math.round(((k + 1) * SEVERAL.spreadMs) / count)),
  );
  return names(count).map((name, i) => ({
    name,
    phases: [
      { status: 'Provisioning', ms: provisioning[i]! },
      { status: 'Initializing', ms: 100 },
    ],
  }));
};

async function severalSample(scripts: PipelineScript[], intervalMs: number): Promise<SeveralSample> {
  return withFake(scripts, async (fake) => {
    const pipelines = scripts.map((script) => script.name);
    const run = await runAction(fake, duration(intervalMs), '0s', { names: pipelines, measured: true, mayFail: true });
    const firstRequestAt = fake.requests[0]!.at;
    const startAt = fake.calls('start')[0]!.at;
    const list = fake.calls('list').map((request) => request.at);
    // The polls' reads; a failed pipeline's diagnosis reads `selector=all`.
    const status = fake.calls('status').filter((request) => request.query.selector === 'status');
    /** When the read that saw the pipeline Running arrived: the fake answers as it is on arrival. */
    const seenAt = (name: string) => {
      const runningAt = fake.timeline.find((entry) => entry.pipeline === name && entry.status === 'Running')?.at;
      if (runningAt === undefined) throw new Error(`several: ${name} never became Running`);
      const reads = [
        ...list,
        ...status.filter((request) => request.path.endsWith(`/${name}`)).map((request) => request.at),
      ];
      const seenAt = Math.min(...reads.filter((at) => at >= runningAt));
      if (seenAt === Infinity) throw new Error(`several: no read saw ${name} Running`);
      return { runningAt, seenAt };
    };
    const failed = new Set(run.failed!.map((entry) => entry.split(' ')[0]!));
    // A pipeline that failed (at its first read, so far) waits no more; the others are timed.
    const seen = pipelines.filter((name) => !failed.has(name)).map(seenAt);
    const slowest = seen.reduce((last, entry) => (entry.runningAt > last.runningAt ? entry : last));
    // Intervals from the first start request, which comes before every poll begins; a read that
    // comes a timer's slack early counts in its own interval.
    const interval = (at: number) => Math.floor((at - startAt + TIMER_SLACK_MS) / intervalMs);
    const readsAt = [...list, ...status.map((request) => request.at)];
    const intervals = interval(Math.max(...readsAt)) + 1;
    const reads = Array.from({ length: intervals }, () => 0);
    for (const at of readsAt) reads[interval(at)]!++;
    // One read for each pipeline still waiting (that has not yet had the read that saw it Running). With a
    // list, each pipeline's first read after its start is its own (a shared list may be older than the start),
    // and every later one comes from the one list of its interval.
    const allowed = reads.map((_, k) => seen.filter((entry) => interval(entry.seenAt) >= k).length);
    const listsPerInterval = Array.from({ length: intervals }, () => 0);
    for (const at of list) listsPerInterval[interval(at)]!++;
    return {
      pipelines: pipelines.length,
      intervalMs,
      wallMs: run.exitedAt - run.spawnedAt,
      slowestMs: slowest.runningAt - firstRequestAt,
      pollWaitMs: slowest.seenAt - slowest.runningAt,
      exitAfterReadMs: run.exitedAt - slowest.seenAt,
      statusReads: status.length,
      listReads: list.length,
      listsPerIntervalMax: Math.max(0, ...listsPerInterval),
      intervals,
      intervalsOver: reads.filter((count, k) => count > allowed[k]!).length,
      maxReadsPerInterval: Math.max(...reads),
      maxAllowedPerInterval: Math.max(...allowed),
      maxRssKb: run.maxRssKb!,
      failed: run.failed!,
    };
  });
}

export async function severalPart() {
  const several = SEVERAL.intervalsMs.flatMap((intervalMs) =>
    [SEVERAL.many, SEVERAL.few].map((pipelines) => ({
      label: `${pipelines} pipelines, ${duration(intervalMs)}`,
      pipelines,
      intervalMs,
      samples: [] as SeveralSample[],
    })),
  );
  process.stdout.write(
    `several pipelines: ${SEVERAL.runs} rounds of ${several.map((entry) => entry.label).join('; ')} `,
  );
  for (let round = 0; round < SEVERAL.runs; round++) {
    for (const entry of several) entry.samples.push(await severalSample(spread(entry.pipelines), entry.intervalMs));
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  // The same start times as one-pipeline steps, one after another, as a release without this feature
  // runs them: the one-pipeline figures of the comparison (wall time and peak memory).
  const sequentialIntervalMs = SEVERAL.intervalsMs[0]!;
  process.stdout.write(
    `the same ${SEVERAL.sequential} pipelines one after another, poll-interval ${duration(sequentialIntervalMs)} `,
  );
  const sequential: { provisioningMs: number; wallMs: number; maxRssKb: number }[] = [];
  for (const script of spread(SEVERAL.sequential)) {
    const single = { ...script, name: PIPELINE };
    const run = await withFake(single, (fake) =>
      runAction(fake, duration(sequentialIntervalMs), '0s', { measured: true }),
    );
    sequential.push({
      provisioningMs: script.phases![0]!.ms ?? 0,
      wallMs: run.exitedAt - run.spawnedAt,
      maxRssKb: run.maxRssKb!,
    });
    process.stdout.write('.');
  }
  process.stdout.write('\n\n');

  const figures = severalFigures(several, sequential, sequentialIntervalMs);
  const quickNoise =
    noise(SEVERAL.runs, SEVERAL.fullRuns) +
    (SEVERAL.sequential === SEVERAL.many
      ? ''
      : ` [quick: ${SEVERAL.sequential}, not ${SEVERAL.many}, one-pipeline steps one after another; Provisioning up to ${duration(SEVERAL.spreadMs)}, not 4s]`);
  return {
    figures,
    print: () => severalTable(figures, quickNoise),
    checks: severalChecks(figures),
    noise: noise(SEVERAL.runs, SEVERAL.fullRuns),
  } satisfies Part<typeof figures>;
}
