// Feldera payloads shared by the tests and the demo, in openapi.json's shapes, and an address where nothing answers.

/** The newest Feldera release whose spec the tests hold (test/feldera-spec/); the fake answers as it or as 0.337. */
export const NEWEST_FELDERA = '0.375.0';

/** Whether a Feldera of `version` answers in 0.375's shapes; older ones answer as 0.337 does. */
export function answersAsNewest(version: string): boolean {
  return atLeast(version, NEWEST_FELDERA);
}

/** Whether `version` is `since` or newer, by major, minor and patch. */
export function atLeast(version: string, since: string): boolean {
  const numbers = (text: string) => text.split(/[.+-]/).slice(0, 3).map(Number);
  const [given, first] = [numbers(version), numbers(since)];
  const differs = first.findIndex((part, i) => given[i] !== part);
  return differs === -1 || (given[differs] ?? 0) > (first[differs] ?? 0);
}

/** A `PipelineDiff` with nothing in it but `changes`. */
export function pipelineDiff(
  changes: { program?: Record<string, string[]>; connectors?: Record<string, string[]> } = {},
) {
  return {
    program_diff: {
      added_tables: [],
      removed_tables: [],
      modified_tables: [],
      added_views: [],
      removed_views: [],
      modified_views: [],
      ...changes.program,
    },
    program_diff_error: null,
    added_input_connectors: [],
    modified_input_connectors: [],
    removed_input_connectors: [],
    added_output_connectors: [],
    modified_output_connectors: [],
    removed_output_connectors: [],
    ...changes.connectors,
  };
}

/** A table added, two views modified, an output connector added. */
export const APPROVAL_DIFF = pipelineDiff({
  program: { added_tables: ['refunds'], modified_views: ['daily_totals', 'top_customers'] },
  connectors: { added_output_connectors: ['refunds_sink'] },
});

/** The SQL compiler's message of Feldera's own example (API.md 3). */
export const SQL_ERROR = {
  start_line_number: 2,
  start_column: 4,
  end_line_number: 2,
  end_column: 8,
  warning: false,
  error_type: 'PRIMARY KEY cannot be nullable',
  message: "PRIMARY KEY column 'C' has type INTEGER, which is nullable",
  snippet: '    2|   c INT PRIMARY KEY\n         ^^^^^\n    3|);\n',
};

// `GET /v0/pipelines/{name}/stats?include_connector_errors=true`: a ControllerStatus with every field
// openapi.json requires, healthy and idle unless told otherwise.

type Fields = Record<string, unknown>;

/** A `ConnectorError`, as Feldera serializes it (RFC 3339 with microseconds). */
export function connectorError(message: string, index = 1, timestamp = '2026-08-21T10:05:03.123456Z') {
  return { timestamp, index, tag: null, message };
}

/** A `CommitProgressSummary`. */
export function commitProgress(completed: number, inProgress: number, remaining: number, processed = 0, total = 0) {
  return {
    completed,
    in_progress: inProgress,
    remaining,
    in_progress_processed_records: processed,
    in_progress_total_records: total,
  };
}

/** An `InputEndpointStatus`: no health reported (most connectors report none), no errors. */
export function inputEndpoint(name: string, stream: string, fields: Fields & { metrics?: Fields } = {}) {
  const { metrics, ...rest } = fields;
  return {
    endpoint_name: name,
    config: { stream },
    metrics: {
      total_bytes: 0,
      total_records: 0,
      buffered_records: 0,
      buffered_bytes: 0,
      num_transport_errors: 0,
      num_parse_errors: 0,
      end_of_input: false,
      ...metrics,
    },
    fatal_error: null,
    parse_errors: [],
    transport_errors: [],
    health: null,
    paused: false,
    barrier: false,
    completed_frontier: null,
    ...rest,
  };
}

/** An `OutputEndpointStatus`: no health reported, no errors. */
export function outputEndpoint(name: string, stream: string, fields: Fields & { metrics?: Fields } = {}) {
  const { metrics, ...rest } = fields;
  return {
    endpoint_name: name,
    config: { stream },
    metrics: {
      transmitted_records: 0,
      transmitted_bytes: 0,
      queued_records: 0,
      queued_batches: 0,
      buffered_records: 0,
      buffered_batches: 0,
      num_encode_errors: 0,
      num_transport_errors: 0,
      total_processed_input_records: 0,
      total_processed_steps: 0,
      memory: 0,
      ...metrics,
    },
    fatal_error: null,
    encode_errors: [],
    transport_errors: [],
    health: null,
    ...rest,
  };
}

/** `GlobalControllerMetrics` of a running pipeline with no transaction and no bootstrap. */
export function globalMetrics(fields: Fields = {}) {
  return {
    state: 'Running',
    bootstrap_in_progress: false,
    transaction_status: 'NoTransaction',
    transaction_id: 0,
    transaction_msecs: null,
    transaction_records: null,
    commit_progress: null,
    transaction_initiators: { transaction_id: null, initiated_by_api: null, initiated_by_connectors: {} },
    concurrent_bootstrap_phase: 'Inactive',
    concurrent_bootstrap_progress: null,
    rss_bytes: 104_857_600,
    memory_pressure: 'low',
    memory_pressure_epoch: 0,
    cpu_msecs: 1200,
    uptime_msecs: 5000,
    start_time: 1_787_306_700,
    incarnation_uuid: '0198c7a9-0c2b-7f11-8e3d-0a4b5c6d7e8f',
    initial_start_time: 1_787_306_700,
    storage_bytes: 0,
    storage_mb_secs: 0,
    runtime_elapsed_msecs: 800,
    buffered_input_records: 0,
    buffered_input_bytes: 0,
    total_input_records: 0,
    total_input_bytes: 0,
    total_processed_records: 0,
    total_processed_bytes: 0,
    total_completed_records: 0,
    output_stall_msecs: 0,
    total_initiated_steps: 1,
    total_completed_steps: 1,
    pipeline_complete: false,
    ...fields,
  };
}

/**
 * A `ControllerStatus` with these endpoints, as a pipeline of `version` sends it. From 0.375 on
 * (crates/feldera-types/src/adapter_stats.rs of the feldera-types crate 0.375.0), the global metrics
 * name the platform and runtime that compiled the pipeline, and an output endpoint says whether it
 * is `paused` (it then discards what it receives).
 */
export function controllerStatusBody(
  parts: { inputs?: Fields[]; outputs?: Fields[]; global?: Fields; version?: string } = {},
) {
  const version = parts.version ?? '0.337.0';
  const newest = answersAsNewest(version);
  return {
    global_metrics: globalMetrics(
      newest ? { platform_version: version, runtime_version: version, ...parts.global } : parts.global,
    ),
    suspend_error: null,
    checkpoint_activity: { status: 'idle' },
    permanent_checkpoint_errors: null,
    inputs: parts.inputs ?? [],
    outputs: newest ? (parts.outputs ?? []).map((output) => ({ paused: false, ...output })) : (parts.outputs ?? []),
  };
}

/** A Kafka input whose broker is down: Feldera's own words for it, and counted transport errors. */
export const KAFKA_DOWN = inputEndpoint('orders.kafka_in', 'orders', {
  metrics: { total_records: 1200, num_transport_errors: 3 },
  transport_errors: [
    connectorError('kafka: 1/1 brokers are down', 1, '2026-08-21T10:05:01.000001Z'),
    connectorError('kafka: Connect to ipv4#10.0.0.7:9092 failed: Connection refused', 3, '2026-08-21T10:05:03.000003Z'),
  ],
});

/** A Delta output that reports its health as Unhealthy. */
export const DELTA_UNHEALTHY = outputEndpoint('daily_totals.delta_out', 'daily_totals', {
  metrics: { transmitted_records: 40 },
  health: { status: 'Unhealthy', description: 'Delta table write failed: 403 Forbidden' },
});

/**
 * A port where nothing listens, for a wrong api-url: privileged and unassigned (so no test and no
 * service binds it), outside the range `listen(0)` draws from (a port a test frees could be taken by
 * another process on a shared machine while the step still retries it), and not one fetch refuses.
 */
export const CLOSED_PORT = 4;

/** A configured program for the fake's /diff (test/fake/sql.ts): two tables, one with a Kafka connector, and a view over each. */
export const CONFIGURED = [
  'CREATE TABLE orders (id INT, amount DECIMAL(10, 2)) WITH (',
  `  'connectors' = '[{"name": "kafka", "transport": {"name": "kafka_input", "config": {"topic": "orders"}}}]'`,
  ');',
  'CREATE TABLE customers (id INT, name VARCHAR);',
  'CREATE MATERIALIZED VIEW totals AS SELECT id, SUM(amount) AS total FROM orders GROUP BY id;',
  'CREATE VIEW names AS SELECT name FROM customers;',
  '',
].join('\n');

/** CONFIGURED changed: customers and names removed, totals modified, big added. */
export const PROPOSED = [
  'CREATE TABLE orders (id INT, amount DECIMAL(10, 2)) WITH (',
  `  'connectors' = '[{"name": "kafka", "transport": {"name": "kafka_input", "config": {"topic": "orders"}}}]'`,
  ');',
  'CREATE MATERIALIZED VIEW totals AS SELECT id, SUM(amount) AS grand_total FROM orders GROUP BY id;',
  'CREATE VIEW big AS SELECT * FROM orders WHERE amount > 100;',
  '',
].join('\n');
