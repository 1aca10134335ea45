import { PipelineClient } from '../feldera/client.ts';
import { FelderaError } from '../feldera/errors.ts';
import { diffLines } from '../model/approval.ts';
import { compilationReport, type CompilationReport } from '../model/compilation.ts';
import { sqlFileOf } from '../model/inputs.ts';
import { failureOf, type Failure } from '../model/outcome.ts';
import { RunEnded } from '../model/run-end.ts';
import { planChanges } from '../model/plan.ts';
import { waitingRetry } from './phase.ts';
import { whenCompiled } from './wait.ts';
import { recordOf, type PipelineRun, type RunContext, type RunRecord } from './pipeline-run.ts';

/** The first Feldera with `POST /v0/pipelines/{name}/diff` (manager commit 55090bf, "Add pipeline diff"). */
const DIFF_SINCE = '0.324.0';

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
  const { outcome, compilation } = planFailureOutcome(error, run, client, sqlFile, { fail, version: context.version });
  return recordOf(outcome, { diagnosis: { problems: [], compilation } });
}

/** The failure of a `/diff` that refused, or never answered: a plan's, and an update's check before the stop. */
export function planFailureOutcome(
  error: unknown,
  run: Pick<PipelineRun, 'name' | 'progress'>,
  client: PipelineClient,
  sqlFile: string,
  { fail, version }: { fail: (error: unknown) => Failure; version: string | undefined },
): { outcome: Failure; compilation?: CompilationReport } {
  const name = run.name;
  if (error instanceof RunEnded && error.code === 'Timeout') {
    const last = run.progress.lastFailure ? `; the last failure: ${run.progress.lastFailure}` : '';
    return {
      outcome: {
        result: 'failed',
        code: 'Timeout',
        message: `Feldera did not compute the diff of pipeline ${name} before ${error.message}${last}.`,
        hint: '/diff compiles the proposed program: a large one needs a longer timeout.',
      },
    };
  }
  // A cancel, a credential that could not be had, a bug: as in a start.
  const failure = fail(error);
  if (!(error instanceof FelderaError)) return { outcome: failure };
  // A route the server lacks is actix's empty 404; an unknown pipeline or program says so in JSON.
  if (error.kind === 'not-feldera' && error.status === 404) {
    const which = version ? `this Feldera (${version}) has` : 'this server has';
    return {
      outcome: {
        result: 'failed',
        code: 'DiffNotSupported',
        message: `${error.message}: ${which} no /diff, which came in Feldera ${DIFF_SINCE}.`,
        hint: `upgrade Feldera to ${DIFF_SINCE} or later to plan; if it is that new, check api-url: it must be the address of the Feldera API, with its path prefix if it has one.`,
      },
    };
  }
  const hint = PLAN_HINTS[error.code];
  if (error.code === 'InvalidNewProgramSql') {
    const compilation = compilationReport(client.proposalErrors(error) ?? {}, name, sqlFile);
    const first = compilation.firstError ? `: ${compilation.firstError}` : '';
    const count = compilation.annotations.filter((annotation) => annotation.level === 'error').length;
    const errors = count > 0 ? `${count} error${count === 1 ? '' : 's'}` : 'errors';
    return {
      outcome: {
        result: 'failed',
        code: error.code,
        message: `The proposed program of pipeline ${name} (${sqlFile}) does not compile, ${errors}${first}`,
        hint: compilation.annotations.length > 0 ? `${hint} The annotations point at its lines.` : hint,
      },
      compilation,
    };
  }
  return { outcome: hint ? { ...failure, hint } : failure };
}

/** What to do when `/diff` refuses, by Feldera's error code (api/error.rs, the ApiError of the diff endpoint). */
const PLAN_HINTS: Record<string, string> = {
  InvalidNewProgramSql: 'fix the SQL of the proposed program.',
  ProgramNotCompiled:
    "the pipeline's configured program is not compiled yet (or did not compile), so there is nothing to compare against: wait for Feldera to compile it, or fix it, then plan again.",
  ProgramInfoMissesDataflow:
    "the pipeline's configured program was compiled by a Feldera too old to record its dataflow: recompile it (fda update-runtime, or any change to the program), then plan again.",
  UnknownPipelineName:
    'a plan compares against the program of an existing pipeline: create the pipeline first, or check pipeline-name and api-url.',
  InvalidRuntimeVersion:
    "give runtime-version as Feldera's runtime selector takes it: a version tag (v0.375.0) or a 40-character git SHA.",
  BootstrapNotAllowed:
    'the change cannot be bootstrapped (a relation with LATENESS, in the old or the new program): the next start from a checkpoint would fail; start it from scratch (clear its storage) instead, or keep the relations with lateness unchanged.',
  CompilerTimeout:
    "Feldera's SQL compiler took longer than its sql_compilation_timeout_secs: raise it (FELDERA_SQL_COMPILATION_TIMEOUT_SECS) for a large program.",
  CompilerUnavailable: "Feldera's compiler service did not answer: plan again once it is up.",
  NewProgramCompilationFailed:
    "Feldera could not compile the proposed program for a reason of its own (the compiler service, or a runtime version it could not download): Feldera's message says which.",
};
