import * as core from '@actions/core';
import { appendSummary } from './step-summary.ts';
import { unnamedRun } from '../phases/run.ts';
import { statedOutcome } from './statement.ts';
import { CANCEL_DEADLINE_MS } from '../model/run-end.ts';
import { formatDuration, pipelineLabel, readableNames } from '../text/text.ts';
import { inline } from '../text/markdown.ts';
import { OUTPUT_NAMES, outputValues } from './outputs.ts';
import type { ReportFacts } from './facts.ts';

/**
 * The short report, when a cancel's deadline comes before the full one was written: every output,
 * an error annotation for each failed pipeline, and a few lines of summary. Synchronous: the process
 * exits right after it.
 */
export function lastWord(facts: ReportFacts, cancelled: AbortSignal): void {
  if (facts.runs.length === 0) facts.runs.push(unnamedRun(core.getInput('pipeline-name'), cancelled));
  const outcomes = facts.runs.map((run) => statedOutcome(run, facts.platform));
  const values = outputValues(facts.runs, outcomes, facts.elapsedMs(), facts.config !== undefined);
  for (const name of OUTPUT_NAMES) core.setOutput(name, values[name]);
  const lines = [
    `### ❌ Cancelled: the step could not finish its report within ${formatDuration(CANCEL_DEADLINE_MS)} of the cancel`,
    '',
  ];
  facts.runs.forEach(({ name }, i) => {
    const outcome = outcomes[i];
    if (outcome?.result !== 'failed') return;
    core.error(outcome.message, { title: failureTitle(name, facts.planning) });
    lines.push(
      `- **${inline(readableNames(name), 100)}**: ${inline(outcome.code, 100)}: ${inline(outcome.message, 2000)}`,
    );
  });
  appendSummary(`${lines.join('\n')}\n`);
  process.exitCode = 1;
}

/** The title of the annotation that fails the step for a pipeline. */
export function failureTitle(name: string, planning: boolean): string {
  return `${pipelineLabel(name)} ${notDone(planning)}`;
}

/** What a failed run did not do: its start, or with plan: true, its plan. */
export function notDone(planning: boolean): string {
  return planning ? 'could not be planned' : 'did not start';
}
