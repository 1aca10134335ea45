// The manager's monitor events (`GET /v0/pipelines/{name}/events?selector=status`, Feldera 0.292 and
// later): what the step needs of each, the server's strings made inert once, here.
import { serverText } from '../text/text.ts';
import { isObject } from './json.ts';
import type { PipelineEvent } from './types.ts';

/** Whether an item of the list was recorded at or after `sinceMs` (Feldera's clock): the others are not kept. */
export function recordedSince(item: unknown, sinceMs: number): boolean {
  return isObject(item) && typeof item.recorded_at === 'string' && Date.parse(item.recorded_at) >= sinceMs;
}

/**
 * The events as Feldera lists them, newest first. Each gets the status a status read would have
 * shown then (CombinedStatus::new in db/types/combined_status.rs): the resources status, or once the
 * resources are provisioned the runtime status (`Unavailable` when there is none yet). An item
 * without a time or a resources status says nothing, and is left out.
 */
export function pipelineEvents(body: unknown, secrets: string[]): PipelineEvent[] {
  if (!Array.isArray(body)) throw new Error('the answer is not a list of events');
  const text = (value: unknown) => (typeof value === 'string' ? serverText(value, secrets, 100) : '');
  return body.filter(isObject).flatMap((event) => {
    const recordedAt = typeof event.recorded_at === 'string' ? Date.parse(event.recorded_at) : NaN;
    const resources = text(event.deployment_resources_status);
    if (Number.isNaN(recordedAt) || !resources) return [];
    const runtime = text(event.deployment_runtime_status);
    return [
      {
        recordedAt,
        deployment_status: resources === 'Provisioned' ? runtime || 'Unavailable' : resources,
        program_status: text(event.program_status),
        deployment_has_error: event.deployment_has_error === true,
      },
    ];
  });
}
