import type { PipelineRun, RunRecord } from '../phases/run.ts';
import { connectorOutputs } from './connectors.ts';
import { planChanges } from '../model/plan.ts';
import { UNDECIDED, type Outcome } from '../model/outcome.ts';

/** The outputs of one pipeline's run, in action.yml's order: with several, each pipeline's in `results`. */
const RUN_OUTPUT_NAMES = [
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
  'transition',
  'support-bundle-artifact',
  'plan-diff',
  'plan-changes',
  'program-change',
  'program-version',
  'downtime-seconds',
] as const;
type RunOutputName = (typeof RUN_OUTPUT_NAMES)[number];

/** Every output of action.yml, in its order. */
export const OUTPUT_NAMES = [...RUN_OUTPUT_NAMES, 'results'] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** The outputs, set on failure too: one pipeline's as they are; with several, what speaks for all, and each in `results`. */
export function outputValues(
  runs: readonly PipelineRun[],
  /** Each run's, as the report states it (statement.ts). */
  outcomes: readonly Outcome[],
  elapsedMs: number,
  namesKnown: boolean,
): Record<OutputName, string> {
  const each = runs.map((run, i) => runOutputs(run, outcomes[i] ?? UNDECIDED));
  // Invalid inputs name no pipeline for sure: no results.
  const results = namesKnown ? JSON.stringify(Object.fromEntries(runs.map((run, i) => [run.name, each[i]]))) : '{}';
  const [only] = each;
  if (only && each.length === 1) return { ...only, results };
  const none = Object.fromEntries(RUN_OUTPUT_NAMES.map((name) => [name, ''])) as Record<RunOutputName, string>;
  return {
    ...none,
    'error-code': each.find((values) => values['error-code'])?.['error-code'] ?? '',
    'awaiting-approval': String(each.some((values) => values['awaiting-approval'] === 'true')),
    approved: String(each.some((values) => values.approved === 'true')),
    'elapsed-seconds': (elapsedMs / 1000).toFixed(1),
    'support-bundle-artifact':
      each.find((values) => values['support-bundle-artifact'])?.['support-bundle-artifact'] ?? '',
    results,
  };
}

/** From the stop sent for the update to the target seen again, or to now; empty when the step stopped nothing. */
export function downtimeSeconds({ release, reachedMs }: RunRecord, nowMs: number): string {
  const stop = release?.stop;
  if (!stop) return '';
  const endMs = reachedMs !== undefined && reachedMs >= stop.sentMs ? reachedMs : nowMs;
  return ((endMs - stop.sentMs) / 1000).toFixed(1);
}

/** One pipeline's outputs, from what was last seen. */
function runOutputs({ progress, pipelineUrl, record }: PipelineRun, outcome: Outcome): Record<RunOutputName, string> {
  const last = progress.last;
  const plan = record?.plan;
  return {
    status: last?.deployment_status ?? '',
    'desired-status': last?.deployment_desired_status ?? '',
    'awaiting-approval': String(last?.deployment_status === 'AwaitingApproval'),
    approved: String(record?.approval?.approved ?? false),
    'deployment-id': last?.deployment_id ?? '',
    'program-status': last?.program_status ?? '',
    'error-code': outcome.result === 'failed' ? outcome.code : '',
    'elapsed-seconds': (progress.elapsedMs() / 1000).toFixed(1),
    'pipeline-url': pipelineUrl,
    'approval-diff': progress.approvalDiff ? JSON.stringify(progress.approvalDiff) : '',
    ...connectorOutputs(record?.health.last),
    stopped: String(record?.stop?.stopped ?? false),
    transition: record?.converged?.transition ?? '',
    'support-bundle-artifact': record?.supportBundle?.artifactId ?? '',
    'plan-diff': plan ? JSON.stringify(plan.diff) : '',
    'plan-changes': plan ? planChanges(plan.diff) : '',
    'program-change': record?.release?.change ?? '',
    'program-version': last?.program_version === undefined ? '' : String(last.program_version),
    'downtime-seconds': record ? downtimeSeconds(record, progress.elapsedMs()) : '',
  };
}
