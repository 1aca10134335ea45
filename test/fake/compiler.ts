// The compiler server's work on a changed program: the manager sets it `Pending` in the change's own
// transaction (db/operations/pipeline.rs update_pipeline, new_pipeline); the compiler then takes it
// through CompilingSql, SqlCompiled and CompilingRust to Success, or stops at SqlError, RustError or
// SystemError (compiler/sql_compiler.rs, compiler/rust_compiler.rs), as FakeOptions.compiles scripts it.
import { recordEvent } from './events.ts';
import type { FakeState, Pipeline } from './pipeline.ts';
import { hold } from './runner.ts';
import { compileSql } from './sql.ts';
import type { CompileScript, Phase } from './types.ts';

const STEPS = ['Pending', 'CompilingSql', 'SqlCompiled', 'CompilingRust'];
/** Ends the wait of an early start on a compile that a newer one replaced. */
const ends = new WeakMap<Pipeline, () => void>();

/** A program change: `Pending` at once, then the compile plays on its own. */
export function compile(fake: FakeState, pipeline: Pipeline): void {
  const run = ++pipeline.compileRun;
  ends.get(pipeline)?.();
  pipeline.compiling = new Promise((resolve) => ends.set(pipeline, resolve));
  pipeline.programError = null;
  setProgramStatus(pipeline, 'Pending');
  void play(fake, pipeline, run);
}

/** The script for the stored program: the first whose marker its SQL or its UDFs contain. */
export function compileScript(fake: FakeState, pipeline: Pipeline): CompileScript | undefined {
  const { program_code, udf_rust, udf_toml } = pipeline.stored;
  return fake.options.compiles?.find((script) =>
    [program_code, udf_rust, udf_toml].some((text) => text.includes(script.marker)),
  );
}

async function play(fake: FakeState, pipeline: Pipeline, run: number): Promise<void> {
  const script = compileScript(fake, pipeline);
  const sql = compileSql(pipeline.stored.program_code);
  const outcome = script?.outcome ?? ('messages' in sql ? 'SqlError' : 'Success');
  const steps = outcome === 'SqlError' ? STEPS.slice(0, 2) : STEPS;
  const phases: Phase[] = script?.phases ?? steps.map((status) => ({ status, ms: 10 }));
  for (const phase of phases) {
    if (pipeline.compileRun !== run) return;
    if (phase.status !== pipeline.programStatus) setProgramStatus(pipeline, phase.status);
    await hold(fake, pipeline, phase);
  }
  if (pipeline.compileRun !== run) return;
  const messages = 'messages' in sql && outcome === 'SqlError' ? sql.messages : [];
  pipeline.programError = script?.programError ?? programError(outcome, messages);
  setProgramStatus(pipeline, outcome);
  pipeline.compiling = undefined;
  ends.get(pipeline)?.();
  ends.delete(pipeline);
}

function setProgramStatus(pipeline: Pipeline, status: string): void {
  pipeline.programStatus = status;
  pipeline.programSince = new Date().toISOString();
  recordEvent(pipeline);
}

/**
 * `program_error` as the compiler leaves it: the SQL compiler's messages once it ran, cargo's output
 * once Rust was compiled (a rustc error like the one DRIFT.md measured), or a system error.
 */
function programError(outcome: string, messages: unknown[]): unknown {
  const sql = { exit_code: outcome === 'SqlError' ? 1 : 0, messages };
  if (outcome === 'SqlError') return { sql_compilation: sql, rust_compilation: null, system_error: null };
  if (outcome === 'SystemError') {
    // Its text is the fake's own: the compiler reports whatever failed around the compilation.
    return {
      sql_compilation: sql,
      rust_compilation: null,
      system_error: 'Compilation failed: No space left on device',
    };
  }
  const stderr =
    outcome === 'RustError'
      ? 'error[E0425]: cannot find function `f` in module `udf`\n --> src/lib.rs:10:5\n\nerror: could not compile `pipeline`'
      : '';
  return {
    sql_compilation: sql,
    rust_compilation: { exit_code: outcome === 'RustError' ? 101 : 0, stdout: '', stderr },
    system_error: null,
  };
}
