import type { PipelineClient } from '../feldera/client.ts';
import type { LogTail } from '../feldera/logs.ts';
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
}

/** `fda logs` reads for 5 s at most; a tail is all a reader of the run needs. */
const LOG_LIMITS = { totalMs: 5000, idleMs: 500, maxLines: 200, maxBytes: 1 << 20 };
const FOLLOW_UP_RETRY = { windowMs: 5000 };

export async function diagnose(client: PipelineClient, config: Config, outcome: Outcome, progress: Progress): Promise<Diagnosis> {
  const diagnosis: Diagnosis = { problems: [] };
  const failed = outcome.result === 'failed';
  if (failed && outcome.code === 'StartFailedDueToFailedCompilation') {
    try {
      const programError = await client.programError(FOLLOW_UP_RETRY);
      if (programError) diagnosis.compilation = compilationReport(programError, client.pipelineName, sqlFileOf(config, client.pipelineName));
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
  return diagnosis;
}
