import { PipelineClient } from '../feldera/client.ts';
import { diffLines } from '../model/approval.ts';
import { sqlFileOf } from '../model/inputs.ts';
import { failureOf } from '../model/outcome.ts';
import { planChanges } from '../model/plan.ts';
import { waitingRetry } from './phase.ts';
import { whenCompiled } from './wait.ts';
import { diffFailure } from './diff-failure.ts';
import { type RunContext } from './pipeline-run.ts';
import { recordOf, type PipelineRun, type RunRecord } from './run.ts';

/**
 * Plan mode for one pipeline: sends the proposed program to `/diff` and keeps Feldera's answer. Read
 * only: no start, stop, approve or dismiss. The request compiles the program, so it may take as long
 * as the SQL compiler does: it is bounded by the step's timeout, not by request-timeout.
 */
export async function planPipeline(
  run: PipelineRun,
  { config, http, auth, platform, end }: RunContext,
  programCode: string,
): Promise<void> {
  const sqlFile = sqlFileOf(config, run.name) ?? '';
  const client = new PipelineClient(
    { ...http, requestTimeoutMs: config.timeoutMs, debug: (line) => run.log.debug(line) },
    run.name,
  );
  const runtime = config.runtimeVersion ? ` with runtime ${config.runtimeVersion}` : '';
  run.log.group(`Planning pipeline ${run.name}: the program of ${sqlFile}${runtime} against its configured program`);
  const record = await run.phase("waiting for Feldera's diff (POST /diff)", async () => {
    try {
      // A change of the pipeline's own program a moment ago: the diff compares with it once compiled.
      await whenCompiled(client, run.progress, config.pollIntervalMs, end.signal, run.log);
      const diff = await client.diff(programCode, config.runtimeVersion, waitingRetry(run.progress, run.log));
      for (const line of planChanges(diff) ? diffLines(diff) : ['no change']) run.log.info(line);
      return recordOf({ result: 'planned' }, { plan: { sqlFile, diff } });
    } catch (error) {
      return planFailure(error, run, client, sqlFile, { config, auth, version: platform()?.version });
    }
  });
  run.log.end();
  run.end(record);
}

function planFailure(
  error: unknown,
  run: PipelineRun,
  client: PipelineClient,
  sqlFile: string,
  context: Pick<RunContext, 'config' | 'auth'> & { version: string | undefined },
): RunRecord {
  const fail = (cause: unknown) => failureOf(cause, run.name, context.config, run.progress, context.auth);
  const { outcome, compilation } = diffFailure(error, run, client, sqlFile, { fail, version: context.version });
  return recordOf(outcome, { diagnosis: { problems: [], compilation } });
}
