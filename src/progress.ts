import type { PipelineStatus } from './feldera/types.ts';
import { formatDuration } from './text.ts';

/** What the step has seen so far: the last status, when it began, whether it approved, the last failure. */
export class Progress {
  readonly startedAt = performance.now();
  last: PipelineStatus | undefined;
  /** When the current `deployment_status` was first seen. */
  lastChangeAt = this.startedAt;
  approved = false;
  /** The last transient failure, for a timeout's message; cleared when a request succeeds. */
  lastFailure: string | undefined;
  private readonly log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.log = log;
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Records a snapshot; logs a line when the status, the desired status or the program status changed. */
  observe(status: PipelineStatus): void {
    const before = this.last;
    this.last = status;
    if (before?.deployment_status !== status.deployment_status) this.lastChangeAt = performance.now();
    if (
      before?.deployment_status === status.deployment_status &&
      before.deployment_desired_status === status.deployment_desired_status &&
      before.program_status === status.program_status
    ) {
      return;
    }
    const program = status.program_status === 'Success' ? '' : `, program ${status.program_status}`;
    this.log(`[${formatDuration(this.elapsedMs())}] ${status.deployment_status} (desired ${status.deployment_desired_status}${program})`);
  }

  /** `Provisioning for 2m10s`: where the pipeline is and since when. */
  describeLast(): string {
    if (!this.last) return 'no status was read';
    return `${this.last.deployment_status} for ${formatDuration(performance.now() - this.lastChangeAt)}`;
  }
}
