import type { Platform } from '../feldera/platform.ts';
import type { Config } from '../model/inputs.ts';
import type { PipelineRun } from '../phases/run.ts';

/** What the report is made of: the inputs, each pipeline's run, which credential and which Feldera. */
export interface ReportFacts {
  /** Undefined when the inputs were invalid. */
  config: Config | undefined;
  /** One per pipeline, in the order given. */
  runs: PipelineRun[];
  /** Which credential was used, never its value. */
  credential: string;
  /** plan: true, as read, or as given when the inputs could not be read: a plan's failure is not a start's. */
  planning: boolean;
  /** Which Feldera answered, when it said in time. */
  platform: Platform | undefined;
  /** Since the step began. */
  elapsedMs: () => number;
}
