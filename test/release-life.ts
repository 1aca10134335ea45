// The release part of a random life (issue 30): `update-program: true` with a sql-file whose program
// is the same, changed, refused by /diff, or failing to compile after the update; force-stop or a
// checkpoint (which may fail); the pipeline found running, stopped or absent; a cancel at a release
// moment. Drawn from the life's seed apart from the rest, so that a seed's other draws stay as they were.
import fc from 'fast-check';
import type { CompileScript, Endpoint, FakeOptions, Phase, PipelineScript } from './fake-feldera.ts';
import { CONFIGURED, PROPOSED } from './fixtures.ts';
import type { Expectation, Life, Moment } from './lives.ts';

type ReleaseProgram = 'same' | 'changed' | 'invalid-sql' | 'lateness';
type CompileOutcome = 'Success' | 'SqlError' | 'RustError' | 'SystemError';

export interface ReleaseLife {
  program: ReleaseProgram;
  /** How the compiler ends the changed program after the PATCH, and its phases before. */
  outcome: CompileOutcome;
  compilePhases: Phase[];
  forceStop: boolean;
  found: 'running' | 'stopped' | 'absent';
  checkpointFails: boolean;
  checkpointMs: number;
  /** A Feldera before 0.324, without /diff: nothing is checked before the stop. */
  withoutDiff: boolean;
  /** Where a cancel of the life lands instead of its own moment, when it does. */
  cancelAt: Moment | undefined;
  /** How sql-file and force-stop are spelled. */
  spelling: number;
}

/** The marker of the changed program, which the fake's compile script picks. */
const MARKER = '-- release of a random life';
/** What the sql-file holds for each kind of program. */
export const PROGRAMS: Record<ReleaseProgram, string> = {
  same: CONFIGURED,
  changed: `${PROPOSED}${MARKER}\n`,
  'invalid-sql': `${CONFIGURED}CREATE VIEW v AS SELECT * FROM missing;\n`,
  lateness: `${PROPOSED}CREATE TABLE clicks (ts TIMESTAMP LATENESS INTERVAL 1 MINUTE);\n`,
};
export const SQL_FILE = 'sql/p.sql';

const weighted = <T>(...choices: [number, T][]) =>
  fc.oneof(...choices.map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })));

/** The moments of a release: its requests, and the lines it prints at each phase. */
const releaseMoment: fc.Arbitrary<Moment> = fc.oneof(
  weighted<Endpoint>([3, 'status'], [1, 'diff'], [2, 'stop'], [2, 'patch']).chain((request) =>
    fc.integer({ min: 1, max: request === 'status' ? 12 : 2 }).map((nth) => ({ request, nth })),
  ),
  fc
    .constantFrom(
      'Checking the new program',
      'Stopping pipeline p',
      'Updating the program of pipeline p',
      'Waiting for Feldera to compile it',
      'Rolling back pipeline p',
    )
    .map((output) => ({ output })),
);

const draw = fc.record({
  present: fc.boolean(),
  program: weighted<ReleaseProgram>([1, 'same'], [4, 'changed'], [1, 'invalid-sql'], [1, 'lateness']),
  outcome: weighted<CompileOutcome>([4, 'Success'], [1, 'SqlError'], [1, 'RustError'], [1, 'SystemError']),
  compilePhases: fc.array(
    fc.record({
      status: fc.constantFrom('Pending', 'CompilingSql', 'SqlCompiled', 'CompilingRust'),
      ms: fc.integer({ min: 0, max: 80 }),
    }),
    { maxLength: 4 },
  ),
  forceStop: fc.boolean(),
  found: weighted<ReleaseLife['found']>([6, 'running'], [2, 'stopped'], [1, 'absent']),
  checkpointFails: weighted([3, false], [1, true]),
  checkpointMs: fc.integer({ min: 0, max: 150 }),
  withoutDiff: weighted([6, false], [1, true]),
  cancelAt: fc.option(releaseMoment, { freq: 3, nil: undefined }),
  spelling: fc.nat(3),
});

/** The release of the life of `seed`, if it has one: half of them do. */
export function releaseOf(seed: number): ReleaseLife | undefined {
  // Another seed for the same number: the life's other draws do not move.
  const [d] = fc.sample(draw, { seed: (seed * 2_654_435_761) | 0, numRuns: 1 });
  if (!d?.present) return undefined;
  const { present: _, ...release } = d;
  return release;
}

/** A pipeline found stopped with the same program keeps the life's compile; any other has a program compiled long ago, or one the update compiles. */
export function keepsItsCompile(release: ReleaseLife): boolean {
  return release.program === 'same' && release.found === 'stopped';
}

/** The release's inputs, as a user might spell them. */
export function releaseInputs(release: ReleaseLife): Record<string, string> {
  const way = release.spelling;
  const inputs: Record<string, string> = {
    'update-program': way === 1 ? 'True' : 'true',
    'sql-file': way === 2 ? 'sql/{name}.sql' : SQL_FILE,
  };
  if (release.forceStop) inputs['force-stop'] = way === 3 ? 'TRUE' : 'true';
  else if (way === 0) inputs['force-stop'] = 'false';
  return inputs;
}

/** The pipeline's script with its release, and the fake's options for it (compile scripts, version, edition). */
export function releaseFake(
  life: Life,
  script: PipelineScript,
): { pipelines: PipelineScript[]; options: Partial<FakeOptions> } {
  const release = life.release!;
  const found: PipelineScript = { ...script, program: CONFIGURED, checkpointHold: { ms: release.checkpointMs } };
  if (release.checkpointFails) found.checkpointFails = true;
  if (release.found === 'running') {
    // A running pipeline has a compiled program, and no earlier error or stop under way.
    found.provisioned = { initial: 'running', status: 'Running' };
    delete found.deploymentError;
    delete found.stoppingReads;
  }
  if (!keepsItsCompile(release)) {
    // A compile scripted for the early start is no part of the program found: it compiled long ago.
    delete found.programStatus;
    delete found.compile;
    delete found.programError;
  }
  const compiles: CompileScript[] = [
    {
      marker: MARKER,
      outcome: release.outcome,
      ...(release.compilePhases.length > 0 ? { phases: release.compilePhases } : {}),
      ...(release.outcome === 'Success' ? {} : { programError: compileError(release.outcome, life.hostile) }),
    },
  ];
  const { name: _, program: __, ...created } = found;
  return {
    pipelines: release.found === 'absent' ? [] : [found],
    options: {
      compiles,
      created: { ...created, provisioned: undefined },
      ...(release.withoutDiff ? { version: '0.300.0' } : {}),
    },
  };
}

/** A compiler's failure, with the life's server text in it. */
function compileError(kind: Exclude<CompileOutcome, 'Success'>, hostile: string[]) {
  const text = ['error: the program failed', ...hostile].join('\n');
  const message = {
    start_line_number: 1,
    start_column: 1,
    end_line_number: 1,
    end_column: 5,
    warning: false,
    error_type: 'Compilation error',
    message: text,
    snippet: text,
  };
  return {
    sql_compilation: kind === 'SqlError' ? { exit_code: 1, messages: [message] } : { exit_code: 0, messages: [] },
    rust_compilation: kind === 'RustError' ? { exit_code: 101, stdout: '', stderr: `error[E0425]: ${text}` } : null,
    system_error: kind === 'SystemError' ? text : null,
  };
}

/**
 * What Feldera's semantics give for a release, or `loose` where this model does not follow it (a
 * pipeline found running with the same program converges; a rollback starts again): then only the
 * invariants judge it. `base` is the expectation of a start, for the start after the update.
 */
export function releaseExpectation(life: Life, base: (life: Life) => Expectation): Expectation {
  const release = life.release!;
  const start = base(life);
  const loose = { ...start, loose: true };
  const refused = (code: string): Expectation => ({ code, awaitingApproval: false, approved: false, accepted: false });
  if (life.invalid) return start;
  if (release.found === 'absent') return loose;
  if (release.program === 'same') return release.found === 'stopped' ? start : loose;
  // Found still stopping: whether the step's own stop meets it stopping or stopped is a race.
  if (release.found === 'stopped' && life.stoppingReads > 0) return loose;
  if (!release.withoutDiff && release.program === 'invalid-sql') return refused('InvalidNewProgramSql');
  if (!release.withoutDiff && release.program === 'lateness') return refused('BootstrapNotAllowed');
  const running = release.found === 'running';
  if (running && !release.forceStop && life.edition === 'Open source') return refused('EnterpriseFeature');
  if (running && !release.forceStop && release.checkpointFails) return refused('StorageError');
  const compileFails =
    release.program === 'invalid-sql' || (release.program === 'changed' && release.outcome !== 'Success');
  if (compileFails) return running ? loose : refused('StartFailedDueToFailedCompilation');
  if (running && !release.forceStop) {
    // Started from the checkpoint of the previous program: Feldera bootstraps the change after initializing.
    const phases = life.phases;
    if (phases.some((phase) => phase.status === 'AwaitingApproval')) return base(life);
    const at = phases.findIndex((phase) => phase.status === 'Initializing') + 1 || phases.length;
    const bootstrapped = [...phases.slice(0, at), { status: 'AwaitingApproval' }, ...phases.slice(at)];
    return base({ ...life, phases: bootstrapped });
  }
  return start;
}

/** The release in words, for a failure's report. */
export function describeRelease(release: ReleaseLife | undefined): string {
  if (!release) return 'no release';
  const compile =
    release.program === 'changed'
      ? `, compiles [${release.compilePhases.map((phase) => `${phase.status} ${phase.ms}ms`).join(', ')}] → ${release.outcome}`
      : '';
  const moment =
    release.cancelAt &&
    ('output' in release.cancelAt ? release.cancelAt.output : `${release.cancelAt.request} #${release.cancelAt.nth}`);
  return [
    `release: ${release.program} program${compile}`,
    `found ${release.found}`,
    release.forceStop
      ? 'force-stop'
      : `checkpoint ${release.checkpointMs}ms${release.checkpointFails ? ' that fails' : ''}`,
    release.withoutDiff ? 'no /diff (0.300)' : '/diff',
    moment ? `a cancel moves to ${moment}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
