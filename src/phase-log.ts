/** How the step's log is written: @actions/core's functions, or a test's. */
export interface LogWriter {
  debug: (line: string) => void;
  isDebug: () => boolean;
  info: (line: string) => void;
  warning: (line: string) => void;
  startGroup: (title: string) => void;
  endGroup: () => void;
}

/**
 * The step's log in phases, a collapsed group each. A group opens with its first line, not when its
 * phase begins: a phase that ends without a word (a start refused at once) leaves no empty group.
 */
export class PhaseLog {
  private readonly writer: LogWriter;
  private pending: string | undefined;
  private open = false;

  constructor(writer: LogWriter) {
    this.writer = writer;
  }

  /** Ends the group open, if any; the next line opens a group with this title. */
  group(title: string): void {
    this.end();
    this.pending = title;
  }

  /** A debug line opens its phase's group only where the runner shows it: else the group would look empty. */
  debug(line: string): void {
    (this.writer.isDebug() ? this.opened() : this.writer).debug(line);
  }

  info(line: string): void {
    this.opened().info(line);
  }

  warning(line: string): void {
    this.opened().warning(line);
  }

  /** Ends the phase: what follows is outside any group. */
  end(): void {
    this.pending = undefined;
    if (this.open) this.writer.endGroup();
    this.open = false;
  }

  private opened(): LogWriter {
    if (this.pending !== undefined) {
      this.writer.startGroup(this.pending);
      this.pending = undefined;
      this.open = true;
    }
    return this.writer;
  }
}
