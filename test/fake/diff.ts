// `POST /v0/pipelines/{name}/diff`, as the manager answers it (api/endpoints/pipeline_management.rs
// post_pipeline_diff, feldera-types pipeline_diff.rs compute_pipeline_diff): the proposed program
// compiled (test/fake/sql.ts) and compared with the configured one, nothing changed.
import { version, type FakeState, type Pipeline, type Send } from './pipeline.ts';
import { compileSql, type CompiledProgram } from './sql.ts';
import { atLeast } from '../fixtures.ts';

/** The first version with the route (manager commit 55090bf); an older one answers actix's empty 404. */
export const DIFF_SINCE = '0.324.0';

export function servesDiff(fake: FakeState): boolean {
  return atLeast(version(fake), DIFF_SINCE);
}

const SHA = /^[0-9a-f]{40}$/;
const VERSION_TAG = /^v\d+\.\d+\.\d+$/;

/** The request body is read by actix's Json extractor before the handler: a wrong one is its plain-text 400. */
export function diff(fake: FakeState, pipeline: Pipeline, body: string, send: Send): void {
  let request: { program_code?: unknown; runtime_version?: unknown };
  try {
    request = JSON.parse(body) as typeof request;
  } catch (error) {
    return send(400, `Json deserialize error: ${(error as Error).message}`, {
      raw: true,
      contentType: 'text/plain; charset=utf-8',
    });
  }
  const name = pipeline.script.name;
  if (pipeline.programStatus !== 'Success') {
    return send(404, {
      message: `Pipeline '${name}' has not been compiled yet. Please compile the pipeline first.`,
      error_code: 'ProgramNotCompiled',
      details: { pipeline_name: name },
    });
  }
  if (pipeline.script.withoutDataflow) {
    return send(404, {
      message: `Dataflow graph is missing from pipeline '${name}'. The pipeline may have been compiled before dataflow graphs were introduced.`,
      error_code: 'ProgramInfoMissesDataflow',
      details: { pipeline_name: name },
    });
  }
  const configured = compileSql(pipeline.stored.program_code);
  if (!('program' in configured))
    throw new Error(`the fake's configured program of ${name} does not compile: give one that does`);
  const runtime = request.runtime_version;
  if (typeof runtime === 'string' && !SHA.test(runtime) && !VERSION_TAG.test(runtime)) {
    const error = `The requested runtime version '${runtime}' is neither a valid version (vX.Y.Z) nor a valid git hash.`;
    return send(400, {
      message: `Invalid runtime version: ${error}`,
      error_code: 'InvalidRuntimeVersion',
      details: { error },
    });
  }
  const proposed = compileSql(
    typeof request.program_code === 'string' ? request.program_code : pipeline.stored.program_code,
  );
  if ('messages' in proposed) {
    const error = JSON.stringify(proposed.messages, null, 2);
    return send(400, {
      message: `The proposed new SQL program has compilation errors: ${error}`,
      error_code: 'InvalidNewProgramSql',
      details: { error },
    });
  }
  const changes = programDiff(configured.program, proposed.program);
  const lateness = [
    ...proposed.program.lateness.map((name) => ['new', name]),
    ...configured.program.lateness.map((name) => ['checkpointed', name]),
  ];
  if (lateness.length > 0 && Object.values(changes).some((list) => list.length > 0)) {
    const error = lateness
      .map(([which, name]) => `- The ${which} version of the program has relations with lateness: ${name}\n`)
      .join('');
    return send(400, {
      message: `The requested change cannot be bootstrapped: ${error}`,
      error_code: 'BootstrapNotAllowed',
      details: { error },
    });
  }
  send(200, pipelineDiffOf(configured.program, proposed.program));
}

/** The `PipelineDiff` from one compiled program to another: what `/diff` answers and a bootstrap awaits approval of. */
export function pipelineDiffOf(old: CompiledProgram, proposed: CompiledProgram) {
  const changes = programDiff(old, proposed);
  return { program_diff: changes, program_diff_error: null, ...connectorDiff(old, proposed, changes) };
}

type Lists = Record<
  'added_tables' | 'removed_tables' | 'modified_tables' | 'added_views' | 'removed_views' | 'modified_views',
  string[]
>;

/** Each list sorted, as ProgramDiff's builders sort them. */
function programDiff(old: CompiledProgram, proposed: CompiledProgram): Lists {
  const compare = (before: Map<string, string>, after: Map<string, string>) => ({
    added: [...after.keys()].filter((name) => !before.has(name)).sort(),
    removed: [...before.keys()].filter((name) => !after.has(name)).sort(),
    modified: [...after]
      .filter(([name, id]) => before.has(name) && before.get(name) !== id)
      .map(([name]) => name)
      .sort(),
  });
  const tables = compare(old.tables, proposed.tables);
  const views = compare(old.views, proposed.views);
  return {
    added_tables: tables.added,
    removed_tables: tables.removed,
    modified_tables: tables.modified,
    added_views: views.added,
    removed_views: views.removed,
    modified_views: views.modified,
  };
}

/** A connector of a removed table or view is not listed as removed: the relation's removal says it. */
function connectorDiff(old: CompiledProgram, proposed: CompiledProgram, changes: Lists) {
  const relation = (endpoint: string) => endpoint.slice(0, endpoint.lastIndexOf('.'));
  const of = (before: Map<string, string>, after: Map<string, string>, removedRelations: string[]) => ({
    added: [...after.keys()].filter((name) => !before.has(name)),
    removed: [...before.keys()].filter((name) => !after.has(name) && !removedRelations.includes(relation(name))),
    modified: [...after]
      .filter(([name, config]) => before.has(name) && before.get(name) !== config)
      .map(([name]) => name),
  });
  const inputs = of(old.inputs, proposed.inputs, changes.removed_tables);
  const outputs = of(old.outputs, proposed.outputs, changes.removed_views);
  return {
    added_input_connectors: inputs.added,
    modified_input_connectors: inputs.modified,
    removed_input_connectors: inputs.removed,
    added_output_connectors: outputs.added,
    modified_output_connectors: outputs.modified,
    removed_output_connectors: outputs.removed,
  };
}
