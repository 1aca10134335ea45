import type { ControllerStatus } from '../feldera/stats.ts';
import { formatDuration } from '../text/text.ts';
import { describeEndpoint, endpointKey, endpointsOf, type Endpoint } from './endpoints.ts';

/** The `connector-errors` input: what errors that appear during the health window do. */
export type ConnectorErrorsMode = 'warn' | 'fail' | 'ignore';

/** A read inside the health window, or the one that ends it (the only read of a `0s` window). */
export type WindowPhase = 'during' | 'end';

export interface HealthCheck {
  /** The first read after the target was reached: errors counted there are old, never failed on. */
  baseline: ControllerStatus;
  current: ControllerStatus;
  phase: WindowPhase;
  windowMs: number;
  connectorErrors: ConnectorErrorsMode;
}

type HealthCode = 'ConnectorFailed' | 'ConnectorUnhealthy' | 'ConnectorErrors';

/** What is wrong with one endpoint: the gravest of its problems, failing or only warned about. */
export interface Problem {
  endpoint: Endpoint;
  code: HealthCode;
  fails: boolean;
  message: string;
}

export type HealthVerdict =
  | { kind: 'pass' }
  | { kind: 'warn'; problems: Problem[] }
  /** `problems` holds the warnings for other endpoints too. */
  | { kind: 'fail'; code: HealthCode; message: string; problems: Problem[] };

/** When endpoints fail for different reasons, the step's code is the first of these. */
const GRAVITY: readonly HealthCode[] = ['ConnectorFailed', 'ConnectorUnhealthy', 'ConnectorErrors'];
/** Endpoints named in a failure's message besides the first; the Connectors table has them all. */
const MORE_NAMED = 5;

/**
 * What one read of `/stats` means for the step (issue 10, Behaviour). A fatal error fails at any read;
 * health is judged only at the end of the window, since a connector may still be connecting when the
 * pipeline becomes Running; errors are judged by how far they rose above the baseline. Paused inputs,
 * ended inputs and idle endpoints are not problems: `initial: paused` pauses them by design.
 */
export function healthVerdict(check: HealthCheck): HealthVerdict {
  const before = new Map(endpointsOf(check.baseline).map((endpoint) => [endpointKey(endpoint), endpoint.errors]));
  const problems = endpointsOf(check.current).flatMap((endpoint) => {
    const found = endpointProblems(endpoint, endpoint.errors - (before.get(endpointKey(endpoint)) ?? 0), check);
    // One per endpoint: the one that fails the step if any, else the gravest.
    return found
      .filter((problem) => problem.fails)
      .concat(found)
      .slice(0, 1);
  });
  const failing = problems.filter((problem) => problem.fails);
  if (failing.length === 0) return problems.length > 0 ? { kind: 'warn', problems } : { kind: 'pass' };
  const code = GRAVITY.find((gravest) => failing.some((problem) => problem.code === gravest));
  const [first, ...others] = failing.filter((problem) => problem.code === code);
  // Never: one problem fails, and each has a code of GRAVITY.
  if (!first) return { kind: 'warn', problems };
  const message =
    others.length > 0 ? `${first.message.replace(/([^.!?])$/, '$1.')} ${alsoNamed(others)}` : first.message;
  return { kind: 'fail', code: first.code, message, problems };
}

function endpointProblems(endpoint: Endpoint, newErrors: number, check: HealthCheck): Problem[] {
  const about = capitalised(describeEndpoint(endpoint));
  const found: Problem[] = [];
  if (endpoint.fatalError !== null) {
    found.push({
      endpoint,
      code: 'ConnectorFailed',
      fails: true,
      message: `${about} failed: ${endpoint.fatalError || 'Feldera gave no message'}`,
    });
  }
  if (check.phase === 'end' && endpoint.health?.status === 'Unhealthy') {
    const when =
      check.windowMs > 0
        ? `is still Unhealthy after the health window of ${formatDuration(check.windowMs)}`
        : 'is Unhealthy at the one check of health-window 0s (it may still be connecting)';
    found.push({
      endpoint,
      code: 'ConnectorUnhealthy',
      fails: check.windowMs > 0,
      message: `${about} ${when}${lastError(endpoint)}`,
    });
  }
  // A count below the baseline means a new pipeline process with its own counters: nothing rose.
  if (newErrors > 0 && check.connectorErrors !== 'ignore') {
    const counted = `counted ${newErrors} new ${newErrors === 1 ? 'error' : 'errors'} since the first read (${endpoint.errors} in all)`;
    found.push({
      endpoint,
      code: 'ConnectorErrors',
      fails: check.connectorErrors === 'fail',
      message: `${about} ${counted}${lastError(endpoint)}`,
    });
  }
  return found;
}

function lastError(endpoint: Endpoint): string {
  return endpoint.lastError ? `; Feldera's last error: ${endpoint.lastError}` : '; Feldera gave no message';
}

function alsoNamed(others: Problem[]): string {
  const names = others.slice(0, MORE_NAMED).map((problem) => `${problem.endpoint.direction} ${problem.endpoint.name}`);
  const rest = others.length > MORE_NAMED ? ` and ${others.length - MORE_NAMED} more` : '';
  return `The same for ${others.length} more ${others.length === 1 ? 'endpoint' : 'endpoints'}: ${names.join(', ')}${rest}.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
