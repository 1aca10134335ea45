import { pipelineStatus } from './status.ts';
import { FelderaError } from './errors.ts';
import { request, type HttpOptions, type RetryPolicy } from './http.ts';
import type { PipelineStatus } from './types.ts';

/**
 * Every pipeline's status from one `GET /v0/pipelines?selector=status`, shared by the runs of many
 * pipelines: one request per poll-interval instead of one per pipeline. A list younger than
 * `maxAgeMs` (or on its way) answers every run that asks. Younger than a poll-interval, it is never
 * older than a run's start: a run reads its first status after its start by itself (client.ts).
 */
export class StatusList {
  private readonly http: HttpOptions;
  private readonly maxAgeMs: number;
  /** The pipelines of the step: only their items of the list are kept, however many others Feldera has. */
  private readonly names: ReadonlySet<string>;
  private list: { at: number; items: Promise<Map<string, unknown>> } | undefined;

  constructor(http: HttpOptions, maxAgeMs: number, names: readonly string[]) {
    this.http = http;
    this.maxAgeMs = maxAgeMs;
    this.names = new Set(names);
  }

  /**
   * A pipeline missing from the list was deleted: Feldera's own code for it. A list asked for before
   * `notBefore` (the run's own last read) is older than what the run has seen, however young: read anew.
   */
  async status(name: string, retry: RetryPolicy, notBefore = -Infinity): Promise<PipelineStatus> {
    if (!this.list || performance.now() - this.list.at >= this.maxAgeMs || this.list.at < notBefore) {
      const items = this.read(retry);
      this.list = { at: performance.now(), items };
      // A failed read is not kept: the next run to ask reads again.
      items.catch(() => (this.list = undefined));
    }
    const item = (await this.list.items).get(name);
    if (item === undefined) {
      throw new FelderaError(
        'feldera',
        'UnknownPipelineName',
        `GET ${this.url()} lists no pipeline ${name}: it was deleted.`,
        {
          status: 404,
          hint: 'someone deleted the pipeline while the step waited for it.',
        },
      );
    }
    // Parsed here, for the pipeline asked for: another pipeline's odd entry is none of this run's business.
    return pipelineStatus(item, this.http.credentials.secrets());
  }

  private async read(retry: RetryPolicy): Promise<Map<string, unknown>> {
    const named = (item: unknown): item is { name: string } =>
      typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string';
    const ours = (item: unknown) => named(item) && this.names.has(item.name);
    const body = await request(this.http, 'GET', 'v0/pipelines?selector=status', retry, { keepItem: ours });
    if (!Array.isArray(body))
      throw new FelderaError(
        'not-feldera',
        'UnexpectedResponse',
        `GET ${this.url()} answered with no list of pipelines: is api-url the Feldera API?`,
      );
    return new Map(body.filter(named).map((item) => [item.name, item]));
  }

  private url(): string {
    return new URL('v0/pipelines?selector=status', this.http.baseUrl).href;
  }
}
