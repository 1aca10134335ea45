import { redact } from '../text/text.ts';
import { pipelineEvents, recordedSince } from './events.ts';
import { isObject } from './json.ts';
import { request, type HttpOptions, type RetryPolicy } from './http.ts';
import { readLogTail, type LogLimits, type LogTail } from './logs.ts';
import { controllerStatus, type ControllerStatus } from './stats.ts';
import type { StatusList } from './status-list.ts';
import { pipelineDiff, pipelineStatus } from './status.ts';
import { FelderaError } from './errors.ts';
import { downloadSupportBundle, type BundleLimits } from './support-bundle.ts';
import type {
  Bootstrap,
  Initial,
  PipelineDiff,
  PipelineEvent,
  PipelineProgram,
  PipelineStatus,
  ProgramError,
} from './types.ts';
import { JSON_LIMITS } from './bounded-json.ts';

/** A program is read whole up to this size; a larger one is refused rather than cut. */
const PROGRAM_LIMITS = { ...JSON_LIMITS, maxString: 32 << 20, maxKept: 96 << 20 };
const CUT = /…\[cut: [^\]]+\]$/;

/** The program fields of `selector=all`, kept as they are: they are sent back as they were (a rollback). */
function pipelineProgram(body: unknown, path: string): PipelineProgram {
  const record = isObject(body) ? body : {};
  const text = (field: string) => {
    const value = record[field];
    if (value === null || value === undefined) return '';
    if (typeof value !== 'string' || CUT.test(value))
      throw new FelderaError('not-feldera', 'UnexpectedResponse', `GET ${path}: ${field} is not a whole string.`);
    return value;
  };
  const version = record.program_version;
  return {
    program_code: text('program_code'),
    udf_rust: text('udf_rust'),
    udf_toml: text('udf_toml'),
    program_version: typeof version === 'number' ? version : 0,
  };
}

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
  /** When this client's last own read was sent: a list asked for before it is older than what the run has seen. */
  private ownReadAt = -Infinity;

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
    const query = new URLSearchParams({
      initial,
      bootstrap_policy: bootstrap.policy,
      ...bootstrapFlags(bootstrap),
      dismiss_error: 'false',
    });
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

  /**
   * `force=true` by default: a graceful stop (a checkpoint first) is Enterprise-only and can hang on an
   * open transaction (API.md 1.4, 8); an update that keeps the state asks for it.
   */
  async stop(retry: RetryPolicy, force = true): Promise<void> {
    this.ownRead = true;
    await request(this.http, 'POST', `${this.path}/stop?force=${String(force)}`, retry);
  }

  /**
   * The configured program, whole (a program cut by the reader's limits must never be compared or
   * restored), with the status; null when there is no such pipeline.
   */
  async program(retry: RetryPolicy): Promise<{ program: PipelineProgram; status: PipelineStatus } | null> {
    let body: unknown;
    try {
      body = await request(this.http, 'GET', `${this.path}?selector=all`, retry, { limits: PROGRAM_LIMITS });
    } catch (error) {
      if (error instanceof FelderaError && error.code === 'UnknownPipelineName') return null;
      throw error;
    }
    this.ownRead = false;
    return { program: pipelineProgram(body, this.path), status: pipelineStatus(body, this.secrets()) };
  }

  /** `PATCH`: only the fields given change; Feldera refuses a change of the program unless the pipeline is Stopped. */
  async update(fields: Partial<Omit<PipelineProgram, 'program_version'>>, retry: RetryPolicy): Promise<void> {
    this.ownRead = true;
    await request(this.http, 'PATCH', this.path, retry, { json: fields });
  }

  /** `PUT` of a pipeline that does not exist: created with these fields and Feldera's defaults for the rest. */
  async create(fields: Partial<Omit<PipelineProgram, 'program_version'>>, retry: RetryPolicy): Promise<void> {
    this.ownRead = true;
    await request(this.http, 'PUT', this.path, retry, { json: { name: this.pipelineName, ...fields } });
  }

  /** The pipeline takes the flags of the approve as they are, not those of the start. */
  async approve(bootstrap: Bootstrap, retry: RetryPolicy): Promise<void> {
    await request(
      this.http,
      'POST',
      `${this.path}/approve?${new URLSearchParams(bootstrapFlags(bootstrap)).toString()}`,
      retry,
    );
  }

  async status(retry: RetryPolicy): Promise<PipelineStatus> {
    if (this.statuses && !this.ownRead) return this.statuses.status(this.pipelineName, retry, this.ownReadAt);
    this.ownRead = false;
    this.ownReadAt = performance.now();
    const body = await request(this.http, 'GET', `${this.path}?selector=status`, retry);
    return pipelineStatus(body, this.secrets());
  }

  /** The compiler's messages: only `selector=all` has them (API.md 3). */
  async programError(retry: RetryPolicy): Promise<ProgramError | null> {
    const body = (await request(this.http, 'GET', `${this.path}?selector=all`, retry)) as {
      program_error?: unknown;
    } | null;
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

  /**
   * The manager's monitor events, newest first (Feldera 0.292 and later; older ones answer an empty
   * 404). Only those recorded since `sinceMs`, on Feldera's clock, are kept of the ~720 it lists.
   */
  async events(sinceMs: number, retry: RetryPolicy): Promise<PipelineEvent[]> {
    const body = await request(this.http, 'GET', `${this.path}/events?selector=status`, retry, {
      keepItem: (item) => recordedSince(item, sinceMs),
    });
    return pipelineEvents(body, this.secrets());
  }

  /** Into `file`; each part left out is sent as `false`, as Feldera takes every part by default. */
  supportBundle(
    parts: readonly string[] | undefined,
    allParts: readonly string[],
    file: string,
    limits: BundleLimits,
  ): Promise<number> {
    const query = new URLSearchParams(
      allParts.filter((part) => parts && !parts.includes(part)).map((part): [string, string] => [part, 'false']),
    );
    return downloadSupportBundle(
      this.http,
      `${this.path}/support_bundle${query.size > 0 ? `?${query.toString()}` : ''}`,
      file,
      limits,
    );
  }

  /**
   * What `programCode`, compiled with `runtimeVersion` (else the platform's runtime), would change
   * against the pipeline's configured program; changes nothing (Feldera 0.324 and later).
   */
  async diff(programCode: string, runtimeVersion: string | undefined, retry: RetryPolicy): Promise<PipelineDiff> {
    const json = { program_code: programCode, ...(runtimeVersion ? { runtime_version: runtimeVersion } : {}) };
    const body = await request(this.http, 'POST', `${this.path}/diff`, retry, { json });
    const diff = pipelineDiff(body, this.secrets());
    if (!diff)
      throw new FelderaError(
        'not-feldera',
        'UnexpectedResponse',
        `POST ${this.path}/diff answered something that is not a PipelineDiff: is api-url the Feldera API?`,
      );
    return diff;
  }

  /**
   * The compiler's messages about a proposed program, from `/diff`'s InvalidNewProgramSql: its
   * `details.error` holds them as JSON text (api/endpoints/pipeline_management.rs). Null when they
   * cannot be read (cut for its length, say).
   */
  proposalErrors(error: FelderaError): ProgramError | null {
    const text = isObject(error.details) ? error.details.error : undefined;
    let messages: unknown;
    try {
      messages = typeof text === 'string' ? JSON.parse(text) : undefined;
    } catch {
      return null;
    }
    return Array.isArray(messages)
      ? programError({ sql_compilation: { exit_code: 1, messages } }, this.secrets())
      : null;
  }

  /** The same calls with another time limit per request: a `/diff` compiles the program it is sent. */
  withRequestTimeout(requestTimeoutMs: number): PipelineClient {
    return new PipelineClient({ ...this.http, requestTimeoutMs }, this.pipelineName);
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
    rust_compilation: rust && {
      exit_code: number(rust.exit_code),
      stdout: text(rust.stdout),
      stderr: text(rust.stderr),
    },
    system_error: typeof value.system_error === 'string' ? text(value.system_error) : null,
  };
}
