// The summary's timeline: Feldera's events where they were read, the step's status reads where they
// were not, so that a status shorter than the poll-interval, which no read saw, still shows.
import type { PipelineEvent } from '../feldera/types.ts';
import { phaseOf, type TimelineEntry } from './progress.ts';

/** How far apart the runner's clock and Feldera's may be: events are read from the step's start less this. */
export const CLOCK_SKEW_MS = 30_000;

/** A phase as Feldera's events have it: from the first event that shows it to the first that does not. */
interface EventPhase {
  status: string;
  of: TimelineEntry['of'];
  /** When it began, on Feldera's clock (ms since the epoch). */
  recordedAt: number;
  /** How long it lasted, on Feldera's clock; undefined for the last. */
  forMs: number | undefined;
  /** When Feldera recorded a deployment error during it (`deployment_has_error` turning true), on its clock. */
  errorAt: number | undefined;
}

/** A row of the summary's timeline: a status, when it began and how long it lasted, each by one clock. */
export interface TimelineRow {
  status: string;
  of: TimelineEntry['of'];
  /** The last bootstrap progress the step read of this status, shown in its place. */
  progress: string | undefined;
  /** By Feldera's clock (ms since the epoch), or by the step's reads (ms since the step's start). */
  began: { clock: 'feldera'; atMs: number } | { clock: 'step'; sinceStartMs: number };
  /** How long it lasted, by the same clock; `until-end` for the last row, undefined when the step cannot tell. */
  lasted: number | 'until-end' | undefined;
  /** Feldera recorded it and no status read of the step showed it (shorter than the poll-interval, say). */
  onlyInEvents: boolean;
  /** When Feldera recorded a deployment error during it, on its clock. */
  errorAt: number | undefined;
}

type Phase = Pick<TimelineEntry, 'status' | 'of'>;

const key = (phase: Phase) => `${phase.of} ${phase.status}`;

/**
 * The events (newest first, as Feldera lists them) as phases, oldest first: one for each run of
 * events that show the same phase (an event is recorded on any change, of a desired status too).
 */
export function eventPhases(events: readonly PipelineEvent[]): EventPhase[] {
  const phases: EventPhase[] = [];
  let hadError: boolean | undefined;
  for (const event of [...events].reverse()) {
    const phase = phaseOf(event);
    // Only an error that comes in the list: one there from its first event is from before it.
    const errorAt = hadError === false && event.deployment_has_error ? event.recordedAt : undefined;
    hadError = event.deployment_has_error;
    const last = phases.at(-1);
    if (last && key(last) === key(phase)) {
      last.errorAt ??= errorAt;
      continue;
    }
    if (last) last.forMs = event.recordedAt - last.recordedAt;
    phases.push({ ...phase, recordedAt: event.recordedAt, forMs: undefined, errorAt });
  }
  return phases;
}

/**
 * The rows of the summary's timeline. Without events (none read, or none in the window), the step's
 * reads. With them, Feldera's phases from the one it shows at the step's start (the last that began
 * at or before it, the runner's clock read as Feldera's; the first when none did): what came before
 * is another run's. When that phase is not the status the step found (Feldera recorded that before
 * the window, as it records an unchanged status again only every 10 minutes, or the clocks differ),
 * the step's first status comes first, from its reads.
 */
export function timelineRows(
  timeline: readonly TimelineEntry[],
  events: readonly PipelineEvent[] | undefined,
  startedAtEpochMs: number,
): TimelineRow[] {
  const phases = eventPhases(events ?? []);
  if (phases.length === 0) return timeline.map((entry, k) => stepRow(entry, k === timeline.length - 1));
  const atStart = Math.max(
    0,
    phases.findLastIndex((phase) => phase.recordedAt <= startedAtEpochMs),
  );
  const shown = phases.slice(atStart);
  const found = timeline[0];
  const seen = new Set(timeline.map(key));
  const progress = new Map(timeline.flatMap((entry) => (entry.progress ? [[key(entry), entry.progress]] : [])));
  const lastOf = new Map(shown.map((phase, k) => [key(phase), k]));
  const rows = shown.map((phase, k): TimelineRow => ({
    status: phase.status,
    of: phase.of,
    // The step's last progress of a status, in Feldera's last phase of it: a bootstrap rarely comes twice.
    progress: lastOf.get(key(phase)) === k ? progress.get(key(phase)) : undefined,
    began: { clock: 'feldera', atMs: phase.recordedAt },
    lasted: phase.forMs ?? 'until-end',
    onlyInEvents: !seen.has(key(phase)),
    errorAt: phase.errorAt,
  }));
  const first = shown[0];
  if (found && first && key(first) !== key(found)) rows.unshift(stepRow(found, false));
  return rows;
}

/** A status as the step's reads saw it: from the read that showed it to the read that showed the next. */
function stepRow(entry: TimelineEntry, last: boolean): TimelineRow {
  const lasted = entry.endedMs === undefined ? undefined : entry.endedMs - entry.beganMs;
  return {
    status: entry.status,
    of: entry.of,
    progress: entry.progress,
    began: { clock: 'step', sinceStartMs: entry.beganMs },
    lasted: last ? 'until-end' : lasted,
    onlyInEvents: false,
    errorAt: undefined,
  };
}
