import { compilationReport, type CompilationReport } from '../model/compilation.ts';
import type { Failure } from '../model/outcome.ts';
import { COMPILE_FAILED, COMPILING } from '../model/release.ts';
import { formatDuration } from '../text/text.ts';
import { setupRetry, type PhaseContext } from './phase.ts';
import { watcher } from './wait.ts';

/** How a compile ended: its time, its longest phase, the version compiled, and the failure, if any. */
export interface Compiled {
  compile: { tookMs: number; longest: string };
  version: number | undefined;
  failure: Failure | undefined;
  compilation: CompilationReport | undefined;
}

/** Waits for the program to compile: after a PATCH, one newer than `before`. */
export async function compile(context: PhaseContext, sqlFile: string, before: number | undefined): Promise<Compiled> {
  const { client, config, progress, log } = context;
  const started = progress.elapsedMs();
  const phases = new Map<string, number>();
  let phase: { status: string; since: number } | undefined;
  log.info('Waiting for Feldera to compile it.');
  const done = await watcher(
    client,
    progress,
    config.pollIntervalMs,
    context.signal,
    log,
  )((status) => {
    const now = progress.elapsedMs();
    if (phase?.status !== status.program_status) {
      if (phase) phases.set(phase.status, (phases.get(phase.status) ?? 0) + now - phase.since);
      phase = { status: status.program_status, since: now };
    }
    // The read before Feldera took the PATCH may still show the previous program's Success.
    const newer = before === undefined || (status.program_version ?? before + 1) > before;
    return newer && !COMPILING.has(status.program_status) ? status : undefined;
  });
  const [longest] = [...phases].sort((a, b) => b[1] - a[1]);
  const compile = {
    tookMs: progress.elapsedMs() - started,
    longest: longest ? `${longest[0]} ${formatDuration(longest[1])}` : 'none',
  };
  const version = done.program_version;
  if (!COMPILE_FAILED.has(done.program_status)) {
    log.info(`Compiled in ${formatDuration(compile.tookMs)} (program version ${version ?? 'not said'}).`);
    return { compile, version, failure: undefined, compilation: undefined };
  }
  const programError = await client.programError(setupRetry(progress, log)).catch(() => null);
  return {
    compile,
    version,
    compilation: programError ? compilationReport(programError, client.pipelineName, sqlFile) : undefined,
    failure: {
      result: 'failed',
      code: 'StartFailedDueToFailedCompilation',
      message: `The new program of pipeline ${client.pipelineName} (${sqlFile}) failed to compile (program_status ${done.program_status}).`,
      hint: 'fix the program and run the release again.',
    },
  };
}
