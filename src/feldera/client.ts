import { redact, serverText } from '../log/text.ts';
import { droppedItems } from './bounded-json.ts';
import { FelderaError } from './errors.ts';
import { isObject } from './json.ts';
import { request, type HttpOptions, type RetryPolicy } from './http.ts';
import { readLogTail, type LogLimits, type LogTail } from './logs.ts';
import { controllerStatus, type ControllerStatus } from './stats.ts';
import type { StatusList } from './status-list.ts';
import {
  NAME_LISTS,
  type Bootstrap,
  type BootstrapPolicy,
  type ErrorResponse,
  type Initial,
  type NameList,
  type PipelineDiff,
  type PipelineStatus,
  type ProgramError,
} from './types.ts';

/** The pipeline manager's calls for one pipeline (API.md section 1). */
export class PipelineClient {
  private readonly http: HttpOptions;
  readonly pipelineName: string;
  private readonly path: string;

  private readonly statuses: StatusList | undefined;
  /**
   * The next status read is this client's own: a shared list may be older than the call that came
   * just before, answered or refused. The first read, before any call, may come from the list.
   */
  private ownRead = false;

  /** `statuses`: read the status from one list of all pipelines, shared with other clients. */
  constructor(http: HttpOptions, pipelineName: string, statuses?: StatusList) {
    this.http = http;
    this.pipelineName = pipelineName;
    this.statuses = statuses;
    this.path = `v0/pipelines/${encodeURIComponent(pipelineName)}`;
  }

  async dismissError(retry: RetryPolicy): Promise<void> {
    await request(this.http, 'POST', `${this.path}/dismiss_error`, retry);
  }

  /**
   * Only an error from before this start was dismissed (by `dismissError`), never one it causes.
   * The bootstrap flags are always sent: a repeat start compares them with the first one's.
   */
  async start(initial: Initial, bootstrap: Bootstrap, retry: RetryPolicy): Promise<void> {
    const query = new URLSearchParams({ initial, bootstrap_policy: bootstrap.policy, ...bootstrapFlags(bootstrap), dismiss_error: 'false' });
    this.ownRead = true;
    await request(this.http, 'POST', `${this.path}/start?${query.toString()}`, retry);
  }

  /**
   * `/pause`, `/resume` and `/activate` set the pipeline process's own desired status: the manager
   * forwards them, and answers 503 while there is no process to forward to (API.md 1.2).
   */
  async pause(retry: RetryPolicy): Promise<void> {
    this.ownRead = true;
    await request(this.http, 'POST', `${this.path}/pause`, retry);
  }

  async resume(retry: RetryPolicy): Promise<void> {
    this.ownRead = true;
    await request(this.http, 'POST', `${this.path}/resume`, retry);
  }

  /** Out of standby, into `initial`; Feldera Enterprise only (the community edition answers 501 EnterpriseFeature). */
  async activate(initial: 'running' | 'paused', retry: RetryPolicy): Promise<void> {
    this.ownRead = true;
    await request(this.http, 'POST', `${this.path}/activate?${new URLSearchParams({ initial }).toString()}`, retry);
  }

  /** `force=true`: a graceful stop is Enterprise-only and can hang on an open transaction (API.md 1.4, 8). */
  async stop(retry: RetryPolicy): Promise<void> {
    await request(this.http, 'POST', `${this.path}/stop?force=true`, retry);
  }

  /** The pipeline takes the flags of the approve as they are, not those of the start. */
  async approve(bootstrap: Bootstrap, retry: RetryPolicy): Promise<void> {
    await request(this.http, 'POST', `${this.path}/approve?${new URLSearchParams(bootstrapFlags(bootstrap)).toString()}`, retry);
  }

  async status(retry: RetryPolicy): Promise<PipelineStatus> {
    if (this.statuses && !this.ownRead) return this.statuses.status(this.pipelineName, retry);
    this.ownRead = false;
    const body = await request(this.http, 'GET', `${this.path}?selector=status`, retry);
    return pipelineStatus(body, this.secrets());
  }

  /** The compiler's messages: only `selector=all` has them (API.md 3). */
  async programError(retry: RetryPolicy): Promise<ProgramError | null> {
    const body = (await request(this.http, 'GET', `${this.path}?selector=all`, retry)) as { program_error?: unknown } | null;
    return programError(body?.program_error, this.secrets());
  }

  /** The connectors' health and counters, with their recent errors; 503 until the pipeline process is up. */
  async stats(retry: RetryPolicy): Promise<ControllerStatus> {
    const body = await request(this.http, 'GET', `${this.path}/stats?include_connector_errors=true`, retry);
    return controllerStatus(body, this.secrets());
  }

  /** `follow=false`: since Feldera 0.375 the stream ends after the buffered lines; older ones ignore it. */
  logs(limits: LogLimits): Promise<LogTail> {
    return readLogTail(this.http, `${this.path}/logs?follow=false`, limits);
  }

  /** The same calls under another signal: follow-up reads after the run's budget is spent. */
  withSignal(signal: AbortSignal): PipelineClient {
    return new PipelineClient({ ...this.http, signal }, this.pipelineName);
  }

  private secrets(): string[] {
    return this.http.credentials.secrets();
  }
}

function bootstrapFlags(bootstrap: Bootstrap): Record<string, string> {
  return { silent_bootstrap: String(bootstrap.silent), concurrent_bootstrap: String(bootstrap.concurrent) };
}

const STATUS_FIELDS = ['name', 'program_status', 'deployment_status', 'deployment_desired_status'] as const;

/** Checks the fields the action relies on and neutralises the server's strings once, here. */
export function pipelineStatus(body: unknown, secrets: string[]): PipelineStatus {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const missing = STATUS_FIELDS.filter((field) => typeof record[field] !== 'string');
  if (missing.length > 0) {
    throw new FelderaError('not-feldera', 'UnexpectedResponse', `The pipeline's status lacks ${missing.join(', ')}: is api-url the Feldera API?`);
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
    bootstrap: bootstrapOf(record),
    deployment_id: typeof record.deployment_id === 'string' ? text('deployment_id') : null,
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
function bootstrapOf(record: Record<string, unknown>): Bootstrap | null {
  const policy = record.bootstrap_policy;
  if (typeof policy !== 'string' || !POLICIES.includes(policy)) return null;
  return { policy: policy as BootstrapPolicy, silent: record.silent_bootstrap === true, concurrent: record.concurrent_bootstrap === true };
}

const names = (value: unknown, secrets: string[]): string[] =>
  Array.isArray(value) ? value.filter((name) => typeof name === 'string').map((name) => serverText(name, secrets, 200)) : [];

/** `details.approval_diff`, or, from servers before Feldera PR #6564, the details object itself. */
function approvalDiff(details: unknown, secrets: string[]): PipelineDiff | null {
  if (!isObject(details)) return null;
  const diff = 'approval_diff' in details ? details.approval_diff : 'program_diff' in details ? details : null;
  if (!isObject(diff)) return null;
  const program = isObject(diff.program_diff) ? diff.program_diff : null;
  // Names of a list too long to keep whole (bounded-json.ts) are counted, so that the counts stay true.
  const omitted: Partial<Record<NameList, number>> = {};
  for (const [list, value] of [...NAME_LISTS.program.map((list) => [list, program?.[list]] as const), ...NAME_LISTS.connectors.map((list) => [list, diff[list]] as const)]) {
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
    program_diff_error: typeof diff.program_diff_error === 'string' ? serverText(diff.program_diff_error, secrets) : null,
    added_input_connectors: names(diff.added_input_connectors, secrets),
    modified_input_connectors: names(diff.modified_input_connectors, secrets),
    removed_input_connectors: names(diff.removed_input_connectors, secrets),
    added_output_connectors: names(diff.added_output_connectors, secrets),
    modified_output_connectors: names(diff.modified_output_connectors, secrets),
    removed_output_connectors: names(diff.removed_output_connectors, secrets),
    ...(Object.keys(omitted).length > 0 ? { omitted_names: omitted } : {}),
  };
}

/**
 * `program_error`, with its text left multi-line (snippets, cargo output): whoever prints it must
 * neutralise each line. Only the key is taken out here.
 */
function programError(value: unknown, secrets: string[]): ProgramError | null {
  if (!isObject(value)) return null;
  const text = (value: unknown) => redact(typeof value === 'string' ? value : '', secrets);
  const number = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);
  const sql = isObject(value.sql_compilation) ? value.sql_compilation : null;
  const rust = isObject(value.rust_compilation) ? value.rust_compilation : null;
  return {
    sql_compilation: sql && {
      exit_code: number(sql.exit_code),
      messages: (Array.isArray(sql.messages) ? sql.messages : []).filter(isObject).map((message) => ({
        start_line_number: number(message.start_line_number),
        start_column: number(message.start_column),
        end_line_number: number(message.end_line_number),
        end_column: number(message.end_column),
        warning: message.warning === true,
        error_type: text(message.error_type),
        message: text(message.message),
        snippet: typeof message.snippet === 'string' ? text(message.snippet) : null,
      })),
    },
    rust_compilation: rust && { exit_code: number(rust.exit_code), stdout: text(rust.stdout), stderr: text(rust.stderr) },
    system_error: typeof value.system_error === 'string' ? text(value.system_error) : null,
  };
}
