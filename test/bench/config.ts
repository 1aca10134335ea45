// What the bench runs, full or `--quick`: the rounds, sizes and waits of each part. The full run is
// for releases; a quick run has the same tables and targets on fewer samples, so its figures are noisy.
import { join } from 'node:path';

export const QUICK = process.argv.includes('--quick');
const pick = <T>(full: T, quick: T): T => (QUICK ? quick : full);

export const STARTUP = { runs: pick(20, 3), fullRuns: 20, warmup: pick(2, 1) };
export const DETECTION = { runs: pick(30, 3), fullRuns: 30, intervalsMs: [250, 1000, 2000], referenceIntervalMs: 500 };
export const HEALTH = { runs: pick(3, 1), fullRuns: 3, windowMs: pick(5000, 1000), intervalsMs: [1000, 250] };
export const SEVERAL = {
  runs: pick(3, 1),
  fullRuns: 3,
  intervalsMs: [1000, 250],
  /** The pipelines' Provisioning lasts spreadMs / count, twice that, …, spreadMs. */
  spreadMs: pick(4000, 1000),
  many: 20,
  few: 5,
  /** The one-pipeline steps run one after another for the comparison: as many as `many`, or `few` in a quick run. */
  sequential: pick(20, 5),
  /** The margin on the slowest start: one poll interval plus this. */
  marginMs: 300,
};
/** A quick run runs the cases side by side, and beside part 7: each waits on a clock of the step's own, not on the CPU. */
export const ON_TIME = { runs: pick(3, 1), fullRuns: 3, concurrent: QUICK };
export const LARGE = {
  runs: pick(3, 1),
  fullRuns: 3,
  /** The status bodies, bytes; the first is the floor the others are compared with. */
  bytes: pick([1e3, 20e6, 200e6, 2e9], [1e3, 20e6]),
  endlessTimeoutMs: pick(10_000, 1000),
  maxRssMb: 300,
  /** The parser alone: repeats of a two-line backtrace frame (some 200 MB, or 20 MB), and small objects. */
  parserFrames: pick(870_000, 87_000),
  parserObjects: pick(400_000, 40_000),
};

/** Feldera's own times in a release (ms, before a random share of the poll interval is added), and the margin. */
export const RELEASE = {
  runs: pick(3, 1),
  fullRuns: 3,
  intervalsMs: [1000, 250],
  stopMs: 1000,
  compile: [
    { status: 'Pending', ms: 200 },
    { status: 'CompilingSql', ms: 600 },
    { status: 'SqlCompiled', ms: 100 },
    { status: 'CompilingRust', ms: 1500 },
  ],
  start: [
    { status: 'Provisioning', ms: 600 },
    { status: 'Initializing', ms: 400 },
  ],
  marginMs: 300,
};

/** Beside a figure of a quick run: how much noisier it is. */
export function noise(runs: number, fullRuns: number, what = 'runs each'): string {
  return QUICK ? ` [quick: ${runs} ${what}, not ${fullRuns}: fewer samples, noisy]` : '';
}

/** Node's timers may fire up to a millisecond early against performance.now(). */
export const TIMER_SLACK_MS = 2;
export const ROOT = join(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'dist', 'index.js');
export const RESULTS = join(ROOT, 'bench-results.json');
export const PIPELINE = 'p';
