// `npm run bench` (issue 6): what the action costs, against the fake Feldera, in one run so that the
// ratios hold on a noisy machine. Not part of `npm test`.
//
// 1. Start-up: `node dist/index.js` for a pipeline that is already Running, from the launch to the
//    fake's first request and to the exit; interleaved with the floor, a bare node process that sends
//    one start and one status read with the built-in fetch.
// 2. Detection latency: the fake switches the pipeline to Running at a random offset into the poll
//    period (stratified, see stratifiedOffsets); the latency is the moment this process
//    sees the child exit minus that switch, both on this process's performance.now() (the fake runs
//    here). poll-interval 250ms, 1s and 2s.
// 3. The reference: a fixed 0.5 s poller (the official Python client's cadence) in the same harness.
// 4. The health window (issue 10): `health-window: 5s` against a pipeline with three connectors, at
//    poll-interval 1s and 250ms: the status and `/stats` reads after the pipeline reached Running, and
//    the wall time the window adds to a run with `health-window: 0s`.
// 5. Several pipelines in one step (issue 13): twenty pipelines whose Provisioning lasts 0.2 to 4 s
//    (200 ms apart), at poll-interval 1s and 250ms, which read their statuses in one list per
//    interval; five of them, which read each; then the twenty as twenty one-pipeline steps one after
//    another. The step's wall time against the slowest pipeline's start, the status requests in each
//    poll interval against the pipelines still waiting, and the process's peak memory (a launcher
//    runs the bundle and records process.resourceUsage().maxRSS at its exit).
// 6. Ends on time (issue 18): the claims of time the tests leave to the bench, each against the bound
//    its test once asserted: from a cancel (SIGINT or SIGTERM, sent when the fake sees the phase) to
//    the exit, and the step's own elapsed-seconds when its budget or a bound of its own ends a wait
//    that would otherwise go on (a Retry-After of an hour, an outage, a token service that hangs, a log
//    that never ends, a wrong api-url).
// 7. Large answers (issue 18): a pipeline that fails with a RuntimeError.WorkerPanic whose status is
//    20 MB, 200 MB and 2 GB (half the message, half the backtrace, streamed by the fake), beside one of
//    1 kB, and a status body that never ends (request-timeout 10s): the step's wall time, the large
//    read's throughput (its bytes over the wall time it adds to the 1 kB run; the fake writing it
//    shares the machine) and the peak memory, which the issue bounds at 300 MB. Beside them, the
//    parser alone, in this process: 200 MB of two long strings, and 37 MB of 400,000 small objects.
//
// Children run one at a time (the machine has 2 cores). Prints a table and writes bench-results.json.
// `node test/bench.ts --quick` does a few runs of each, to try the harness.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOidc } from './fake-oidc.ts';
import { CLOSED_PORT } from './fixtures.ts';
import { BoundedJson } from '../src/feldera/bounded-json.ts';
import { FakeFeldera, LargeText, type PipelineScript } from './fake-feldera.ts';

const QUICK = process.argv.includes('--quick');
const STARTUP_RUNS = QUICK ? 3 : 20;
const STARTUP_WARMUP = QUICK ? 1 : 2;
const DETECTION_RUNS = QUICK ? 3 : 30;
const INTERVALS_MS = [250, 1000, 2000];
const REFERENCE_INTERVAL_MS = 500;
const HEALTH_RUNS = QUICK ? 1 : 3;
const HEALTH_WINDOW_MS = 5000;
const HEALTH_INTERVALS_MS = [1000, 250];
const SEVERAL_RUNS = QUICK ? 1 : 3;
const SEVERAL_INTERVALS_MS = [1000, 250];
/** The twenty pipelines' Provisioning lasts SPREAD_MS / 20, twice that, …, SPREAD_MS. */
const SPREAD_MS = QUICK ? 1000 : 4000;
const MANY = 20;
const FEW = 5;
/** The issue's margin on the slowest start: one poll interval plus this. */
const SEVERAL_MARGIN_MS = 300;
const ON_TIME_RUNS = QUICK ? 1 : 3;
/** The status bodies of part 7, bytes; the first is the floor the others are compared with. */
const LARGE_BYTES = QUICK ? [1e3, 20e6, 200e6] : [1e3, 20e6, 200e6, 2e9];
const LARGE_RUNS = QUICK ? 1 : 3;
const MAX_RSS_MB = 300;
const sizeLabel = (bytes: number) => (bytes >= 1e9 ? `${bytes / 1e9} GB` : bytes >= 1e6 ? `${bytes / 1e6} MB` : `${bytes / 1e3} kB`);
/** Node's timers may fire up to a millisecond early against performance.now(). */
const TIMER_SLACK_MS = 2;

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist', 'index.js');
const RESULTS = join(ROOT, 'bench-results.json');
const PIPELINE = 'p';

const work = mkdtempSync(join(tmpdir(), 'feldera-bench-'));
const outputFile = join(work, 'output');
const summaryFile = join(work, 'summary');

// The floor: the least the action must do, one start and one status read, with the built-in fetch.
const FLOOR = join(work, 'floor.mjs');
writeFileSync(
  FLOOR,
  `const [base, name] = process.argv.slice(2);
const start = await fetch(\`\${base}/v0/pipelines/\${name}/start?initial=running&bootstrap_policy=await_approval&dismiss_error=false\`, { method: 'POST' });
await start.text();
const status = await (await fetch(\`\${base}/v0/pipelines/\${name}?selector=status\`)).json();
if (status.deployment_status !== 'Running') process.exitCode = 1;
`,
);

// The reference: start, then a status read every 0.5 s (a fixed sleep after each read, as the Python
// client's time.sleep does) until Running.
const POLLER = join(work, 'poller.mjs');
writeFileSync(
  POLLER,
  `import { setTimeout as sleep } from 'node:timers/promises';
const [base, name, interval] = process.argv.slice(2);
const start = await fetch(\`\${base}/v0/pipelines/\${name}/start?initial=running&bootstrap_policy=await_approval&dismiss_error=false\`, { method: 'POST' });
if (!start.ok) throw new Error(\`start: \${start.status} \${await start.text()}\`);
await start.text();
for (;;) {
  const status = await (await fetch(\`\${base}/v0/pipelines/\${name}?selector=status\`)).json();
  if (status.deployment_status === 'Running') break;
  await sleep(Number(interval));
}
`,
);

// Runs the bundle in its own process, as `node dist/index.js` would, and writes the process's peak
// resident set (KB) to a file when it exits: the peak can only be read from inside the process.
const LAUNCHER = join(work, 'launcher.mjs');
writeFileSync(
  LAUNCHER,
  `import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [dist, rssFile] = process.argv.slice(2);
process.on('exit', () => writeFileSync(rssFile, String(process.resourceUsage().maxRSS)));
await import(pathToFileURL(dist).href);
`,
);
const rssFile = join(work, 'max-rss');

interface ChildRun {
  spawnedAt: number;
  exitedAt: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Through the launcher only: the peak resident set, KB. */
  maxRssKb?: number;
  /** The pipelines that did not reach Running, as `name ErrorCode`, when the step may fail. */
  failed?: string[];
}

interface StepOptions {
  /** The pipelines of the step, one a line. */
  names?: string[];
  /** Through the launcher, for the peak memory. */
  measured?: boolean;
  /** Report the pipelines that did not reach Running in `failed` instead of throwing. */
  mayFail?: boolean;
  /** More inputs, by name. */
  more?: Record<string, string>;
}

/** An output the last run wrote to GITHUB_OUTPUT. */
function output(name: string): string | undefined {
  return new RegExp(`^${name}<<(.+)\n(.*)\n\\1$`, 'm').exec(readFileSync(outputFile, 'utf8'))?.[2];
}

/** One child, with stdio piped as the runner does; `exitedAt` is when this process sees it exit. */
function runChild(args: string[], env: Record<string, string>, spawned: (child: ChildProcess) => void = () => undefined): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    spawned(child);
    let exitedAt = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => (exitedAt = performance.now()));
    child.on('close', (code) => resolve({ spawnedAt, exitedAt, code, stdout, stderr }));
  });
}

/** The bundle, as the runner runs it: INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. */
async function runAction(
  fake: FakeFeldera,
  pollInterval: string,
  healthWindow = '0s',
  { names = [PIPELINE], measured = false, mayFail = false, more = {} }: StepOptions = {},
): Promise<ChildRun> {
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(rssFile, '');
  const run = await runChild(measured ? [LAUNCHER, DIST, rssFile] : [DIST], {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    'INPUT_PIPELINE-NAME': names.join('\n'),
    'INPUT_API-URL': fake.url,
    'INPUT_POLL-INTERVAL': pollInterval,
    'INPUT_HEALTH-WINDOW': healthWindow,
    INPUT_TIMEOUT: '1m',
    ...Object.fromEntries(Object.entries(more).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  });
  const results = JSON.parse(output('results') ?? '{}') as Record<string, { status?: string; 'error-code'?: string }>;
  run.failed = names.filter((name) => results[name]?.status !== 'Running').map((name) => `${name} ${results[name]?.['error-code'] || results[name]?.status}`);
  if ((run.code !== 0 || run.failed.length) && !(mayFail && run.failed.length)) {
    throw new Error(`the action ended with code ${run.code}, ${run.failed.join(', ') || 'every pipeline Running'}:\n${run.stdout}${run.stderr}`);
  }
  if (measured) {
    run.maxRssKb = Number(readFileSync(rssFile, 'utf8'));
    if (!(run.maxRssKb > 0)) throw new Error('the launcher recorded no peak memory');
  }
  return run;
}

async function runScript(script: string, args: string[]): Promise<ChildRun> {
  const run = await runChild([script, ...args], {});
  if (run.code !== 0) throw new Error(`${script} ended with code ${run.code}:\n${run.stdout}${run.stderr}`);
  return run;
}

/** A fresh fake for each run, so that its request log and timeline are that run's alone. */
async function withFake<T>(scripts: PipelineScript | PipelineScript[], body: (fake: FakeFeldera) => Promise<T>): Promise<T> {
  const fake = await FakeFeldera.start({ pipelines: [scripts].flat() });
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest rank: the smallest value with at least 95 % of the runs at or under it. */
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)]!;
}

/** `runs` offsets in [0, 1): one at random in each slice of width 1/runs, shuffled. */
function stratifiedOffsets(runs: number): number[] {
  return shuffle(Array.from({ length: runs }, (_, k) => (k + Math.random()) / runs));
}

function shuffle<T>(values: T[]): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return values;
}

/** As the inputs take it: `250ms`, `1s`. */
const duration = (ms: number) => (ms >= 1000 ? `${ms / 1000}s` : `${ms}ms`);
const round1 = (value: number) => Math.round(value * 10) / 10;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

// ── 1. Start-up ──────────────────────────────────────────────────────────────────────────────────

interface StartupSample {
  firstRequestMs: number;
  exitMs: number;
  requests: number;
}

const running: PipelineScript = { name: PIPELINE, provisioned: { initial: 'running', status: 'Running' } };

async function startupSample(kind: 'action' | 'floor'): Promise<StartupSample> {
  return withFake(running, async (fake) => {
    const run = kind === 'action' ? await runAction(fake, '1s') : await runScript(FLOOR, [fake.url, PIPELINE]);
    return {
      firstRequestMs: fake.requests[0]!.at - run.spawnedAt,
      exitMs: run.exitedAt - run.spawnedAt,
      requests: fake.requests.length,
    };
  });
}

const benchStarted = performance.now();
const distAtStart = statSync(DIST);
console.log(
  `Feldera start-pipeline benchmark: node ${process.version}, ${cpus().length} cores, dist/index.js ${(statSync(DIST).size / 1e6).toFixed(2)} MB${QUICK ? ' (quick)' : ''}`,
);

const startup = { action: [] as StartupSample[], floor: [] as StartupSample[] };
try {
  process.stdout.write(`start-up: ${STARTUP_WARMUP} warm-up and ${STARTUP_RUNS} runs each, interleaved `);
  for (let i = 0; i < STARTUP_WARMUP; i++) {
    await startupSample('action');
    await startupSample('floor');
  }
  for (let i = 0; i < STARTUP_RUNS; i++) {
    // Alternate which goes first, so that neither always follows the other.
    const order: ('action' | 'floor')[] = i % 2 ? ['floor', 'action'] : ['action', 'floor'];
    for (const kind of order) startup[kind].push(await startupSample(kind));
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  // ── 2 and 3. Detection latency ─────────────────────────────────────────────────────────────────

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

  async function detectionSample(who: 'action' | 'reference', intervalMs: number, offset: number): Promise<DetectionSample> {
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
      const run = who === 'action' ? await runAction(fake, `${intervalMs}ms`) : await runScript(POLLER, [fake.url, PIPELINE, String(intervalMs)]);
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
        others: fake.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path.split('/').at(-1)}`),
        readsPerInterval: reads.length > 1 ? ((reads.length - 1) * intervalMs) / span : null,
        allowedReads,
        overCadence: reads.length > allowedReads,
      };
    });
  }

  const series = [
    ...INTERVALS_MS.map((intervalMs) => ({ label: `action ${duration(intervalMs)}`, who: 'action' as const, intervalMs })),
    { label: `reference ${REFERENCE_INTERVAL_MS}ms`, who: 'reference' as const, intervalMs: REFERENCE_INTERVAL_MS },
  ];
  const detection = new Map<string, DetectionSample[]>(series.map((entry) => [entry.label, []]));
  // Random offsets, one in each of DETECTION_RUNS equal slices of the poll period, in random order:
  // the switch falls all over the cadence, and the median does not swing with the luck of the draw
  // as with plain uniform draws. For the median of n runs, one standard deviation is about
  // interval / (5 n) this way (13 ms for 2s and 30 runs), against interval / (2 √n) with uniform
  // draws (180 ms).
  const offsets = new Map(series.map((entry) => [entry.label, stratifiedOffsets(DETECTION_RUNS)]));
  process.stdout.write(`detection: ${DETECTION_RUNS} rounds of ${series.map((entry) => entry.label).join(', ')} `);
  // Rounds of one run of each series: a slow spell of the machine hits every series alike.
  for (let round = 0; round < DETECTION_RUNS; round++) {
    for (const entry of series) {
      detection.get(entry.label)!.push(await detectionSample(entry.who, entry.intervalMs, offsets.get(entry.label)![round]!));
    }
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  // ── 4. The health window ───────────────────────────────────────────────────────────────────────

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
     * given at allowedReads above.
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
      { name: 'refunds.http_in', direction: 'input', stream: 'refunds', states: [{ at: 0, health: healthy, records: 10 }] },
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
      if (!status.length || !stats.length) throw new Error(`health window ${windowMs} ms: no status or /stats read after Running`);
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

  const health = HEALTH_INTERVALS_MS.map((intervalMs) => ({
    label: `poll-interval ${duration(intervalMs)}`,
    intervalMs,
    window: [] as HealthSample[],
    none: [] as HealthSample[],
  }));
  process.stdout.write(`health window: ${HEALTH_RUNS} rounds of health-window ${duration(HEALTH_WINDOW_MS)} and 0s at ${health.map((entry) => entry.label).join(', ')} `);
  for (let round = 0; round < HEALTH_RUNS; round++) {
    for (const entry of health) {
      // Alternate which goes first, as for the start-up.
      for (const windowMs of round % 2 ? [0, HEALTH_WINDOW_MS] : [HEALTH_WINDOW_MS, 0]) {
        (windowMs ? entry.window : entry.none).push(await healthSample(entry.intervalMs, windowMs));
      }
    }
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  // ── 5. Several pipelines in one step ───────────────────────────────────────────────────────────

  interface SeveralSample {
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

  const names = (count: number) => Array.from({ length: count }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
  /** `count` pipelines, Provisioning SPREAD_MS / count apart up to SPREAD_MS, then Initializing: each its own start time, in random order. */
  const spread = (count: number): PipelineScript[] => {
    const provisioning = shuffle(Array.from({ length: count }, (_, k) => Math.round(((k + 1) * SPREAD_MS) / count)));
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
        const reads = [...list, ...status.filter((request) => request.path.endsWith(`/${name}`)).map((request) => request.at)];
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

  const several = SEVERAL_INTERVALS_MS.flatMap((intervalMs) =>
    [MANY, FEW].map((pipelines) => ({ label: `${pipelines} pipelines, ${duration(intervalMs)}`, pipelines, intervalMs, samples: [] as SeveralSample[] })),
  );
  process.stdout.write(`several pipelines: ${SEVERAL_RUNS} rounds of ${several.map((entry) => entry.label).join('; ')} `);
  for (let round = 0; round < SEVERAL_RUNS; round++) {
    for (const entry of several) entry.samples.push(await severalSample(spread(entry.pipelines), entry.intervalMs));
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  // The same twenty start times as twenty one-pipeline steps, one after another, as a release without
  // this feature runs them: the one-pipeline figures of the comparison (wall time and peak memory).
  const sequentialIntervalMs = SEVERAL_INTERVALS_MS[0]!;
  process.stdout.write(`the same ${MANY} pipelines one after another, poll-interval ${duration(sequentialIntervalMs)} `);
  const sequential: { provisioningMs: number; wallMs: number; maxRssKb: number }[] = [];
  for (const script of spread(MANY)) {
    const single = { ...script, name: PIPELINE };
    const run = await withFake(single, (fake) => runAction(fake, duration(sequentialIntervalMs), '0s', { measured: true }));
    sequential.push({ provisioningMs: script.phases![0]!.ms ?? 0, wallMs: run.exitedAt - run.spawnedAt, maxRssKb: run.maxRssKb! });
    process.stdout.write('.');
  }
  process.stdout.write('\n\n');

  // ── 6. Ends on time ────────────────────────────────────────────────────────────────────────────

  interface OnTimeCase {
    label: string;
    scripts: PipelineScript[];
    inputs: Record<string, string>;
    /** Set on the fake before the run. */
    faults?: (fake: FakeFeldera) => void;
    /** With a token service (FakeOidc) that never answers. */
    hangingOidc?: boolean;
    /** Sent once `when` resolves; the figure is then from the signal to the exit, else the step's elapsed-seconds. */
    signal?: { name: NodeJS.Signals; when: (fake: FakeFeldera) => Promise<void> };
    /** The error-code the step must end with, or the figure means nothing. */
    code: string;
    /** The bound its test asserted, and where. */
    boundMs: number;
    test: string;
  }

  const stuck = (name: string): PipelineScript => ({ name, phases: [{ status: 'Provisioning', until: 'never' }] });
  const statusReads = (count: number) => (fake: FakeFeldera) => fake.arrival('status', count);
  const onTimeCases: OnTimeCase[] = [
    {
      label: 'SIGINT, three pipelines waiting',
      scripts: ['a', 'b', 'c'].map(stuck),
      inputs: { 'pipeline-name': 'a b c' },
      signal: { name: 'SIGINT', when: statusReads(6) },
      code: 'Cancelled',
      boundMs: 2000,
      test: 'several.test.ts',
    },
    {
      label: 'SIGTERM with stop-on-failure',
      scripts: [stuck(PIPELINE)],
      inputs: { 'stop-on-failure': 'true' },
      signal: { name: 'SIGTERM', when: statusReads(2) },
      code: 'Cancelled',
      boundMs: 5000,
      test: 'stop.test.ts',
    },
    {
      label: 'SIGINT during a stop that hangs',
      scripts: [stuck(PIPELINE)],
      inputs: { timeout: '1s', 'stop-on-failure': 'true', logs: 'never' },
      faults: (fake) => fake.fault('stop', { kind: 'hang' }),
      signal: { name: 'SIGINT', when: (fake) => fake.arrival('stop') },
      code: 'Timeout',
      boundMs: 5000,
      test: 'stop.test.ts',
    },
    {
      label: 'SIGINT during a /start that hangs',
      scripts: [stuck(PIPELINE)],
      inputs: { 'request-timeout': '5m' },
      faults: (fake) => fake.fault('start', { kind: 'hang' }),
      signal: { name: 'SIGINT', when: (fake) => fake.arrival('start') },
      code: 'Cancelled',
      boundMs: 7500,
      test: 'faults.test.ts',
    },
    {
      label: 'Retry-After 3600 on /start, timeout 2s',
      scripts: [stuck(PIPELINE)],
      inputs: { timeout: '2s' },
      faults: (fake) =>
        fake.fault('start', {
          kind: 'status',
          status: 503,
          body: JSON.stringify({ message: 'Took too long to acquire the lock', error_code: 'LockTookTooLong', details: null }),
          headers: { 'content-type': 'application/json', 'retry-after': '3600' },
        }),
      code: 'Timeout',
      boundMs: 10_000,
      test: 'faults.test.ts',
    },
    {
      label: 'an outage of 502s, timeout 3s',
      scripts: [stuck(PIPELINE)],
      inputs: { timeout: '3s' },
      faults: (fake) => fake.fault('status', { kind: 'status', status: 502, body: '<html>Bad Gateway</html>' }, 1000),
      code: 'Timeout',
      boundMs: 10_000,
      test: 'faults.test.ts',
    },
    {
      label: 'a token service that hangs, timeout 2s',
      scripts: [stuck(PIPELINE)],
      inputs: { timeout: '2s', 'oidc-audience': 'feldera' },
      hangingOidc: true,
      code: 'Timeout',
      boundMs: 10_000,
      test: 'oidc.test.ts',
    },
    {
      label: 'a log that never ends, after a failure',
      scripts: [
        {
          name: PIPELINE,
          phases: [
            { status: 'Provisioning', ms: 40 },
            { status: 'Initializing', ms: 40 },
          ],
          failWith: { error_code: 'RunnerCheckError', message: 'The pipeline process exited with code 137', details: null },
          logLines: ['INFO starting', 'ERROR out of memory'],
          logEveryMs: 50,
        },
      ],
      inputs: {},
      code: 'RunnerCheckError',
      boundMs: 10_000,
      test: 'report.test.ts',
    },
    {
      label: 'a wrong api-url, timeout 10m',
      scripts: [stuck(PIPELINE)],
      inputs: { 'api-url': `http://127.0.0.1:${CLOSED_PORT}`, timeout: '10m' },
      code: 'Unreachable',
      boundMs: 60_000,
      test: 'faults.test.ts',
    },
  ];

  async function onTimeSample(entry: OnTimeCase): Promise<number> {
    const oidc = entry.hangingOidc ? await FakeOidc.start() : undefined;
    if (oidc) oidc.hang = true;
    try {
      return await withFake(entry.scripts, async (fake) => {
        entry.faults?.(fake);
        writeFileSync(outputFile, '');
        writeFileSync(summaryFile, '');
        const inputs = { 'pipeline-name': PIPELINE, 'api-url': fake.url, 'poll-interval': '100ms', ...entry.inputs };
        const env = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
        let signalledAt = 0;
        const run = await runChild([DIST], { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...env, ...oidc?.env() }, (child) => {
          const signal = entry.signal;
          if (signal)
            void signal.when(fake).then(() => {
              signalledAt = performance.now();
              child.kill(signal.name);
            });
        });
        if (output('error-code') !== entry.code)
          throw new Error(`${entry.label}: the step ended with ${output('error-code') || 'no error code'}, not ${entry.code}:\n${run.stdout}${run.stderr}`);
        if (entry.signal) {
          if (!signalledAt) throw new Error(`${entry.label}: the step ended before its signal`);
          return run.exitedAt - signalledAt;
        }
        return Number(output('elapsed-seconds')) * 1000;
      });
    } finally {
      await oidc?.close();
    }
  }

  const onTime = onTimeCases.map((entry) => ({ entry, samples: [] as number[] }));
  process.stdout.write(`ends on time: ${ON_TIME_RUNS} rounds of ${onTimeCases.length} cases `);
  for (let round = 0; round < ON_TIME_RUNS; round++) {
    for (const { entry, samples } of onTime) samples.push(await onTimeSample(entry));
    process.stdout.write('.');
  }
  process.stdout.write('\n');

  // ── 6. Large answers ───────────────────────────────────────────────────────────────────────────

  interface LargeSample {
    wallMs: number;
    maxRssKb: number;
    outcome: string;
  }
  const panicking = (bytes: number): PipelineScript => ({
    name: PIPELINE,
    phases: [{ status: 'Provisioning', ms: 20 }],
    failWith: {
      error_code: 'RuntimeError.WorkerPanic',
      message: new LargeText('DBSP error: One or more worker threads terminated unexpectedly\n', bytes / 2),
      details: { error: { WorkerPanic: { panic_info: [[0, 'Foreground', { message: 'index out of bounds', location: null, backtrace: new LargeText('', bytes / 2) }]] } } },
    },
  });
  const largeSample = (script: PipelineScript, more: Record<string, string>, endless = false) =>
    withFake(script, async (fake): Promise<LargeSample> => {
      if (endless) fake.fault('status', { kind: 'endless' });
      const run = await runAction(fake, '100ms', '0s', { measured: true, mayFail: true, more: { logs: 'never', ...more } });
      return { wallMs: run.exitedAt - run.spawnedAt, maxRssKb: run.maxRssKb!, outcome: run.failed![0] ?? 'p Running' };
    });
  process.stdout.write(`large answers: ${LARGE_RUNS} rounds of ${LARGE_BYTES.map(sizeLabel).join(', ')}; a body that never ends `);
  const large = LARGE_BYTES.map((bytes) => ({ bytes, samples: [] as LargeSample[] }));
  for (let round = 0; round < LARGE_RUNS; round++) {
    for (const entry of large) entry.samples.push(await largeSample(panicking(entry.bytes), {}));
    process.stdout.write('.');
  }
  const endlessSample = await largeSample({ name: PIPELINE, phases: [{ status: 'Provisioning', ms: 20 }] }, { 'request-timeout': '10s' }, true);
  /** MB/s of the parser alone on `body`, fed in 64 KiB chunks as undici gives them: the median of three. */
  const parserSpeed = (body: Buffer) =>
    round1(
      median(
        [0, 1, 2].map(() => {
          const started = performance.now();
          const parser = new BoundedJson();
          for (let at = 0; at < body.length; at += 1 << 16) parser.write(body.subarray(at, at + (1 << 16)));
          parser.end();
          return body.length / 1e6 / ((performance.now() - started) / 1000);
        }),
      ),
    );
  const frames = '  12: dbsp::circuit::runtime::Runtime::run::{{closure}}\\n             at crates/dbsp/src/circuit/runtime.rs:512:9\\n'.repeat(870_000);
  const parser = {
    longStringsMbPerSecond: parserSpeed(Buffer.from(`{"message": "${frames}", "details": {"backtrace": "${frames}"}}`)),
    smallValuesMbPerSecond: parserSpeed(
      Buffer.from(JSON.stringify(Array.from({ length: 400_000 }, (_, i) => ({ name: `p${i}`, deployment_status: 'Running', n: i, ok: true, e: null, x: [1.5, 'é'] })))),
    ),
  };
  process.stdout.write('.\n\n');

  // ── Report ─────────────────────────────────────────────────────────────────────────────────────

  const startupFigures = {
    runs: STARTUP_RUNS,
    action: {
      firstRequestMedianMs: round1(median(startup.action.map((s) => s.firstRequestMs))),
      exitMedianMs: round1(median(startup.action.map((s) => s.exitMs))),
      requests: median(startup.action.map((s) => s.requests)),
    },
    floor: {
      firstRequestMedianMs: round1(median(startup.floor.map((s) => s.firstRequestMs))),
      exitMedianMs: round1(median(startup.floor.map((s) => s.exitMs))),
      requests: median(startup.floor.map((s) => s.requests)),
    },
    firstRequestRatio: 0,
    exitRatio: 0,
    samples: startup,
  };
  startupFigures.firstRequestRatio = round3(startupFigures.action.firstRequestMedianMs / startupFigures.floor.firstRequestMedianMs);
  startupFigures.exitRatio = round3(startupFigures.action.exitMedianMs / startupFigures.floor.exitMedianMs);

  const detectionFigures = series.map((entry) => {
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

  const healthFigures = health.map((entry) => {
    const afterTargetMedianMs = round1(median(entry.window.map((s) => s.afterTargetMs)));
    const afterTargetNoWindowMedianMs = round1(median(entry.none.map((s) => s.afterTargetMs)));
    return {
      label: entry.label,
      intervalMs: entry.intervalMs,
      windowMs: HEALTH_WINDOW_MS,
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

  const oneRssMedianKb = median(sequential.map((s) => s.maxRssKb));
  const sequentialFigures = {
    pipelines: sequential.length,
    intervalMs: sequentialIntervalMs,
    totalMs: round1(sequential.reduce((sum, s) => sum + s.wallMs, 0)),
    maxRssMedianKb: oneRssMedianKb,
    samples: sequential,
  };
  const severalFigures = several.map((entry) => {
    const samples = entry.samples;
    const allowedMarginMs = entry.intervalMs + SEVERAL_MARGIN_MS;
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
      sequentialRatio: entry.pipelines === sequentialFigures.pipelines && entry.intervalMs === sequentialIntervalMs ? round3(wallMedianMs / sequentialFigures.totalMs) : null,
      samples,
    };
  });

  const largeFloorMs = median(large[0]!.samples.map((sample) => sample.wallMs));
  const largeFigures = large.map(({ bytes, samples }) => {
    const wallMedianMs = round1(median(samples.map((sample) => sample.wallMs)));
    return {
      bytes,
      runs: samples.length,
      wallMedianMs,
      mbPerSecond: bytes > large[0]!.bytes ? round1(bytes / 1e6 / ((wallMedianMs - largeFloorMs) / 1000)) : null,
      maxRssMaxKb: Math.max(...samples.map((sample) => sample.maxRssKb)),
      outcomes: [...new Set(samples.map((sample) => sample.outcome))],
      samples,
    };
  });

  const row = (cells: (string | number | null)[], widths: number[]) =>
    cells.map((cell, i) => (i === 0 ? String(cell ?? '—').padEnd(widths[i]!) : String(cell ?? '—').padStart(widths[i]!))).join('  ');

  const startupWidths = [22, 16, 10, 9];
  console.log(`Start-up, pipeline already Running (medians of ${STARTUP_RUNS} interleaved runs, ms)`);
  console.log(row(['', 'first request', 'exit', 'requests'], startupWidths));
  console.log(row(['node dist/index.js', startupFigures.action.firstRequestMedianMs, startupFigures.action.exitMedianMs, startupFigures.action.requests], startupWidths));
  console.log(row(['floor (node + fetch)', startupFigures.floor.firstRequestMedianMs, startupFigures.floor.exitMedianMs, startupFigures.floor.requests], startupWidths));
  console.log(row(['ratio', `${startupFigures.firstRequestRatio.toFixed(2)}x`, `${startupFigures.exitRatio.toFixed(2)}x`, ''], startupWidths));

  const detectionWidths = [16, 7, 7, 7, 9, 9, 7, 7, 10, 9];
  console.log(`\nDetection latency: exit − switch to Running (${DETECTION_RUNS} runs each, ms; status reads and other requests per run, medians)`);
  console.log(row(['', 'median', 'p95', 'max', 'poll wait', 'exit after', 'status', 'other', 'reads/int.', 'targets'], detectionWidths));
  for (const figures of detectionFigures) {
    console.log(
      row(
        [
          figures.label,
          figures.latencyMedianMs,
          figures.latencyP95Ms,
          figures.latencyMaxMs,
          figures.pollWaitMedianMs,
          figures.exitAfterReadMedianMs,
          figures.statusRequestsMedian,
          figures.otherRequestsMedian,
          figures.readsPerIntervalMax === null ? null : `${figures.readsPerIntervalMedian!.toFixed(2)}/${figures.readsPerIntervalMax.toFixed(2)}`,
          figures.who === 'action' ? `${figures.targets.latencyMedianMs}/${figures.targets.latencyP95Ms}` : '',
        ],
        detectionWidths,
      ),
    );
  }
  console.log(
    '(poll wait: switch → the status read that saw Running; exit after: that read → exit; reads/int.: median/max of status-read gaps per poll interval; targets: median/p95)',
  );

  const healthWidths = [18, 7, 7, 8, 13, 8, 7];
  console.log(`\nHealth window ${duration(HEALTH_WINDOW_MS)}, three healthy connectors (${HEALTH_RUNS} runs each; reads after the switch to Running and ms, medians)`);
  console.log(row(['', 'status', '/stats', 'allowed', 'after target', 'with 0s', 'added'], healthWidths));
  for (const figures of healthFigures) {
    console.log(
      row(
        [
          figures.label,
          figures.statusReadsMedian,
          figures.statsReadsMedian,
          figures.allowedReadsMedian,
          figures.afterTargetMedianMs,
          figures.afterTargetNoWindowMedianMs,
          figures.addedMs,
        ],
        healthWidths,
      ),
    );
  }
  console.log(
    `(allowed: of each kind, the read that saw Running, then one per whole poll interval to the last; after target: that read → exit, with health-window ${duration(HEALTH_WINDOW_MS)} and with 0s; added: the difference)`,
  );

  const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;
  const severalWidths = [22, 7, 8, 7, 10, 11, 7, 6, 10, 6, 9];
  console.log(
    `\nSeveral pipelines in one step, Provisioning up to ${duration(SPREAD_MS)}, ${duration(SPREAD_MS / MANY)} apart for ${MANY}, ${duration(SPREAD_MS / FEW)} for ${FEW} (${SEVERAL_RUNS} runs each; ms and reads a run, medians)`,
  );
  console.log(row(['', 'wall', 'slowest', 'margin', 'poll wait', 'exit after', 'status', 'lists', 'reads/int.', 'over', 'peak RSS'], severalWidths));
  for (const figures of severalFigures) {
    console.log(
      row(
        [
          figures.label,
          figures.wallMedianMs,
          figures.slowestMedianMs,
          figures.marginMedianMs,
          figures.pollWaitMedianMs,
          figures.exitAfterReadMedianMs,
          figures.statusReadsMedian,
          figures.listReadsMedian,
          `${figures.maxReadsPerInterval}/${figures.maxAllowedPerInterval}`,
          `${figures.intervalsOver}/${figures.intervals}`,
          mib(figures.maxRssMedianKb),
        ],
        severalWidths,
      ),
    );
  }
  for (const figures of severalFigures.filter((figures) => figures.failed.length)) {
    console.log(`${figures.label}: did not reach Running in ${figures.runsWithFailures} of ${figures.runs} runs: ${figures.failed.join(', ')}`);
  }
  const inOneStep = severalFigures.find((figures) => figures.sequentialRatio !== null)!;
  console.log(
    `${sequentialFigures.pipelines} one-pipeline steps one after another, ${duration(sequentialFigures.intervalMs)}: ${sequentialFigures.totalMs} ms in all, peak RSS ${mib(sequentialFigures.maxRssMedianKb)} (median); in one step ${inOneStep.wallMedianMs} ms: ${inOneStep.sequentialRatio!.toFixed(3)}x (${(1 / inOneStep.sequentialRatio!).toFixed(1)} times faster)`,
  );
  console.log(
    '(wall: launch → exit; slowest: first request → the last switch to Running; margin: wall − slowest; poll wait: that switch → the read that saw it; exit after: that read → exit; reads/int.: the most status and list reads in one poll interval / the most allowed, one list or one per pipeline still waiting; over: intervals over the allowed / intervals, all runs)',
  );

  const onTimeFigures = onTime.map(({ entry, samples }) => ({
    label: entry.label,
    measured: entry.signal ? `${entry.signal.name} → exit` : 'elapsed-seconds',
    code: entry.code,
    boundMs: entry.boundMs,
    test: entry.test,
    runs: samples.length,
    medianMs: round1(median(samples)),
    maxMs: round1(Math.max(...samples)),
    samples,
  }));
  const onTimeWidths = [40, 16, 8, 8, 8];
  console.log(`\nEnds on time (${ON_TIME_RUNS} runs each, ms; bound: what the test named asserted before the claim moved here)`);
  console.log(row(['', 'measured', 'median', 'max', 'bound'], onTimeWidths));
  for (const figures of onTimeFigures) console.log(row([figures.label, figures.measured, figures.medianMs, figures.maxMs, figures.boundMs], onTimeWidths));
  const largeWidths = [24, 9, 9, 10, 28];
  console.log(`\nLarge answers: a WorkerPanic's status of each size (${LARGE_RUNS} runs each; wall time medians, the highest peak RSS)`);
  console.log(row(['', 'wall ms', 'MB/s', 'peak RSS', 'reported'], largeWidths));
  for (const figures of largeFigures) {
    console.log(row([sizeLabel(figures.bytes), figures.wallMedianMs, figures.mbPerSecond, mib(figures.maxRssMaxKb), figures.outcomes.join(', ')], largeWidths));
  }
  console.log(row(['never ends, 10s timeout', round1(endlessSample.wallMs), null, mib(endlessSample.maxRssKb), endlessSample.outcome], largeWidths));
  console.log('(MB/s: the body over the wall time it adds to the 1 kB run, the fake writing it on the same machine)');
  console.log(`The parser alone: ${parser.longStringsMbPerSecond} MB/s on two long strings, ${parser.smallValuesMbPerSecond} MB/s on small objects (medians of three)`);

  const checks = [
    {
      target: 'start-up to the first request at most 1.5x the floor',
      met: startupFigures.firstRequestRatio <= 1.5,
      figure: `${startupFigures.firstRequestRatio.toFixed(2)}x (${startupFigures.action.firstRequestMedianMs} vs ${startupFigures.floor.firstRequestMedianMs} ms)`,
    },
    {
      target: 'start-up to the exit at most 1.5x the floor',
      met: startupFigures.exitRatio <= 1.5,
      figure: `${startupFigures.exitRatio.toFixed(2)}x (${startupFigures.action.exitMedianMs} vs ${startupFigures.floor.exitMedianMs} ms)`,
    },
    ...detectionFigures
      .filter((figures) => figures.who === 'action')
      .flatMap((figures) => [
        {
          target: `${figures.label}: median at most ${figures.targets.latencyMedianMs} ms`,
          met: figures.latencyMedianMs <= figures.targets.latencyMedianMs,
          figure: `${figures.latencyMedianMs} ms`,
        },
        {
          target: `${figures.label}: p95 at most ${figures.targets.latencyP95Ms} ms`,
          met: figures.latencyP95Ms <= figures.targets.latencyP95Ms,
          figure: `${figures.latencyP95Ms} ms`,
        },
        {
          target: `${figures.label}: at most one status read per poll interval`,
          met: figures.runsOverCadence === 0,
          figure: `${figures.runsOverCadence} of ${figures.runs} runs over; other requests: ${figures.samples[0]!.others.join(', ')}`,
        },
      ]),
    ...healthFigures.map((figures) => ({
      target: `health-window ${duration(figures.windowMs)}, ${figures.label}: at most one status read and one /stats read per poll interval`,
      met: figures.runsOverCadence === 0,
      figure: `${figures.runsOverCadence} of ${figures.runs} runs over; ${figures.statusReadsMedian} status and ${figures.statsReadsMedian} /stats reads, ${figures.allowedReadsMedian} allowed`,
    })),
    ...severalFigures.flatMap((figures) => [
      {
        target: `${figures.label}: every pipeline reaches Running`,
        met: figures.runsWithFailures === 0,
        figure: `${figures.runsWithFailures} of ${figures.runs} runs with a pipeline that did not${figures.failed.length ? `: ${figures.failed.join(', ')}` : ''}`,
      },
      {
        target: `${figures.label}: the step's wall time within one poll interval + ${SEVERAL_MARGIN_MS} ms of the slowest start`,
        met: figures.runsOverMargin === 0,
        figure: `${figures.runsOverMargin} of ${figures.runs} runs over; at most ${figures.marginMaxMs} ms over the slowest start, ${figures.allowedMarginMs} allowed`,
      },
      {
        target: `${figures.label}: status reads per poll interval no more than the pipelines still waiting${figures.pipelines > 10 ? ', or one list for all' : ''}`,
        met: figures.intervalsOver === 0 && (figures.pipelines > 10 ? figures.statusReadsMax <= figures.pipelines && figures.listsPerIntervalMax <= 1 : figures.listReadsMax === 0),
        figure: `${figures.intervalsOver} of ${figures.intervals} intervals over; ${figures.statusReadsMedian} status reads and ${figures.listReadsMedian} lists a run`,
      },
      ...(figures.pipelines === MANY
        ? [
            {
              target: `${figures.label}: peak memory at most 1.5x a one-pipeline run`,
              met: figures.maxRssRatio <= 1.5,
              figure: `${figures.maxRssRatio.toFixed(2)}x (${mib(figures.maxRssMedianKb)} vs ${mib(oneRssMedianKb)})`,
            },
          ]
        : []),
    ]),
    ...onTimeFigures.map((figures) => ({
      target: `${figures.label}: ${figures.measured} at most ${figures.boundMs} ms (${figures.test})`,
      met: figures.maxMs <= figures.boundMs,
      figure: `at most ${figures.maxMs} ms, median ${figures.medianMs} ms, ${figures.code}`,
    })),
    ...largeFigures.map((figures) => ({
      target: `a status of ${sizeLabel(figures.bytes)}: reported as the WorkerPanic it is, peak memory under ${MAX_RSS_MB} MB`,
      met: figures.outcomes.every((outcome) => outcome.endsWith('RuntimeError.WorkerPanic')) && (figures.maxRssMaxKb * 1024) / 1e6 < MAX_RSS_MB,
      figure: `${figures.outcomes.join(', ')}; at most ${mib(figures.maxRssMaxKb)}`,
    })),
    {
      target: `a status body that never ends: cut by request-timeout, then Running; peak memory under ${MAX_RSS_MB} MB`,
      met: endlessSample.outcome === 'p Running' && (endlessSample.maxRssKb * 1024) / 1e6 < MAX_RSS_MB,
      figure: `${endlessSample.outcome}; ${mib(endlessSample.maxRssKb)}`,
    },
  ];
  console.log('\nTargets (issues 6, 10, 13 and 18)');
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
        startup: startupFigures,
        detection: detectionFigures,
        health: healthFigures,
        several: { spreadMs: SPREAD_MS, inOneStep: severalFigures, oneAfterAnother: sequentialFigures },
        onTime: onTimeFigures,
        largeAnswers: { sizes: largeFigures, endless: endlessSample, parser },
        targets: checks,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\n${round1(totalS)} s in all; figures in bench-results.json`);
  if (statSync(DIST).mtimeMs !== distAtStart.mtimeMs) {
    console.log('Warning: dist/index.js changed during the run (npm run build?): the figures mix two builds. Run it again.');
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
