import type { PipelineProgram, PipelineStatus } from '../feldera/types.ts';

/** The `program-change` output: what the step did to the pipeline's program. */
export type ProgramChange = 'none' | 'updated' | 'created' | 'rolled-back';

/** What the step is to make the pipeline run: sql-file's program, and the UDF files given. */
export interface WantedProgram {
  sqlFile: string;
  program_code: string;
  /** Undefined: the pipeline's UDFs are left as they are. */
  udf_rust?: string | undefined;
  udf_toml?: string | undefined;
}

/** The program statuses of a compile under way (`Pending` … `CompilingRust`). */
export const COMPILING: ReadonlySet<string> = new Set(['Pending', 'CompilingSql', 'SqlCompiled', 'CompilingRust']);
/** The program statuses of a program that does not compile. */
export const COMPILE_FAILED: ReadonlySet<string> = new Set(['SqlError', 'RustError', 'SystemError']);

/** The fields a `PATCH` or `PUT` sends: the program, and the UDFs only where a file gave them. */
export function programFields(wanted: WantedProgram): Partial<Omit<PipelineProgram, 'program_version'>> {
  return {
    program_code: wanted.program_code,
    ...(wanted.udf_rust === undefined ? {} : { udf_rust: wanted.udf_rust }),
    ...(wanted.udf_toml === undefined ? {} : { udf_toml: wanted.udf_toml }),
  };
}

/** The configured program is not the one wanted: an equal value is no change, and Feldera bumps nothing for it. */
export function differs(current: PipelineProgram, wanted: WantedProgram): boolean {
  return Object.entries(programFields(wanted)).some(
    ([field, value]) => current[field as keyof typeof current] !== value,
  );
}

/** Deployed: anything but Stopped and desired Stopped, which is where Feldera takes a program change. */
export function deployed(status: PipelineStatus): boolean {
  return status.deployment_status !== 'Stopped' || status.deployment_desired_status !== 'Stopped';
}
