import type { PipelineDiff, PipelineStatus } from '../feldera/types.ts';
import { formatDuration } from '../text/text.ts';

/**
 * A phase the step saw, and when (ms from the step's start): the `deployment_status`, or, while the
 * pipeline is `Stopped` and its program is not compiled, the `program_status` (an early start waits
 * there for the compiler, and a compile error ends there).
 */
export interface TimelineEntry {
  status: string;
  of: 'deployment' | 'program';
  /** The last bootstrap progress read in this phase (`Bootstrapping: 12 of 40 operators, …`). */
  progress?: string;
  beganMs: number;
  endedMs: number | undefined;
}

/** A line at least this often while nothing changes, so that a long bootstrap never looks hung. */
export const HEARTBEAT_MS = 30_000;

/**
 * What the wait of one pipeline has seen so far: the statuses and when, the last approval diff, the
 * last transient failure. Owned by the poll loop, which writes it through `observe` and
 * `noteFailure`; the other phases and the report only read it.
 */
export class Progress {
  readonly startedAt = performance.now();
  /** The same moment on the runner's wall clock (ms since the epoch): what Feldera's event times are compared with. */
  readonly startedAtEpochMs = Date.now();
  #last: PipelineStatus | undefined;
  readonly #timeline: TimelineEntry[] = [];
  #approvalDiff: PipelineDiff | undefined;
  #lastFailure: string | undefined;
  private lastLineMs = 0;
  private readonly log: (line: string) => void;
  /** With several pipelines, one heartbeat line speaks for all of them (src/main.ts). */
  private readonly heartbeat: boolean;

  constructor(log: (line: string) => void, heartbeat = true) {
    this.log = log;
    this.heartbeat = heartbeat;
  }

  /** The last status read. */
  get last(): PipelineStatus | undefined {
    return this.#last;
  }

  get timeline(): readonly TimelineEntry[] {
    return this.#timeline;
  }

  /** The last diff seen while `AwaitingApproval`. */
  get approvalDiff(): PipelineDiff | undefined {
    return this.#approvalDiff;
  }

  /** The last transient failure, for a timeout's message; cleared when a request succeeds. */
  get lastFailure(): string | undefined {
    return this.#lastFailure;
  }

  /** A request failed and will be tried again (a message), or answered again (undefined). */
  noteFailure(message: string | undefined): void {
    this.#lastFailure = message;
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Compute was brought up at some point, so the pipeline may have written a log. */
  get provisioned(): boolean {
    return this.timeline.some((entry) => entry.of === 'deployment' && entry.status !== 'Stopped');
  }

  /** Records a snapshot; logs a line when the status, the desired status or the program status changed. */
  observe(status: PipelineStatus): void {
    const before = this.#last;
    const now = this.elapsedMs();
    this.#last = status;
    if (status.deployment_status === 'AwaitingApproval' && status.approval_diff)
      this.#approvalDiff = status.approval_diff;
    const phase = phaseOf(status);
    const current = this.#timeline.at(-1);
    if (current?.status !== phase.status || current.of !== phase.of) {
      if (current) current.endedMs = now;
      this.#timeline.push({ ...phase, beganMs: now, endedMs: undefined });
    }
    const changed =
      before?.deployment_status !== status.deployment_status ||
      before.deployment_desired_status !== status.deployment_desired_status ||
      before.program_status !== status.program_status;
    if (changed) {
      const program = status.program_status === 'Success' ? '' : `, program ${status.program_status}`;
      this.line(
        `[${formatDuration(now)}] ${status.deployment_status} (desired ${status.deployment_desired_status}${program})`,
      );
    } else if (this.heartbeat && now - this.lastLineMs >= HEARTBEAT_MS) {
      this.line(`[${formatDuration(now)}] ${this.describeLast(true)}`);
    }
  }

  /** Bootstrap progress, shown by the heartbeat and kept in the phase's timeline entry. */
  noteProgress(text: string): void {
    const current = this.#timeline.at(-1);
    if (current) current.progress = text;
  }

  /**
   * `Provisioning for 2m10s`, or `the program is still compiling: CompilingRust for 4m10s`: where
   * the pipeline is and since when. `still` for a heartbeat.
   */
  describeLast(still = false): string {
    const current = this.#timeline.at(-1);
    if (!current) return 'no status was read';
    const since = `${current.status} for ${formatDuration(this.elapsedMs() - current.beganMs)}`;
    const progress = current.progress ? ` (${current.progress})` : '';
    if (current.of === 'deployment') return `${still ? 'still ' : ''}${since}${progress}`;
    return COMPILING.has(current.status) ? `the program is still compiling: ${since}` : `the program is ${since}`;
  }

  private line(text: string): void {
    this.lastLineMs = this.elapsedMs();
    this.log(text);
  }
}

const COMPILING = new Set(['Pending', 'CompilingSql', 'SqlCompiled', 'CompilingRust']);

/** The phase a status read, or one of Feldera's events, shows. */
export function phaseOf(
  status: Pick<PipelineStatus, 'deployment_status' | 'program_status'>,
): Pick<TimelineEntry, 'status' | 'of'> {
  if (status.deployment_status === 'Stopped' && status.program_status !== 'Success')
    return { status: status.program_status, of: 'program' };
  return { status: status.deployment_status, of: 'deployment' };
}
