// The bench's arithmetic and the forms its figures are printed in.
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest rank: the smallest value with at least 95 % of the runs at or under it. */
export function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)]!;
}

/** `runs` offsets in [0, 1): one at random in each slice of width 1/runs, shuffled. */
export function stratifiedOffsets(runs: number): number[] {
  return shuffle(Array.from({ length: runs }, (_, k) => (k + Math.random()) / runs));
}

export function shuffle<T>(values: T[]): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return values;
}

/** As the inputs take it: `250ms`, `1s`. */
export const duration = (ms: number) => (ms >= 1000 ? `${ms / 1000}s` : `${ms}ms`);
export const round1 = (value: number) => Math.round(value * 10) / 10;
export const round3 = (value: number) => Math.round(value * 1000) / 1000;
export const sizeLabel = (bytes: number) =>
  bytes >= 1e9 ? `${bytes / 1e9} GB` : bytes >= 1e6 ? `${bytes / 1e6} MB` : `${bytes / 1e3} kB`;
export const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;

/** One line of a table: the first cell to the left, the others to the right, `—` for none. */
export const row = (cells: (string | number | null)[], widths: number[]) =>
  cells
    .map((cell, i) => (i === 0 ? String(cell ?? '—').padEnd(widths[i]!) : String(cell ?? '—').padStart(widths[i]!)))
    .join('  ');

/** A pass/fail target, printed at the end. */
export interface Check {
  target: string;
  met: boolean;
  figure: string;
}

/** What each part hands the entry: its figures for bench-results.json, its table, its targets. */
export interface Part<F> {
  figures: F;
  print: () => void;
  checks: Check[];
  /** In a quick run, how its samples fall short of a full run's: printed beside each target's figure. */
  noise: string;
}
