// Checks the fake's answers against Feldera's openapi.json with Ajv: 0.375's spec, kept in the project
// as test data (test/feldera-spec/), and 0.337's, beside the project in the shared folder when it is
// there. Each answer is checked against the spec of the version the fake answered as.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FakeResponse } from './fake-feldera.ts';
import { answersAsNewest, NEWEST_FELDERA } from './fixtures.ts';

export const NEWEST_SPEC = join(import.meta.dirname, 'feldera-spec', `openapi-${NEWEST_FELDERA}.json`);
/** The crate's file, as test/feldera-spec/README.md records it. */
export const NEWEST_SPEC_SHA256 = 'c0363c9267b2efcf3552e10ecd561f571dfaa53199142f6087a2503c319d3ce2';
export const OLDER_SPEC = join(import.meta.dirname, '..', '..', 'shared', 'feldera', 'openapi.json');

/** The spec an answer of a fake of `version` is checked against. */
export function specFor(version: string): string {
  return answersAsNewest(version) ? NEWEST_SPEC : OLDER_SPEC;
}

/** The action's endpoints, as openapi.json names their paths. */
const SPEC_PATHS: Record<string, string> = {
  status: '/v0/pipelines/{pipeline_name}',
  patch: '/v0/pipelines/{pipeline_name}',
  put: '/v0/pipelines/{pipeline_name}',
  list: '/v0/pipelines',
  start: '/v0/pipelines/{pipeline_name}/start',
  stop: '/v0/pipelines/{pipeline_name}/stop',
  approve: '/v0/pipelines/{pipeline_name}/approve',
  pause: '/v0/pipelines/{pipeline_name}/pause',
  resume: '/v0/pipelines/{pipeline_name}/resume',
  activate: '/v0/pipelines/{pipeline_name}/activate',
  dismiss_error: '/v0/pipelines/{pipeline_name}/dismiss_error',
  stats: '/v0/pipelines/{pipeline_name}/stats',
  logs: '/v0/pipelines/{pipeline_name}/logs',
  support_bundle: '/v0/pipelines/{pipeline_name}/support_bundle',
  diff: '/v0/pipelines/{pipeline_name}/diff',
  events: '/v0/pipelines/{pipeline_name}/events',
  config: '/v0/config',
};

type Spec = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
};

/** Where the JSON answers depart from the schemas `specFile` declares for them, and how many had one. */
export function checkAnswers(specFile: string, answers: FakeResponse[]): { problems: string[]; checked: number } {
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as Spec;
  // Schemas refer to each other as #/components/schemas/…: the whole document is one schema to Ajv.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // 0.375 names a checkpoint's fingerprint `uint64`, a format ajv-formats does not know.
  ajv.addFormat('uint64', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= 0 });
  ajv.addSchema(jsonSchema(spec) as object, 'openapi.json');
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  let checked = 0;
  const problems: string[] = [];
  for (const answer of answers) {
    const path = answer.endpoint && SPEC_PATHS[answer.endpoint];
    if (!path) continue;
    const declared =
      spec.paths[path]?.[answer.method.toLowerCase()]?.responses[String(answer.status)]?.content?.['application/json']
        ?.schema;
    if (!declared || !answer.contentType.startsWith('application/json')) continue;
    const key = JSON.stringify(declared);
    const validate = compiled.get(key) ?? ajv.compile(rebase(jsonSchema(declared)) as object);
    compiled.set(key, validate);
    if (!validate(JSON.parse(answer.body)))
      problems.push(`${answer.method} ${answer.path} ${answer.status}: ${ajv.errorsText(validate.errors)}`);
    checked++;
  }
  return { problems, checked };
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema says it (3.1 documents have none): this or null. */
function jsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, jsonSchema(value)]));
  return nullable === true
    ? { anyOf: [converted, { type: 'null' }] }
    : nullable === undefined
      ? converted
      : { ...converted, nullable };
}

/** The declared schema, its `$ref`s pointed into the spec document registered as `openapi.json`. */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
}
