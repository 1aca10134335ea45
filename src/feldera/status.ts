// A pipeline's status as the step relies on it: the fields checked, the server's strings made inert once.
import { serverText } from '../text/text.ts';
import { droppedItems } from './bounded-json.ts';
import { FelderaError } from './errors.ts';
import { isObject } from './json.ts';
import {
  NAME_LISTS,
  type Bootstrap,
  type BootstrapPolicy,
  type ErrorResponse,
  type NameList,
  type PipelineDiff,
  type PipelineStatus,
} from './types.ts';

const STATUS_FIELDS = ['name', 'program_status', 'deployment_status', 'deployment_desired_status'] as const;

/** Checks the fields the action relies on and neutralises the server's strings once, here. */
export function pipelineStatus(body: unknown, secrets: string[]): PipelineStatus {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const missing = STATUS_FIELDS.filter((field) => typeof record[field] !== 'string');
  if (missing.length > 0) {
    throw new FelderaError(
      'not-feldera',
      'UnexpectedResponse',
      `The pipeline's status lacks ${missing.join(', ')}: is api-url the Feldera API?`,
    );
  }
  const text = (field: string) => (typeof record[field] === 'string' ? serverText(record[field], secrets, 100) : '');
  const error = record.deployment_error as Partial<Record<keyof ErrorResponse, unknown>> | null | undefined;
  return {
    name: text('name'),
    program_status: text('program_status'),
    deployment_status: text('deployment_status'),
    deployment_status_since: text('deployment_status_since'),
    deployment_desired_status: text('deployment_desired_status'),
    deployment_initial: typeof record.deployment_initial === 'string' ? text('deployment_initial') : null,
    bootstrap: parseBootstrap(record),
    deployment_id: typeof record.deployment_id === 'string' ? text('deployment_id') : null,
    program_version: typeof record.program_version === 'number' ? record.program_version : undefined,
    approval_diff: approvalDiff(record.deployment_runtime_status_details, secrets),
    deployment_error:
      error && typeof error === 'object'
        ? {
            error_code: serverText(typeof error.error_code === 'string' ? error.error_code : '', secrets, 100),
            message: serverText(typeof error.message === 'string' ? error.message : '', secrets),
            details: error.details,
          }
        : null,
  };
}

const POLICIES: readonly string[] = ['allow', 'reject', 'await_approval'] satisfies BootstrapPolicy[];

/** `bootstrap_policy`, `silent_bootstrap`, `concurrent_bootstrap`: what the last start asked for, when the server says. */
function parseBootstrap(record: Record<string, unknown>): Bootstrap | null {
  const policy = record.bootstrap_policy;
  if (typeof policy !== 'string' || !POLICIES.includes(policy)) return null;
  return {
    policy: policy as BootstrapPolicy,
    silent: record.silent_bootstrap === true,
    concurrent: record.concurrent_bootstrap === true,
  };
}

const names = (value: unknown, secrets: string[]): string[] =>
  Array.isArray(value)
    ? value.filter((name) => typeof name === 'string').map((name) => serverText(name, secrets, 200))
    : [];

/** `details.approval_diff`, or, from servers before Feldera PR #6564, the details object itself. */
function approvalDiff(details: unknown, secrets: string[]): PipelineDiff | null {
  if (!isObject(details)) return null;
  return pipelineDiff(
    'approval_diff' in details ? details.approval_diff : 'program_diff' in details ? details : null,
    secrets,
  );
}

/** A `PipelineDiff` of Feldera's (an approval's, or `/diff`'s answer), its names made inert; null when it is not an object. */
export function pipelineDiff(diff: unknown, secrets: string[]): PipelineDiff | null {
  if (!isObject(diff)) return null;
  const program = isObject(diff.program_diff) ? diff.program_diff : null;
  // Names of a list too long to keep whole (bounded-json.ts) are counted, so that the counts stay true.
  const omitted: Partial<Record<NameList, number>> = {};
  for (const [list, value] of [
    ...NAME_LISTS.program.map((list) => [list, program?.[list]] as const),
    ...NAME_LISTS.connectors.map((list) => [list, diff[list]] as const),
  ]) {
    if (Array.isArray(value) && droppedItems(value) > 0) omitted[list] = droppedItems(value);
  }
  return {
    program_diff: program && {
      added_tables: names(program.added_tables, secrets),
      removed_tables: names(program.removed_tables, secrets),
      modified_tables: names(program.modified_tables, secrets),
      added_views: names(program.added_views, secrets),
      removed_views: names(program.removed_views, secrets),
      modified_views: names(program.modified_views, secrets),
    },
    program_diff_error:
      typeof diff.program_diff_error === 'string' ? serverText(diff.program_diff_error, secrets) : null,
    added_input_connectors: names(diff.added_input_connectors, secrets),
    modified_input_connectors: names(diff.modified_input_connectors, secrets),
    removed_input_connectors: names(diff.removed_input_connectors, secrets),
    added_output_connectors: names(diff.added_output_connectors, secrets),
    modified_output_connectors: names(diff.modified_output_connectors, secrets),
    removed_output_connectors: names(diff.removed_output_connectors, secrets),
    ...(Object.keys(omitted).length > 0 ? { omitted_names: omitted } : {}),
  };
}
