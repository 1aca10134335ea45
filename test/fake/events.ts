// `GET /events` (api/endpoints/pipeline_management/pipeline_events.rs, db/operations/pipeline_monitor.rs):
// the manager's monitor events. The manager inserts one in the same transaction as every change of a
// status (db/operations/pipeline.rs calls new_pipeline_monitor_event), copying the pipeline's row; the
// list is newest first (`ORDER BY recorded_at DESC, event_id DESC`), about 720 kept per pipeline.
import { randomUUID } from 'node:crypto';
import { reported, type FakeState, type Pipeline, type Send } from './pipeline.ts';
import { atLeast } from '../fixtures.ts';

/** What an event copies of the pipeline: its statuses, and whether it holds an error. */
export interface MonitorEvent {
  event_id: string;
  recorded_at: string;
  deployment_resources_status: string;
  deployment_resources_desired_status: string;
  deployment_runtime_status: string | null;
  deployment_runtime_desired_status: string | null;
  deployment_has_error: boolean;
  program_status: string;
  storage_status: string;
  /** Only `selector=all` shows it. */
  deployment_error: unknown;
}

/** The manager's retention (`delete_pipeline_monitor_events_exceeding_retention`, default about 720). */
const RETENTION = 720;
/** The version that brought `/events` (0.292); older ones answer an empty 404 (DRIFT.md). */
const EVENTS_SINCE = '0.292.0';

/** The statuses an event copies, as the stored row has them now (what a status read shows). */
function snapshot(pipeline: Pipeline): Omit<MonitorEvent, 'event_id' | 'recorded_at'> {
  const status = reported(pipeline);
  const resources = status === 'Stopped' || status === 'Provisioning' || status === 'Stopping' ? status : 'Provisioned';
  const provisioned = resources === 'Provisioned';
  return {
    deployment_resources_status: resources,
    deployment_resources_desired_status: pipeline.resourcesDesired,
    deployment_runtime_status: provisioned ? status : null,
    deployment_runtime_desired_status: provisioned ? (pipeline.runtimeDesired ?? pipeline.initial) : null,
    deployment_has_error: pipeline.error !== null,
    program_status: pipeline.programStatus,
    storage_status: pipeline.storage,
    // ErrorResponse's `details` is required: an error scripted without it has null.
    deployment_error: pipeline.error && { details: null, ...pipeline.error },
  };
}

/** Records an event when any status changed since the pipeline's last one: called after every change the fake makes. */
export function recordEvent(pipeline: Pipeline): void {
  const now = snapshot(pipeline);
  const last = pipeline.events.at(-1);
  if (last && statuses(last) === statuses(now)) return;
  pipeline.events.push({ event_id: randomUUID(), recorded_at: new Date().toISOString(), ...now });
  if (pipeline.events.length > RETENTION) pipeline.events.shift();
}

/** The statuses of an event, and whether it holds an error: what a change of is recorded. */
function statuses(event: Omit<MonitorEvent, 'event_id' | 'recorded_at'>): string {
  return JSON.stringify([
    event.deployment_resources_status,
    event.deployment_resources_desired_status,
    event.deployment_runtime_status,
    event.deployment_runtime_desired_status,
    event.deployment_has_error,
    event.program_status,
    event.storage_status,
  ]);
}

/** `GET /events`, newest first: `status` (the default) without the details, `all` with them. */
export function events(pipeline: Pipeline, selector: string, send: Send): void {
  send(
    200,
    [...pipeline.events].reverse().map(({ deployment_error, ...event }) =>
      selector === 'all'
        ? {
            ...event,
            deployment_resources_status_details: null,
            deployment_runtime_status_details: null,
            deployment_error,
            storage_status_details: null,
          }
        : event,
    ),
  );
}

/** Whether the version the fake answers as has `/events`: not with `noEvents`, nor before 0.292. */
export function servesEvents(fake: FakeState, version: string): boolean {
  if (fake.options.noEvents) return false;
  return atLeast(version, EVENTS_SINCE);
}
