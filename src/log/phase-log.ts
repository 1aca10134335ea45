/** How the step's log is written: @actions/core's functions, or a test's. */
export interface LogWriter {
  debug: (line: string) => void;
  isDebug: () => boolean;
  info: (line: string) => void;
  /** `title`: the annotation's title; every warning a user sees has one. */
  warning: (line: string, title: string) => void;
  startGroup: (title: string) => void;
  endGroup: () => void;
}

/** What a pipeline's run writes: lines, warnings, debug lines, the phases it goes through, and details. */
export interface RunLog {
  info: (line: string) => void;
  warning: (line: string, title: string) => void;
  debug: (line: string) => void;
  /** A phase begins (`Waiting for Running`). */
  group: (title: string) => void;
  /** A line of detail (an approval diff): shown in its phase, or, with several pipelines, after the waiting. */
  detail: (line: string) => void;
  end: () => void;
}

/**
 * The step's log in phases, a collapsed group each. A group opens with its first line, not when its
 * phase begins: a phase that ends without a word (a start refused at once) leaves no empty group.
 */
export class PhaseLog implements RunLog {
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

  detail(line: string): void {
    this.info(line);
  }

  warning(line: string, title: string): void {
    this.opened().warning(line, title);
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

/**
 * One pipeline's lines among several pipelines' (issue: several per step): each behind the
 * pipeline's name in brackets, no groups (they would interleave), details kept for a group of the
 * pipeline's own after the waiting.
 */
export class PrefixedLog implements RunLog {
  readonly details: string[] = [];
  private readonly writer: LogWriter;
  private readonly prefix: string;

  constructor(writer: LogWriter, name: string) {
    this.writer = writer;
    this.prefix = `[${name}] `;
  }

  info(line: string): void {
    this.writer.info(this.prefix + line);
  }

  warning(line: string, title: string): void {
    this.writer.warning(this.prefix + line, title);
  }

  debug(line: string): void {
    this.writer.debug(this.prefix + line);
  }

  group(title: string): void {
    this.info(title);
  }

  detail(line: string): void {
    this.details.push(line);
  }

  end(): void {
    // No group is open: the lines are flat.
  }
}
