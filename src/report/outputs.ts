import type { Health } from '../health/window.ts';
import type { Outcome } from '../outcome.ts';
import type { Progress } from '../progress.ts';
import { connectorOutputs } from './connectors.ts';

/** Every output of action.yml, in its order. */
export const OUTPUT_NAMES = [
  'status',
  'desired-status',
  'awaiting-approval',
  'approved',
  'deployment-id',
  'program-status',
  'error-code',
  'elapsed-seconds',
  'pipeline-url',
  'approval-diff',
  'connectors',
  'connector-error-count',
  'stopped',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** The outputs, set on failure too, from what was last seen. */
export function outputValues(outcome: Outcome, progress: Progress, pipelineUrl: string, health: Health, stopped: boolean): Record<OutputName, string> {
  const last = progress.last;
  return {
    status: last?.deployment_status ?? '',
    'desired-status': last?.deployment_desired_status ?? '',
    'awaiting-approval': String(last?.deployment_status === 'AwaitingApproval'),
    approved: String(progress.approved),
    'deployment-id': last?.deployment_id ?? '',
    'program-status': last?.program_status ?? '',
    'error-code': outcome.result === 'failed' ? outcome.code : '',
    'elapsed-seconds': (progress.elapsedMs() / 1000).toFixed(1),
    'pipeline-url': pipelineUrl,
    'approval-diff': progress.approvalDiff ? JSON.stringify(progress.approvalDiff) : '',
    ...connectorOutputs(health.last),
    stopped: String(stopped),
  };
}
