import { serverText } from '../text.ts';
import { FelderaError } from './errors.ts';
import { request, type HttpOptions, type RetryPolicy } from './http.ts';
import type { BootstrapPolicy, Initial, PipelineStatus } from './types.ts';

/** The pipeline manager's calls for one pipeline (API.md section 1). */
export class PipelineClient {
  private readonly http: HttpOptions;
  private readonly path: string;

  constructor(http: HttpOptions, pipelineName: string) {
    this.http = http;
    this.path = `v0/pipelines/${encodeURIComponent(pipelineName)}`;
  }

  async dismissError(retry: RetryPolicy): Promise<void> {
    await request(this.http, 'POST', `${this.path}/dismiss_error`, retry);
  }

  /** Only an error from before this start was dismissed (by `dismissError`), never one it causes. */
  async start(initial: Initial, bootstrapPolicy: BootstrapPolicy, retry: RetryPolicy): Promise<void> {
    const query = new URLSearchParams({ initial, bootstrap_policy: bootstrapPolicy, dismiss_error: 'false' });
    await request(this.http, 'POST', `${this.path}/start?${query}`, retry);
  }

  async approve(retry: RetryPolicy): Promise<void> {
    await request(this.http, 'POST', `${this.path}/approve`, retry);
  }

  async status(retry: RetryPolicy): Promise<PipelineStatus> {
    const body = await request(this.http, 'GET', `${this.path}?selector=status`, retry);
    return pipelineStatus(body, this.http.apiKey ? [this.http.apiKey] : []);
  }
}

const STATUS_FIELDS = ['name', 'program_status', 'deployment_status', 'deployment_desired_status'] as const;

/** Checks the fields the action relies on and neutralises the server's strings once, here. */
function pipelineStatus(body: unknown, secrets: string[]): PipelineStatus {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const missing = STATUS_FIELDS.filter((field) => typeof record[field] !== 'string');
  if (missing.length > 0) {
    throw new FelderaError(
      'UnexpectedResponse',
      `The pipeline's status lacks ${missing.join(', ')}: is api-url the Feldera API?`,
    );
  }
  const text = (field: string) => (typeof record[field] === 'string' ? serverText(record[field], secrets, 100) : '');
  const error = record.deployment_error as PipelineStatus['deployment_error'];
  return {
    name: text('name'),
    program_status: text('program_status'),
    deployment_status: text('deployment_status'),
    deployment_status_since: text('deployment_status_since'),
    deployment_desired_status: text('deployment_desired_status'),
    deployment_id: typeof record.deployment_id === 'string' ? text('deployment_id') : null,
    deployment_error:
      error && typeof error === 'object'
        ? {
            error_code: serverText(String(error.error_code ?? ''), secrets, 100),
            message: serverText(String(error.message ?? ''), secrets),
            details: error.details,
          }
        : null,
  };
}
