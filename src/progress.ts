import type { PipelineDiff, PipelineStatus } from './feldera/types.ts';
import { formatDuration } from './text.ts';

/** A `deployment_status` the step saw, and when (ms from the step's start). */
export interface TimelineEntry {
  status: string;
  beganMs: number;
  endedMs: number | undefined;
}

/** A line at least this often while nothing changes, so that a long bootstrap never looks hung. */
const HEARTBEAT_MS = 30_000;

/** What the step has seen so far: the statuses and when, whether it approved what, the last failure. */
export class Progress {
  readonly startedAt = performance.now();
  last: PipelineStatus | undefined;
  readonly timeline: TimelineEntry[] = [];
  approved = false;
  /** The last diff seen while `AwaitingApproval`. */
  approvalDiff: PipelineDiff | undefined;
  /** The last transient failure, for a timeout's message; cleared when a request succeeds. */
  lastFailure: string | undefined;
  private lastLineMs = 0;
  private readonly log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.log = log;
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Compute was brought up at some point, so the pipeline may have written a log. */
  get provisioned(): boolean {
    return this.timeline.some((entry) => entry.status !== 'Stopped');
  }

  /** Records a snapshot; logs a line when the status, the desired status or the program status changed. */
  observe(status: PipelineStatus): void {
    const before = this.last;
    const now = this.elapsedMs();
    this.last = status;
    if (status.deployment_status === 'AwaitingApproval' && status.approval_diff) this.approvalDiff = status.approval_diff;
    if (before?.deployment_status !== status.deployment_status) {
      const current = this.timeline.at(-1);
      if (current) current.endedMs = now;
      this.timeline.push({ status: status.deployment_status, beganMs: now, endedMs: undefined });
    }
    const changed =
      before?.deployment_status !== status.deployment_status ||
      before.deployment_desired_status !== status.deployment_desired_status ||
      before.program_status !== status.program_status;
    if (changed) {
      const program = status.program_status === 'Success' ? '' : `, program ${status.program_status}`;
      this.line(`[${formatDuration(now)}] ${status.deployment_status} (desired ${status.deployment_desired_status}${program})`);
    } else if (now - this.lastLineMs >= HEARTBEAT_MS) {
      this.line(`[${formatDuration(now)}] still ${this.describeLast()}`);
    }
  }

  /** `Provisioning for 2m10s`: where the pipeline is and since when. */
  describeLast(): string {
    const current = this.timeline.at(-1);
    if (!current) return 'no status was read';
    return `${current.status} for ${formatDuration(this.elapsedMs() - current.beganMs)}`;
  }

  private line(text: string): void {
    this.lastLineMs = this.elapsedMs();
    this.log(text);
  }
}
