import type { PipelineClient } from '../feldera/client.ts';
import { FelderaError } from '../feldera/errors.ts';
import type { LogTail } from '../feldera/logs.ts';
import type { PipelineEvent } from '../feldera/types.ts';
import { CLOCK_SKEW_MS } from '../model/events.ts';
import { sqlFileOf, type Config } from '../model/inputs.ts';
import type { Outcome } from '../model/outcome.ts';
import type { Progress } from '../model/progress.ts';
import { compilationReport, type CompilationReport } from '../model/compilation.ts';
import { messageOf } from '../text/text.ts';

/** What the step reads after the outcome to explain it: the compiler's messages and the pipeline's log. */
export interface Diagnosis {
  compilation?: CompilationReport;
  logTail?: LogTail;
  /** Reads that failed: warnings, never the step's failure. */
  problems: string[];
  /** The manager's events since the step's start (less CLOCK_SKEW_MS), newest first; undefined when not read. */
  events?: PipelineEvent[];
  /** Why they could not be read: a warning, after the result's own annotation (evidence, not the cause). */
  eventsProblem?: string;
}

/** `fda logs` reads for 5 s at most; a tail is all a reader of the run needs. */
const LOG_LIMITS = { totalMs: 5000, idleMs: 500, maxLines: 200, maxBytes: 1 << 20 };
const FOLLOW_UP_RETRY = { windowMs: 5000 };

/** Feldera's events as `GET /events` gave them, or why they could not be read. */
export type EventsRead = Pick<Diagnosis, 'events' | 'eventsProblem'>;

/**
 * Reads what explains the outcome. Feldera's events come from `events` when their read began earlier, else they are
 * read here, beside the other reads, so that a log that takes its 5 s does not starve them.
 */
export async function diagnose(
  client: PipelineClient,
  config: Config,
  outcome: Outcome,
  progress: Progress,
  events: Promise<EventsRead> | undefined = readEvents(client, progress),
): Promise<Diagnosis> {
  const diagnosis: Diagnosis = { problems: [] };
  const failed = outcome.result === 'failed';
  if (failed && outcome.code === 'StartFailedDueToFailedCompilation') {
    try {
      const programError = await client.programError(FOLLOW_UP_RETRY);
      if (programError)
        diagnosis.compilation = compilationReport(
          programError,
          client.pipelineName,
          sqlFileOf(config, client.pipelineName),
        );
    } catch (error) {
      diagnosis.problems.push(`Could not read the compiler's messages: ${messageOf(error)}`);
    }
  }
  const wantLogs = config.logs === 'always' || (config.logs === 'on-failure' && failed);
  if (wantLogs && progress.provisioned) {
    try {
      diagnosis.logTail = await client.logs(LOG_LIMITS);
    } catch (error) {
      diagnosis.problems.push(`Could not read the pipeline's log: ${messageOf(error)}`);
    }
  }
  return { ...diagnosis, ...(await events) };
}

/**
 * `GET /events` once, begun now, never rejecting: a failure is a warning that says why, and the timeline keeps what the
 * step saw. After a success too: one small read, and a blip on the way up (Unavailable, a restart) is worth seeing.
 * Only once the step read a status (else undefined): the events are woven into what it saw.
 */
export function readEvents(client: PipelineClient, progress: Progress): Promise<EventsRead> | undefined {
  return progress.timeline.length > 0 ? eventsOf(client, progress) : undefined;
}

async function eventsOf(client: PipelineClient, progress: Progress): Promise<EventsRead> {
  try {
    return { events: await client.events(progress.startedAtEpochMs - CLOCK_SKEW_MS, FOLLOW_UP_RETRY) };
  } catch (error) {
    // actix's empty 404 for a route it does not have: /events came with Feldera 0.292.
    const older = error instanceof FelderaError && error.status === 404 && error.kind === 'not-feldera';
    const why = older ? 'this Feldera has no GET /events (it came with 0.292)' : messageOf(error);
    return {
      eventsProblem: `Could not read Feldera's events of pipeline ${client.pipelineName}, so the summary's timeline has only the statuses the step saw: ${why}`,
    };
  }
}
