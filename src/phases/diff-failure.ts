// Why Feldera could not compute a `/diff`: a plan's failure, and an update's check before its stop.
import type { PipelineClient } from '../feldera/client.ts';
import { FelderaError } from '../feldera/errors.ts';
import { compilationReport, type CompilationReport } from '../model/compilation.ts';
import type { Failure } from '../model/outcome.ts';
import type { Progress } from '../model/progress.ts';
import { RunEnded } from '../model/run-end.ts';

/** The first Feldera with `POST /v0/pipelines/{name}/diff` (manager commit 55090bf, "Add pipeline diff"). */
const DIFF_SINCE = '0.324.0';

/** The failure of a `/diff` that refused, or never answered: a plan's, and an update's check before the stop. */
export function diffFailure(
  error: unknown,
  run: { name: string; progress: Progress },
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
