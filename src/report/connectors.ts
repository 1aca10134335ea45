import { pipelineLabel } from '../text/text.ts';
import { MAX_ENDPOINTS, type ControllerStatus } from '../feldera/stats.ts';
import { endpointKey, endpointsOf, type Endpoint } from '../model/endpoints.ts';
import type { Problem } from '../model/verdict.ts';
import { MAX_ANNOTATIONS } from '../model/compilation.ts';
import { count, inline, table } from '../text/markdown.ts';

/** Rows of the Connectors table; the `connectors` output has every endpoint. */
export const MAX_TABLE_ROWS = 50;
/** An error message in a table cell: enough to recognise it, short enough to keep the table readable. */
const MESSAGE_CELL_LENGTH = 200;
const NAME_CELL_LENGTH = 200;

/** The `connectors` and `connector-error-count` outputs, from the last read; empty when none was read. */
export function connectorOutputs(last: ControllerStatus | undefined): {
  connectors: string;
  'connector-error-count': string;
} {
  if (!last) return { connectors: '[]', 'connector-error-count': '' };
  const endpoints = endpointsOf(last);
  const connectors = endpoints.map((endpoint) => ({
    name: endpoint.name,
    direction: endpoint.direction,
    stream: endpoint.stream,
    health: endpoint.health?.status ?? '',
    'fatal-error': endpoint.fatalError ?? '',
    errors: endpoint.errors,
    records: endpoint.records,
    paused: endpoint.paused,
  }));
  const errors = endpoints.reduce((sum, endpoint) => sum + endpoint.errors, 0);
  return { connectors: JSON.stringify(connectors), 'connector-error-count': String(errors) };
}

/** A warning annotation for each problem that does not fail the step, as many as GitHub shows. */
export function connectorWarnings(
  problems: Problem[],
  pipelineName: string,
): { annotations: { title: string; message: string }[]; unannotated: Problem[] } {
  const warnings = problems.filter((problem) => !problem.fails);
  return {
    annotations: warnings.slice(0, MAX_ANNOTATIONS).map((problem) => ({
      title: `${pipelineLabel(pipelineName)}: ${problem.endpoint.direction} endpoint ${problem.endpoint.name}`,
      message: problem.message,
    })),
    unannotated: warnings.slice(MAX_ANNOTATIONS),
  };
}

/**
 * The summary's Connectors section: failed and Unhealthy endpoints first, then the others in
 * Feldera's order; errors counted since the baseline shown beside the total; the warnings that did
 * not fit in annotations below the table.
 */
export function connectorsMarkdown(
  last: ControllerStatus,
  baseline: ControllerStatus | undefined,
  unannotated: Problem[] = [],
): string {
  const before = new Map(
    baseline ? endpointsOf(baseline).map((endpoint) => [endpointKey(endpoint), endpoint.errors]) : [],
  );
  const endpoints = endpointsOf(last)
    .map((endpoint, order) => ({ endpoint, order }))
    .sort((a, b) => rank(a.endpoint) - rank(b.endpoint) || a.order - b.order)
    .map(({ endpoint }) => endpoint);
  if (endpoints.length === 0) return '#### Connectors\n\nThe pipeline has no connectors.';

  const rows = endpoints.slice(0, MAX_TABLE_ROWS).map((endpoint) => {
    const newErrors = endpoint.errors - (before.get(endpointKey(endpoint)) ?? 0);
    const errors = baseline && newErrors > 0 ? `${endpoint.errors} (${newErrors} new)` : String(endpoint.errors);
    const message = endpoint.fatalError !== null ? `fatal: ${endpoint.fatalError}` : (endpoint.lastError ?? '');
    return [
      inline(endpoint.name, NAME_CELL_LENGTH),
      endpoint.paused ? `${endpoint.direction}, paused` : endpoint.direction,
      inline(endpoint.stream, NAME_CELL_LENGTH),
      inline(endpoint.health?.status ?? '—', NAME_CELL_LENGTH),
      count(endpoint.records),
      errors,
      inline(message, MESSAGE_CELL_LENGTH),
    ];
  });
  const notes: string[] = [];
  if (endpoints.length > MAX_TABLE_ROWS) {
    notes.push(
      `The first ${MAX_TABLE_ROWS} of ${endpoints.length} endpoints; the \`connectors\` output lists them all.`,
    );
  }
  if (last.omitted_endpoints > 0) {
    notes.push(
      `${last.omitted_endpoints} more endpoints beyond the first ${MAX_ENDPOINTS} of each direction were not checked.`,
    );
  }
  if (unannotated.length > 0) {
    const list = unannotated
      .slice(0, MAX_TABLE_ROWS)
      .map((problem) => `- ${inline(problem.message, MESSAGE_CELL_LENGTH)}`)
      .concat(unannotated.length > MAX_TABLE_ROWS ? [`- …and ${count(unannotated.length - MAX_TABLE_ROWS)} more`] : [])
      .join('\n');
    notes.push(`Warnings beyond the ${MAX_ANNOTATIONS} that GitHub shows as annotations:\n\n${list}`);
  }
  const header = ['Endpoint', 'Direction', 'Stream', 'Health', 'Records', 'Errors', 'Fatal or last error'];
  return ['#### Connectors', table(header, rows), ...notes].join('\n\n');
}

function rank(endpoint: Endpoint): number {
  if (endpoint.fatalError !== null) return 0;
  return endpoint.health?.status === 'Unhealthy' ? 1 : 2;
}
