// The summary's "Statuses seen": each status, when it began and how long it lasted, and by which clock.
import type { PipelineEvent } from '../feldera/types.ts';
import { timelineRows, type TimelineRow } from '../model/events.ts';
import type { TimelineEntry } from '../model/progress.ts';
import { formatDuration } from '../text/text.ts';
import { count, inline, table } from '../text/markdown.ts';

/** A status that flips for an hour makes thousands of rows: the first and the last are kept. */
const TIMELINE_ROWS = 40;
/** The longest a status is shown, as the summary's other names. */
const STATUS_CHARS = 200;

/** Marks a status Feldera recorded that no status read of the step showed. */
const ONLY_IN_EVENTS = "only in Feldera's events";

/**
 * The table of statuses: by Feldera's clock where its events were read (`events`), with a line that
 * says so and when the step started; by the step's reads otherwise.
 */
export function timelineTable(
  timeline: readonly TimelineEntry[],
  events: readonly PipelineEvent[] | undefined,
  startedAtEpochMs: number,
): string {
  const rows = timelineRows(timeline, events, startedAtEpochMs);
  const cells = rows.map((row) => [statusCell(row), beganCell(row), lastedCell(row)]);
  if (cells.length > TIMELINE_ROWS) {
    const half = TIMELINE_ROWS / 2;
    const more = `${count(cells.length - TIMELINE_ROWS)} more changes`;
    cells.splice(half, cells.length - TIMELINE_ROWS, ['…', more, '']);
  }
  const markdown = table(['Status', 'Began', 'Lasted'], cells);
  if (!rows.some((row) => row.began.clock === 'feldera')) return markdown;
  const stepRow = rows.some((row) => row.began.clock === 'step') ? ", except a `+` row: the step's reads" : '';
  const started = `The step started at ${utc(startedAtEpochMs)} by the runner's clock.`;
  return `${markdown}\n\nBy Feldera's clock, from its events${stepRow}. ${started}`;
}

function statusCell({ status, of, progress, began, onlyInEvents, errorAt }: TimelineRow): string {
  const marks = onlyInEvents ? [ONLY_IN_EVENTS] : [];
  // The runner often records the error with the status it brings: then the row's time is the error's.
  if (errorAt !== undefined)
    marks.push(
      began.clock === 'feldera' && began.atMs === errorAt ? 'deployment error' : `deployment error at ${utc(errorAt)}`,
    );
  const text = inline(of === 'program' ? `program ${status}` : (progress ?? status), STATUS_CHARS);
  return marks.length > 0 ? `${text} (${marks.join('; ')})` : text;
}

function beganCell({ began }: TimelineRow): string {
  return began.clock === 'feldera' ? utc(began.atMs) : `+${formatDuration(began.sinceStartMs)}`;
}

function lastedCell({ lasted }: TimelineRow): string {
  if (lasted === 'until-end') return 'until the step ended';
  // The status the step found, with nothing but Feldera's events after it: no read of the step ended it.
  return lasted === undefined ? 'unknown' : formatDuration(lasted);
}

/** `10:42:03.5 UTC`: a moment to the tenth of a second. */
function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 21)} UTC`;
}
