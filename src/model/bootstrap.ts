import type { CommitProgressSummary, ControllerStatus } from '../feldera/stats.ts';

/**
 * `Bootstrapping: 12 of 40 operators, 1.2M of 3.4M records`, or undefined while Feldera reports no
 * commit in progress (a bootstrap replays its inputs before it commits). Operators are counted as
 * the web console does: completed of completed + in progress + remaining; records are those of the
 * operators being flushed.
 */
export function bootstrapProgress(status: ControllerStatus): string | undefined {
  const global = status.global_metrics;
  const [label, progress] =
    global.concurrent_bootstrap_phase === 'ConcurrentBootstrapping'
      ? ['Bootstrapping concurrently', global.concurrent_bootstrap_progress]
      : global.concurrent_bootstrap_phase === 'Synchronizing'
        ? ['Synchronizing', global.concurrent_bootstrap_progress]
        : ['Bootstrapping', global.commit_progress];
  return progress ? describeProgress(label, progress) : undefined;
}

function describeProgress(label: string, progress: CommitProgressSummary): string | undefined {
  const operators = progress.completed + progress.in_progress + progress.remaining;
  if (operators === 0) return undefined;
  const records =
    progress.in_progress_total_records > 0
      ? `, ${formatCount(progress.in_progress_processed_records)} of ${formatCount(progress.in_progress_total_records)} records`
      : '';
  return `${label}: ${formatCount(progress.completed)} of ${formatCount(operators)} operators${records}`;
}

const SUFFIXES = ['k', 'M', 'B', 'T'];

/** `1234567` → `1.2M`: a count short enough for a progress line; one decimal below 100 of a unit. */
export function formatCount(count: number): string {
  const rounded = (value: number) => (value < 100 ? Math.round(value * 10) / 10 : Math.round(value));
  let value = Math.max(0, count);
  let unit = -1;
  // Rounding decides the unit: 999,960 is `1M`, not `1000k`.
  while (unit < SUFFIXES.length - 1 && rounded(value) >= 1000) {
    value /= 1000;
    unit++;
  }
  return unit < 0 ? String(Math.round(value)) : `${rounded(value)}${SUFFIXES[unit]}`;
}
