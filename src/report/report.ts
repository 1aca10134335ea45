import * as core from '@actions/core';
import type { Diagnosis } from '../diagnose.ts';
import type { Health } from '../health/window.ts';
import type { Config } from '../inputs.ts';
import { targetStatus } from '../lifecycle.ts';
import type { Outcome } from '../outcome.ts';
import type { Progress } from '../progress.ts';
import { info, untrusted } from '../log.ts';
import { formatDuration } from '../text.ts';
import { countChanges } from './approval.ts';
import { connectorWarnings } from './connectors.ts';
import { OUTPUT_NAMES, outputValues } from './outputs.ts';
import { approvalWays, EMPTY_LOG, logTailTitle, summaryMarkdown } from './summary.ts';

export interface ReportFacts {
  outcome: Outcome;
  progress: Progress;
  /** Undefined when the inputs were invalid. */
  config: Config | undefined;
  pipelineUrl: string;
  diagnosis: Diagnosis;
  health: Health;
  /** This step stopped the pipeline (stop-on-failure). */
  stopped: boolean;
  /** Which credential was used, never its value. */
  credential: string;
  /** `0.337.0, Enterprise`, when Feldera said in time. */
  feldera?: string | undefined;
}

/** Sets the outputs, prints the diagnosis, annotates the result and appends the job summary. */
export async function report({ outcome, progress, config, pipelineUrl, diagnosis, health, stopped, credential, feldera }: ReportFacts): Promise<void> {
  core.debug(`Credential: ${credential}`);
  const values = outputValues(outcome, progress, pipelineUrl, health, stopped);
  for (const name of OUTPUT_NAMES) core.setOutput(name, values[name]);

  const name = config?.pipelineName ?? core.getInput('pipeline-name');
  const target = config && targetStatus(config.initial);
  for (const problem of diagnosis.problems) core.warning(problem);
  for (const note of health.notes) core.warning(note, { title: `Feldera pipeline ${name}: health not fully checked` });
  const connectors = connectorWarnings(health.problems, name);
  for (const { title, message } of connectors.annotations) core.warning(message, { title });
  const compilation = diagnosis.compilation;
  for (const { level, message, ...properties } of compilation?.annotations ?? []) {
    if (level === 'error') core.error(message, properties);
    else core.warning(message, properties);
  }
  if (compilation?.excerpt) untrusted('Compiler output', compilation.excerpt.split('\n'));
  if (diagnosis.logTail?.lines.length === 0) info(EMPTY_LOG);
  else if (diagnosis.logTail) untrusted(logTailTitle(diagnosis.logTail), diagnosis.logTail.lines);

  const elapsed = formatDuration(progress.elapsedMs());
  switch (outcome.result) {
    case 'reached':
      info(`Pipeline ${name} is ${progress.last?.deployment_status} after ${elapsed}.`);
      break;
    case 'accepted':
      info(`Pipeline ${name} is starting (${progress.last?.deployment_status}); not waiting for it (wait: false).`);
      break;
    case 'awaiting-approval': {
      const changes = progress.approvalDiff ? countChanges(progress.approvalDiff) : 'its program or connectors changed';
      const ways = approvalWays(name, `the Feldera console (${pipelineUrl})`);
      core.warning(`Pipeline ${name} is AwaitingApproval: ${changes} since its checkpoint. To go on, ${ways}.`, { title: `Feldera pipeline ${name} awaits approval` });
      // The log's last word: the step is green, but the pipeline is not up.
      info(`Pipeline ${name} is not ${target ?? 'up'}: it awaits approval. To go on, ${ways}.`);
      break;
    }
    case 'failed': {
      const firstError = compilation?.firstError && `First error: ${compilation.firstError}`;
      const message = sentences(outcome.message, firstError, outcome.hint && `Hint: ${outcome.hint}`);
      core.error(message, { title: `Feldera pipeline ${name || '(no name)'} did not start` });
      break;
    }
  }

  if (process.env.GITHUB_STEP_SUMMARY) {
    const markdown = summaryMarkdown({
      pipelineName: name,
      pipelineUrl,
      target,
      outcome,
      progress,
      diagnosis,
      credential,
      feldera,
      health,
      stopped,
      unannotated: connectors.unannotated,
    });
    // The summary is extra: failing to write it must not hide the real result.
    await core.summary
      .addRaw(markdown)
      .write()
      .catch((error: unknown) => core.warning(`Could not write the job summary: ${String(error)}`));
  }
}

/** The parts that are given, each but the last ended with a full stop where Feldera's text has none. */
function sentences(...parts: (string | undefined)[]): string {
  const given = parts.filter((part): part is string => Boolean(part));
  return given.map((part, i) => (i < given.length - 1 && !/[.!?:]$/.test(part) ? `${part}.` : part)).join(' ');
}
