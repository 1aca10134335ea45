import type { ConnectorError, ConnectorHealth, ControllerStatus } from '../feldera/stats.ts';

type Direction = 'input' | 'output';

/** One endpoint of either direction, as the verdict and the report see it. */
export interface Endpoint {
  name: string;
  direction: Direction;
  stream: string;
  health: ConnectorHealth | null;
  fatalError: string | null;
  /** Transport and parse errors of an input, transport and encode errors of an output. */
  errors: number;
  /** `total_records` of an input, `transmitted_records` of an output. */
  records: number;
  /** A paused input reads nothing; a paused output discards what it receives. Not a problem: paused by someone, or by its configuration. */
  paused: boolean;
  /** Feldera's newest error message for it: from its error lists, else its health, else its fatal error. */
  lastError: string | undefined;
}

/** The inputs, then the outputs, in Feldera's order. */
export function endpointsOf(status: ControllerStatus): Endpoint[] {
  const inputs = status.inputs.map((input): Endpoint => ({
    name: input.endpoint_name,
    direction: 'input',
    stream: input.config.stream,
    health: input.health,
    fatalError: input.fatal_error,
    errors: input.metrics.num_transport_errors + input.metrics.num_parse_errors,
    records: input.metrics.total_records,
    paused: input.paused,
    lastError: lastError([input.transport_errors, input.parse_errors], input.health, input.fatal_error),
  }));
  const outputs = status.outputs.map((output): Endpoint => ({
    name: output.endpoint_name,
    direction: 'output',
    stream: output.config.stream,
    health: output.health,
    fatalError: output.fatal_error,
    errors: output.metrics.num_transport_errors + output.metrics.num_encode_errors,
    records: output.metrics.transmitted_records,
    paused: output.paused,
    lastError: lastError([output.transport_errors, output.encode_errors], output.health, output.fatal_error),
  }));
  return [...inputs, ...outputs];
}

/** Names are unique per direction only: an input and an output may share one. */
export function endpointKey(endpoint: Endpoint): string {
  return `${endpoint.direction}:${endpoint.name}`;
}

/** `input endpoint orders.kafka (stream orders)`: what every message about an endpoint starts with. */
export function describeEndpoint(endpoint: Endpoint): string {
  return `${endpoint.direction} endpoint ${endpoint.name || '(unnamed)'} (stream ${endpoint.stream || 'unknown'})`;
}

function lastError(
  lists: (ConnectorError[] | null)[],
  health: ConnectorHealth | null,
  fatalError: string | null,
): string | undefined {
  // Each list is oldest first; the newest of their last entries is the last error.
  const newest = lists
    .map((list) => list?.at(-1))
    .filter((error): error is ConnectorError => error !== undefined && error.message !== '')
    .sort((a, b) => (Date.parse(b.timestamp) || 0) - (Date.parse(a.timestamp) || 0))[0];
  return newest?.message || health?.description || fatalError || undefined;
}
