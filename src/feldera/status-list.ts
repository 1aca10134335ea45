import { pipelineStatus } from './client.ts';
import { FelderaError } from './errors.ts';
import { request, type HttpOptions, type RetryPolicy } from './http.ts';
import type { PipelineStatus } from './types.ts';

/**
 * Every pipeline's status from one `GET /v0/pipelines?selector=status`, shared by the runs of many
 * pipelines: one request per poll-interval instead of one per pipeline. A list younger than
 * `maxAgeMs` (or on its way) answers every run that asks.
 */
export class StatusList {
  private readonly http: HttpOptions;
  private readonly maxAgeMs: number;
  private list: { at: number; statuses: Promise<Map<string, PipelineStatus>> } | undefined;

  constructor(http: HttpOptions, maxAgeMs: number) {
    this.http = http;
    this.maxAgeMs = maxAgeMs;
  }

  /** A pipeline missing from the list was deleted: Feldera's own code for it. */
  async status(name: string, retry: RetryPolicy): Promise<PipelineStatus> {
    if (!this.list || performance.now() - this.list.at >= this.maxAgeMs) {
      const statuses = this.read(retry);
      this.list = { at: performance.now(), statuses };
      // A failed read is not kept: the next run to ask reads again.
      statuses.catch(() => (this.list = undefined));
    }
    const status = (await this.list.statuses).get(name);
    if (!status) throw new FelderaError('feldera', 'UnknownPipelineName', `GET ${this.url()} lists no pipeline ${name}: it was deleted.`, { status: 404 });
    return status;
  }

  private async read(retry: RetryPolicy): Promise<Map<string, PipelineStatus>> {
    const body = await request(this.http, 'GET', 'v0/pipelines?selector=status', retry);
    const secrets = this.http.credentials.secrets();
    if (!Array.isArray(body)) throw new FelderaError('not-feldera', 'UnexpectedResponse', `GET ${this.url()} answered with no list of pipelines: is api-url the Feldera API?`);
    return new Map(body.map((item) => pipelineStatus(item, secrets)).map((status) => [status.name, status]));
  }

  private url(): string {
    return new URL('v0/pipelines?selector=status', this.http.baseUrl).href;
  }
}
