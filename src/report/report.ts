import * as core from '@actions/core';
import { targetStatus } from '../model/lifecycle.ts';
import { info, stepLog, untrusted, untrustedLines } from '../log/log.ts';
import { PrefixedLog } from '../log/phase-log.ts';
import { recordOf, type PipelineRun, type RunRecord } from '../phases/run.ts';
import { UNDECIDED, type Outcome } from '../model/outcome.ts';
import { describePlatform } from '../feldera/platform.ts';
import { sentences, statedOutcome } from './statement.ts';
import { formatDuration, pipelineLabel } from '../text/text.ts';
import { countChanges } from '../model/approval.ts';
import { planChanges } from '../model/plan.ts';
import { MAX_ANNOTATIONS, type Annotation } from '../model/compilation.ts';
import { connectorWarnings } from './connectors.ts';
import { downtimeSeconds, OUTPUT_NAMES, outputValues } from './outputs.ts';
import { severalSummary } from './several.ts';
import { failureTitle } from './last-word.ts';
import type { ReportFacts } from './facts.ts';
import { appendSummary } from './step-summary.ts';
import { count, fit, inline } from '../text/markdown.ts';
import { approvalWays, EMPTY_LOG, logTailTitle, summaryMarkdown, type SummaryFacts } from './summary.ts';

/** The annotations past those GitHub shows take at most this much of the summary. */
const NOT_SHOWN_BYTES = 64 * 1024;

/**
 * Sets the outputs, prints the diagnosis, annotates the result and appends the job summary, all
 * synchronously: a cancel that comes meanwhile cannot leave half a report.
 */
export function report(facts: ReportFacts): void {
  core.debug(`Credential: ${facts.credential}`);
  const views = facts.runs.map((run): RunView => ({
    run,
    record: run.record ?? recordOf(UNDECIDED),
    outcome: statedOutcome(run, facts.platform),
  }));
  const outcomes = views.map(({ outcome }) => outcome);
  const values = outputValues(facts.runs, outcomes, facts.elapsedMs(), facts.config !== undefined);
  for (const name of OUTPUT_NAMES) core.setOutput(name, values[name]);

  const planning = facts.planning;
  // A plan has no status to reach.
  const target = facts.config && !planning ? targetStatus(facts.config.initial) : undefined;
  const several = facts.runs.length > 1;
  const summaries = views.map((view) => {
    const { warnings, connectors, after } = runWarnings(view);
    return {
      view,
      before: [...warnings, ...(view.record.diagnosis.compilation?.annotations ?? [])],
      after,
      verdict: resultOf(view, target, planning),
      unannotated: connectors.unannotated,
    };
  });
  // GitHub shows 10 annotations of each level: the results first (failures in the order given), then the rest.
  const verdicts = summaries.flatMap(({ verdict }) => verdict.annotations);
  const { texts, dropped } = choose([...verdicts, ...summaries.flatMap(({ before, after }) => [...before, ...after])]);
  if (several) {
    // The details after the waiting, then the annotations.
    for (const { view } of summaries) printDiagnosis(view, true);
    annotate(
      summaries.flatMap(({ before, after, verdict }) => [...verdict.annotations, ...before, ...after]),
      texts,
    );
  } else {
    for (const { view, before, after, verdict } of summaries) {
      annotate(before, texts);
      printDiagnosis(view, false);
      annotate(verdict.annotations, texts);
      annotate(after, texts);
    }
  }
  for (const line of summaries.flatMap(({ verdict }) => verdict.lines)) info(line);

  if (process.env.GITHUB_STEP_SUMMARY) {
    const each = summaries.map(({ view, unannotated }): SummaryFacts => ({
      ...runFacts(view, target, planning, facts),
      unannotated,
    }));
    const [only] = each;
    const markdown =
      (only && !several ? summaryMarkdown(only) : severalSummary(each, facts.elapsedMs())) + notShown(dropped);
    // The summary is extra: failing to write it must not hide the real result.
    const problem = appendSummary(markdown);
    if (problem) core.warning(`Could not write the job summary: ${problem}`, { title: 'Job summary not written' });
  }
}

/** A run as the report reads it: its record, and its outcome as stated (statement.ts). */
interface RunView {
  run: PipelineRun;
  record: RunRecord;
  outcome: Outcome;
}

function runFacts(
  { run, record, outcome }: RunView,
  target: string | undefined,
  planning: boolean,
  facts: ReportFacts,
): Omit<SummaryFacts, 'unannotated'> {
  return {
    pipelineName: run.name,
    pipelineUrl: run.pipelineUrl,
    target,
    outcome,
    progress: run.progress,
    diagnosis: record.diagnosis,
    credential: facts.credential,
    feldera: facts.platform && describePlatform(facts.platform),
    health: record.health,
    stopped: record.stop?.stopped ?? false,
    converged: record.converged,
    approval: record.approval,
    supportBundle: record.supportBundle,
    plan: record.plan,
    planning,
    release: record.release,
    downtime: downtimeSeconds(record, run.progress.elapsedMs()),
  };
}

/** Warnings about the reads after the outcome, the health check, and each endpoint with a problem. */
function runWarnings({ run: { name }, record: { diagnosis, health, stop, supportBundle } }: RunView) {
  const stopProblem = stop && !stop.stopped ? stop.problem : undefined;
  const connectors = connectorWarnings(health.problems, name);
  const warnings: Annotation[] = [
    ...diagnosis.problems.map((problem) => ({
      level: 'warning' as const,
      message: problem,
      title: pipelineLabel(name),
    })),
    ...health.notes.map((note) => ({
      level: 'warning' as const,
      message: note,
      title: `${pipelineLabel(name)}: health not fully checked`,
    })),
    ...connectors.annotations.map(({ title, message }) => ({ level: 'warning' as const, title, message })),
    ...(stopProblem
      ? [
          {
            level: 'warning' as const,
            message: `Could not stop pipeline ${name} (stop-on-failure: true): ${stopProblem}.`,
            title: `${pipelineLabel(name)} not stopped`,
          },
        ]
      : []),
  ];
  // After the result's own annotation: evidence that could not be had never comes before the failure.
  const after: Annotation[] = [
    ...(diagnosis.eventsProblem
      ? [{ level: 'warning' as const, message: diagnosis.eventsProblem, title: `${pipelineLabel(name)}: no events` }]
      : []),
    ...(supportBundle?.problem
      ? [
          {
            level: 'warning' as const,
            message: supportBundle.problem,
            title: `${pipelineLabel(name)}: no support bundle`,
          },
        ]
      : []),
  ];
  return { warnings, connectors, after };
}

/** The annotation that gives the result, and the log's last words on it. */
function resultOf(
  { run: { name, progress, pipelineUrl }, record: { diagnosis, plan, approval }, outcome }: RunView,
  target: string | undefined,
  planning: boolean,
): { annotations: Annotation[]; lines: string[] } {
  const elapsed = formatDuration(progress.elapsedMs());
  switch (outcome.result) {
    case 'reached':
      return { annotations: [], lines: [`Pipeline ${name} is ${progress.last?.deployment_status} after ${elapsed}.`] };
    case 'planned':
      return {
        annotations: [],
        lines: [`Plan of pipeline ${name}: ${(plan && planChanges(plan.diff)) || 'no change'}.`],
      };
    case 'accepted':
      return {
        annotations: [],
        lines: [
          `Pipeline ${name} is starting (${progress.last?.deployment_status}); not waiting for it (wait: false).`,
        ],
      };
    case 'awaiting-approval': {
      const changes = progress.approvalDiff ? countChanges(progress.approvalDiff) : 'its program or connectors changed';
      const ways = approvalWays(name, `the Feldera console (${pipelineUrl})`, approval?.notExpected !== undefined);
      const message = `Pipeline ${name} is AwaitingApproval: ${changes} since its checkpoint. To go on, ${ways}.`;
      // The log's last word: the step is green, but the pipeline is not up.
      return {
        annotations: [{ level: 'warning', message, title: `${pipelineLabel(name)} awaits approval` }],
        lines: [`Pipeline ${name} is not ${target ?? 'up'}: it awaits approval. To go on, ${ways}.`],
      };
    }
    case 'failed': {
      const firstError = diagnosis.compilation?.firstError && `First error: ${diagnosis.compilation.firstError}`;
      const message = sentences(outcome.message, firstError, outcome.hint && `Hint: ${outcome.hint}`);
      return { annotations: [{ level: 'error', message, title: failureTitle(name, planning) }], lines: [] };
    }
  }
}

/**
 * The compiler's output and the log's tail: one pipeline's in collapsed groups of their own; with
 * several, each pipeline's in one group after the waiting, with its approval diff.
 */
function printDiagnosis({ run: { name, log }, record: { diagnosis } }: RunView, several: boolean): void {
  const { compilation, logTail } = diagnosis;
  const parts: [string, string[]][] = [];
  if (compilation?.excerpt) parts.push(['Compiler output', compilation.excerpt.split('\n')]);
  if (logTail && logTail.lines.length > 0) parts.push([logTailTitle(logTail), logTail.lines]);
  const emptyLog = logTail?.lines.length === 0;
  if (!several) {
    for (const [title, lines] of parts) untrusted(title, lines);
    if (emptyLog) info(EMPTY_LOG);
    return;
  }
  const details = log instanceof PrefixedLog ? log.details : [];
  if (details.length === 0 && parts.length === 0 && !emptyLog) return;
  stepLog.startGroup(`${name}: details`);
  for (const line of details) info(line);
  for (const [title, lines] of parts) {
    info(`${title}:`);
    untrustedLines(lines);
  }
  if (emptyLog) info(EMPTY_LOG);
  stepLog.endGroup();
}

/**
 * What GitHub will show, `MAX_ANNOTATIONS` of each level in the order of priority, each with the text
 * to print (the last of a level says how many more the summary holds), and what it will not.
 */
function choose(byPriority: Annotation[]): { texts: Map<Annotation, string>; dropped: Annotation[] } {
  const texts = new Map<Annotation, string>();
  const dropped: Annotation[] = [];
  for (const level of ['error', 'warning'] as const) {
    const all = byPriority.filter((annotation) => annotation.level === level);
    const shown = all.slice(0, MAX_ANNOTATIONS);
    const more = all.length - shown.length;
    shown.forEach((annotation, i) =>
      texts.set(
        annotation,
        more > 0 && i === shown.length - 1
          ? `${annotation.message} (…and ${more} more ${level}s: see the job summary.)`
          : annotation.message,
      ),
    );
    dropped.push(...all.slice(MAX_ANNOTATIONS));
  }
  return { texts, dropped };
}

/** The annotations GitHub will show, in the order given. */
function annotate(annotations: Annotation[], texts: Map<Annotation, string>): void {
  for (const annotation of annotations) {
    const text = texts.get(annotation);
    if (text === undefined) continue;
    const { level, message: _message, ...properties } = annotation;
    if (level === 'error') core.error(text, properties);
    else core.warning(text, properties);
  }
}

/** The summary's list of what GitHub would not show as annotations. */
function notShown(dropped: Annotation[]): string {
  if (dropped.length === 0) return '';
  const items = dropped.map(
    ({ level, title, message }) => `- **${level}** ${inline(title, 200)}: ${inline(message, 1000)}`,
  );
  const { kept, more } = fit(items, NOT_SHOWN_BYTES);
  if (more > 0) kept.push(`- …and ${count(more)} more`);
  return `\n#### Annotations GitHub does not show (it shows ${MAX_ANNOTATIONS} of each level)\n\n${kept.join('\n')}\n`;
}
