// The step's timeline beside the manager's own events: what the step saw at each status read, and
// when each status began as Feldera recorded it, so that a status shorter than the poll-interval,
// which no read saw, still shows.
import type { PipelineEvent } from '../feldera/types.ts';
import { phaseOf, type TimelineEntry } from './progress.ts';

/**
 * How far apart the runner's clock and Feldera's may be. Events are read from the step's start less
 * this, and the phase the step found its pipeline in is looked for up to its start plus this.
 */
export const CLOCK_SKEW_MS = 30_000;

/** The latest phases that may be the one the step found (mergeTimeline): a status that flips makes many. */
const CANDIDATES = 5;

/** A phase as Feldera's events have it: from the first event that shows it to the first that does not. */
export interface EventPhase {
  status: string;
  of: TimelineEntry['of'];
  /** When it began, on Feldera's clock (ms since the epoch). */
  recordedAt: number;
  /** How long it lasted, on Feldera's clock; undefined for the last. */
  forMs: number | undefined;
  /** When Feldera recorded a deployment error during it (`deployment_has_error` turning true), on its clock. */
  errorAt: number | undefined;
}

/**
 * A row of the merged timeline: a phase the step saw (`seen`), with when Feldera recorded it if it
 * did; or one only Feldera recorded, `again` when it is the status of the step's row before it come
 * back after a blip (the step's reads saw one stretch of it, that row).
 */
export type TimelineRow =
  { seen: TimelineEntry; recorded: EventPhase | undefined } | { seen: undefined; recorded: EventPhase; again: boolean };

type Phase = Pick<TimelineEntry, 'status' | 'of'>;

const key = (phase: Phase) => `${phase.of} ${phase.status}`;

/** How far ahead a phase is looked for on the other side: a status that flips for an hour must not make the walk quadratic. */
const LOOKAHEAD = 50;

/** The index of the next phase like `phase` after `at`, within LOOKAHEAD; -1 when there is none. */
function nextOf(phases: readonly Phase[], at: number, phase: Phase): number {
  const found = phases.slice(at + 1, at + 1 + LOOKAHEAD).findIndex((other) => key(other) === key(phase));
  return found < 0 ? -1 : at + 1 + found;
}

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
 * The step's timeline with Feldera's phases woven in, in order. Feldera's list starts up to
 * CLOCK_SKEW_MS before the step, so it may hold a previous run (started and stopped moments
 * before): the phase the step found first is the one, among the last few that show its status and
 * began by the step's start (give or take the skew), after which the most phases line up with what
 * the step saw; on a tie, the latest. What came before it is left out (when no phase shows that
 * status, nothing is).
 */
export function mergeTimeline(
  timeline: readonly TimelineEntry[],
  events: readonly PipelineEvent[],
  startedAtEpochMs: number,
): TimelineRow[] {
  const all = eventPhases(events);
  const first = timeline[0];
  const candidates = all
    .flatMap((phase, k) =>
      first && key(phase) === key(first) && phase.recordedAt <= startedAtEpochMs + CLOCK_SKEW_MS ? [k] : [],
    )
    .slice(-CANDIDATES);
  let best = { rows: walk(timeline, all), matched: -1 };
  for (const k of candidates) {
    const rows = walk(timeline, all.slice(k));
    const matched = rows.filter((row) => row.seen && row.recorded).length;
    if (matched >= best.matched) best = { rows, matched };
  }
  return best.rows;
}

/**
 * Both lists walked together: equal phases make one row; where they differ, the side whose phase
 * comes again sooner on the other gives its rows first (a blip the step did not see, or a phase
 * Feldera recorded no event of, such as an approval still shown a read after it ended). A status
 * that comes back after a blip, before the step saw another, is `again`: within the step's row.
 */
function walk(timeline: readonly TimelineEntry[], recorded: readonly EventPhase[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let i = 0;
  let j = 0;
  const onlySeen = (upTo: number) => {
    for (const seen of timeline.slice(i, upTo)) rows.push({ seen, recorded: undefined });
    i = Math.max(i, upTo);
  };
  const onlyRecorded = (upTo: number) => {
    const before = timeline[i - 1];
    for (const phase of recorded.slice(j, upTo))
      rows.push({ seen: undefined, recorded: phase, again: before !== undefined && key(before) === key(phase) });
    j = Math.max(j, upTo);
  };
  for (let seen = timeline[i], phase = recorded[j]; seen && phase; seen = timeline[i], phase = recorded[j]) {
    if (key(seen) === key(phase)) {
      rows.push({ seen, recorded: phase });
      i++;
      j++;
      continue;
    }
    const inRecorded = nextOf(recorded, j, seen);
    const inSeen = nextOf(timeline, i, phase);
    if (inRecorded >= 0 && (inSeen < 0 || inRecorded - j <= inSeen - i)) onlyRecorded(inRecorded);
    else if (inSeen >= 0) onlySeen(inSeen);
    else {
      onlySeen(i + 1);
      onlyRecorded(j + 1);
    }
  }
  onlySeen(timeline.length);
  onlyRecorded(recorded.length);
  return rows;
}
