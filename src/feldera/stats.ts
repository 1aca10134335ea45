import { serverText } from '../text/text.ts';
import { FelderaError } from './errors.ts';
import { droppedItems } from './bounded-json.ts';
import { isObject, type Json } from './json.ts';

// `GET /v0/pipelines/{name}/stats?include_connector_errors=true`: openapi.json's ControllerStatus,
// trimmed to the fields the action reads, with its field names. Feldera's serializer
// (crates/feldera-types/src/adapter_stats.rs) writes `health` and `fatal_error` as null when there is
// none (only some connectors report health at all), and the error lists only when asked for them.

type PipelineState = 'Paused' | 'Running' | 'Terminated';
type ConcurrentBootstrapPhase = 'Inactive' | 'ConcurrentBootstrapping' | 'Synchronizing';
type ConnectorHealthStatus = 'Healthy' | 'Unhealthy';

/** `CommitProgressSummary`: operators flushed, being flushed and not started, while a commit runs. */
export interface CommitProgressSummary {
  completed: number;
  in_progress: number;
  remaining: number;
  in_progress_processed_records: number;
  in_progress_total_records: number;
}

/** The fields of `GlobalControllerMetrics` the action reads. */
interface GlobalControllerMetrics {
  state: PipelineState | (string & {});
  bootstrap_in_progress: boolean;
  concurrent_bootstrap_phase: ConcurrentBootstrapPhase | (string & {});
  /** The commit in progress: a stop-the-world bootstrap commits as one transaction. */
  commit_progress: CommitProgressSummary | null;
  /** The backfill's commit while `ConcurrentBootstrapping`, the cutover's while `Synchronizing`. */
  concurrent_bootstrap_progress: CommitProgressSummary | null;
  incarnation_uuid: string;
  total_input_records: number;
  total_processed_records: number;
  output_stall_msecs: number;
  pipeline_complete: boolean;
}

export interface ConnectorHealth {
  status: ConnectorHealthStatus | (string & {});
  description: string | null;
}

/** `ConnectorError`: one of the recent errors Feldera keeps per endpoint. */
export interface ConnectorError {
  timestamp: string;
  message: string;
}

interface InputEndpointStatus {
  endpoint_name: string;
  config: { stream: string };
  /** Paused by the user or by the connector's configuration (`paused`, `start_after`). */
  paused: boolean;
  health: ConnectorHealth | null;
  fatal_error: string | null;
  metrics: { total_records: number; num_transport_errors: number; num_parse_errors: number; end_of_input: boolean };
  transport_errors: ConnectorError[] | null;
  parse_errors: ConnectorError[] | null;
}

interface OutputEndpointStatus {
  endpoint_name: string;
  config: { stream: string };
  /** Paused by the user or by its configuration: it discards the output it receives (Feldera 0.375; false before). */
  paused: boolean;
  health: ConnectorHealth | null;
  fatal_error: string | null;
  metrics: { transmitted_records: number; num_transport_errors: number; num_encode_errors: number };
  transport_errors: ConnectorError[] | null;
  encode_errors: ConnectorError[] | null;
}

export interface ControllerStatus {
  global_metrics: GlobalControllerMetrics;
  inputs: InputEndpointStatus[];
  outputs: OutputEndpointStatus[];
  /** The action's own: endpoints beyond `MAX_ENDPOINTS` of a direction, counted but not kept. */
  omitted_endpoints: number;
}

/** Endpoints kept of each direction: far more than a pipeline has, few enough for the outputs. */
export const MAX_ENDPOINTS = 1000;
/** Errors kept of each list (Feldera sends up to 100 per tag, oldest first): the newest are the ones told. */
export const MAX_ERRORS_KEPT = 3;

/** A field of the server's object itself, never one inherited (`__proto__`, `constructor`). */
const field = (record: Json, name: string): unknown => (Object.hasOwn(record, name) ? record[name] : undefined);
const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;

/**
 * Checks the body's shape and neutralises every string of the server's once, here. Only the three
 * required parts must be there; a field of the wrong type reads as absent, so that a newer or older
 * Feldera still gives the action what it can.
 */
export function controllerStatus(body: unknown, secrets: string[]): ControllerStatus {
  const record = isObject(body) ? body : {};
  const global = field(record, 'global_metrics');
  const inputs = field(record, 'inputs');
  const outputs = field(record, 'outputs');
  if (!isObject(global) || !Array.isArray(inputs) || !Array.isArray(outputs)) {
    throw new FelderaError(
      'not-feldera',
      'UnexpectedResponse',
      "The pipeline's statistics lack global_metrics, inputs or outputs: is api-url the Feldera API?",
    );
  }
  const text = (value: unknown, maxLength?: number): string =>
    typeof value === 'string' ? serverText(value, secrets, maxLength) : '';
  const nullableText = (value: unknown): string | null =>
    typeof value === 'string' ? serverText(value, secrets) : null;

  const health = (value: unknown): ConnectorHealth | null =>
    isObject(value) && typeof field(value, 'status') === 'string'
      ? { status: text(field(value, 'status'), 40), description: nullableText(field(value, 'description')) }
      : null;
  const errors = (value: unknown): ConnectorError[] | null =>
    Array.isArray(value)
      ? value
          .slice(-MAX_ERRORS_KEPT)
          .filter(isObject)
          .map((error) => ({ timestamp: text(field(error, 'timestamp'), 40), message: text(field(error, 'message')) }))
      : null;
  const endpoint = (value: Json) => {
    const config = field(value, 'config');
    return {
      endpoint_name: text(field(value, 'endpoint_name'), 200),
      config: { stream: isObject(config) ? text(field(config, 'stream'), 200) : '' },
      health: health(field(value, 'health')),
      fatal_error: nullableText(field(value, 'fatal_error')),
      transport_errors: errors(field(value, 'transport_errors')),
    };
  };
  const metrics = (value: Json): Json => {
    const metrics = field(value, 'metrics');
    return isObject(metrics) ? metrics : {};
  };

  const keptInputs = inputs.slice(0, MAX_ENDPOINTS).filter(isObject);
  const keptOutputs = outputs.slice(0, MAX_ENDPOINTS).filter(isObject);
  return {
    global_metrics: globalMetrics(global, text),
    inputs: keptInputs.map((input) => ({
      ...endpoint(input),
      paused: field(input, 'paused') === true,
      metrics: {
        total_records: count(field(metrics(input), 'total_records')),
        num_transport_errors: count(field(metrics(input), 'num_transport_errors')),
        num_parse_errors: count(field(metrics(input), 'num_parse_errors')),
        end_of_input: field(metrics(input), 'end_of_input') === true,
      },
      parse_errors: errors(field(input, 'parse_errors')),
    })),
    outputs: keptOutputs.map((output) => ({
      ...endpoint(output),
      paused: field(output, 'paused') === true,
      metrics: {
        transmitted_records: count(field(metrics(output), 'transmitted_records')),
        num_transport_errors: count(field(metrics(output), 'num_transport_errors')),
        num_encode_errors: count(field(metrics(output), 'num_encode_errors')),
      },
      encode_errors: errors(field(output, 'encode_errors')),
    })),
    // The reader may have skipped endpoints of a huge list already: they count too.
    omitted_endpoints:
      Math.max(0, inputs.length + droppedItems(inputs) - MAX_ENDPOINTS) +
      Math.max(0, outputs.length + droppedItems(outputs) - MAX_ENDPOINTS),
  };
}

function globalMetrics(global: Json, text: (value: unknown, maxLength?: number) => string): GlobalControllerMetrics {
  const progress = (value: unknown): CommitProgressSummary | null =>
    isObject(value)
      ? {
          completed: count(field(value, 'completed')),
          in_progress: count(field(value, 'in_progress')),
          remaining: count(field(value, 'remaining')),
          in_progress_processed_records: count(field(value, 'in_progress_processed_records')),
          in_progress_total_records: count(field(value, 'in_progress_total_records')),
        }
      : null;
  return {
    state: text(field(global, 'state'), 40),
    bootstrap_in_progress: field(global, 'bootstrap_in_progress') === true,
    concurrent_bootstrap_phase: text(field(global, 'concurrent_bootstrap_phase'), 40) || 'Inactive',
    commit_progress: progress(field(global, 'commit_progress')),
    concurrent_bootstrap_progress: progress(field(global, 'concurrent_bootstrap_progress')),
    incarnation_uuid: text(field(global, 'incarnation_uuid'), 100),
    total_input_records: count(field(global, 'total_input_records')),
    total_processed_records: count(field(global, 'total_processed_records')),
    output_stall_msecs: count(field(global, 'output_stall_msecs')),
    pipeline_complete: field(global, 'pipeline_complete') === true,
  };
}
