// `PATCH` and `PUT /v0/pipelines/{name}`, as the manager answers them (api/endpoints/pipeline_management.rs
// patch_pipeline, put_pipeline; db/storage_postgres.rs new_or_update_pipeline; db/operations/pipeline.rs
// update_pipeline, new_pipeline): a core field changes only while fully stopped, an equal value is no
// change, a program change bumps `program_version` and compiles again.
import { randomUUID } from 'node:crypto';
import { statusBody } from './bodies.ts';
import { compile } from './compiler.ts';
import { recordEvent } from './events.ts';
import { defaultProgramConfig, defaultRuntimeConfig, type FakeState, type Send, type Stored } from './pipeline.ts';
import { initialState } from './runner.ts';

const STRINGS = ['name', 'program_code', 'udf_rust', 'udf_toml', 'description'] as const;
const CONFIGS = ['program_config', 'runtime_config'] as const;
/** The fields whose change is a new program: `program_version` goes up and it compiles again. */
const PROGRAM = ['program_code', 'udf_rust', 'udf_toml', 'program_config'] as const;
const CORE = [...PROGRAM, 'runtime_config'] as const;
/** `runtime_config` fields only cleared storage may change (update_pipeline), `resources.` ones inside `resources`. */
const STORAGE_BOUND = ['workers', 'hosts', 'fault_tolerance', 'clock_timezone_offset'];
const RESOURCES_BOUND = ['storage_mb_max', 'namespace', 'storage_class'];

type Body = Partial<Record<(typeof STRINGS)[number], string>> &
  Partial<Record<(typeof CONFIGS)[number], Record<string, unknown>>> & { tags?: string[] };

/** `PATCH` (`put` false) or `PUT` of the pipeline `name`, with the request's body. */
export function update(fake: FakeState, put: boolean, name: string, text: string, send: Send): void {
  const body = parse(text, put);
  // actix's Json extractor refuses the body before the handler runs: plain text.
  if (typeof body === 'string')
    return send(400, `Json deserialize error: ${body}`, { raw: true, contentType: 'text/plain; charset=utf-8' });
  const pipeline = fake.pipelines.get(name);
  if (!pipeline && !put) {
    return send(404, {
      message: `Unknown pipeline name '${name}'`,
      error_code: 'UnknownPipelineName',
      details: { pipeline_name: name },
    });
  }
  // PUT replaces everything: a field left out is its empty value (PostPutPipelineInternal into PipelineDescr).
  const given: Partial<Stored> = {};
  for (const field of ['program_code', 'udf_rust', 'udf_toml'] as const) {
    const value = body[field] ?? (put ? '' : undefined);
    if (value !== undefined) given[field] = value;
  }
  // The manager stores a configuration with its defaults filled in (validate_program_config, validate_runtime_config).
  const config = body.program_config ?? (put ? {} : undefined);
  if (config) given.program_config = { ...defaultProgramConfig(), ...config };
  const runtime = body.runtime_config ?? (put ? {} : undefined);
  if (runtime) given.runtime_config = { ...defaultRuntimeConfig(fake), ...runtime };
  if (!pipeline) {
    if (body.name !== name) {
      return send(400, {
        message:
          'The pipeline name in the request body does not match the one provided in the URL path. This is not allowed when no pipeline with the name provided in the URL path exists.',
        error_code: 'CannotRenameNonExistingPipeline',
        details: {},
      });
    }
    return send(201, statusBody(fake, create(fake, name, given as Stored, body), 'all'));
  }
  const renamed = body.name !== undefined && body.name !== name;
  const changed = CORE.filter((field) => given[field] !== undefined && !same(given[field], pipeline.stored[field]));
  if (
    (renamed || changed.length > 0) &&
    !(pipeline.deploymentStatus === 'Stopped' && pipeline.resourcesDesired === 'Stopped')
  ) {
    return send(400, {
      message: "Pipeline can only be updated while stopped. Stop it first by invoking '/stop'.",
      error_code: 'UpdateRestrictedToStopped',
      // As a real Feldera 0.300 answered (DRIFT.md).
      details: {},
    });
  }
  // Client metadata changes at any time, and bumps no version; PUT replaces it, PATCH merges.
  if (body.description !== undefined || put) pipeline.description = body.description ?? '';
  if (body.tags !== undefined || put) pipeline.tags = [...(body.tags ?? [])];
  if (!renamed && changed.length === 0) return send(200, statusBody(fake, pipeline, 'all'));
  if (pipeline.storage !== 'Cleared') {
    const notAllowed = renamed ? ['`name`'] : [];
    const [now, next] = [pipeline.stored.runtime_config, given.runtime_config];
    if (next) {
      for (const key of STORAGE_BOUND) if (!same(next[key], now[key])) notAllowed.push(`\`runtime_config.${key}\``);
      const [nowResources, nextResources] = [now.resources, next.resources] as Record<string, unknown>[];
      for (const key of RESOURCES_BOUND) {
        if (!same(nextResources?.[key], nowResources?.[key])) notAllowed.push(`\`runtime_config.resources.${key}\``);
      }
    }
    if (notAllowed.length > 0) {
      return send(400, {
        message: `The following pipeline edits are not allowed while storage is not cleared: ${notAllowed.join(', ')}`,
        error_code: 'EditRestrictedToClearedStorage',
        details: { not_allowed: notAllowed },
      });
    }
  }
  // The name is unique: the UPDATE violates the constraint (maybe_unique_violation).
  if (renamed && fake.pipelines.has(body.name!)) {
    return send(409, { message: 'An entity with this name already exists', error_code: 'DuplicateName', details: {} });
  }
  Object.assign(pipeline.stored, given);
  pipeline.version++;
  pipeline.refreshVersion++;
  if (renamed) {
    fake.pipelines.delete(name);
    pipeline.script = { ...pipeline.script, name: body.name! };
    fake.pipelines.set(body.name!, pipeline);
  }
  if (changed.some((field) => (PROGRAM as readonly string[]).includes(field))) {
    pipeline.programVersion++;
    compile(fake, pipeline);
  }
  recordEvent(pipeline);
  send(200, statusBody(fake, pipeline, 'all'));
}

/** A new pipeline: version 1, program version 1, storage cleared, its program Pending (new_pipeline). */
function create(fake: FakeState, name: string, stored: Stored, body: Body) {
  const pipeline = initialState(
    fake,
    { ...fake.options.created, name, program: stored.program_code },
    {
      stored,
      programStatus: 'Pending',
      version: 1,
      programVersion: 1,
      refreshVersion: 1,
      storage: 'Cleared',
      checkpoint: null,
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      description: body.description ?? '',
      tags: [...(body.tags ?? [])],
    },
  );
  fake.pipelines.set(name, pipeline);
  compile(fake, pipeline);
  return pipeline;
}

/** serde_json's `Value` equality: objects whatever the order of their keys. */
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The body as serde reads PatchPipelineInternal or PostPutPipelineInternal (null: absent), or why it does not. */
function parse(text: string, put: boolean): Body | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  const lines = text.split('\n');
  const end = `at line ${lines.length} column ${lines.at(-1)!.length}`;
  const struct = put ? 'PostPutPipelineInternal' : 'PatchPipelineInternal';
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `invalid type: ${kind(value)}, expected struct ${struct} ${end}`;
  const body = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null)) as Record<string, unknown>;
  for (const field of STRINGS) {
    if (body[field] !== undefined && typeof body[field] !== 'string')
      return `invalid type: ${kind(body[field])}, expected a string ${end}`;
  }
  for (const field of CONFIGS) {
    const item = body[field];
    if (item !== undefined && (typeof item !== 'object' || Array.isArray(item)))
      return `invalid type: ${kind(item)}, expected a map ${end}`;
  }
  const tags = body.tags;
  if (tags !== undefined && (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')))
    return `invalid type: ${kind(tags)}, expected a sequence of strings ${end}`;
  for (const field of put ? ['name', 'program_code'] : []) {
    if (body[field] === undefined) return `missing field \`${field}\` ${end}`;
  }
  return body;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'sequence';
  if (typeof value === 'object') return 'map';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'number')
    return Number.isInteger(value) ? `integer \`${value}\`` : `floating point \`${value}\``;
  return `boolean \`${value === true}\``;
}
