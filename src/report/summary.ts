import type { Diagnosis } from '../phases/diagnose.ts';
import type { LogTail } from '../feldera/logs.ts';
import type { Outcome } from '../model/outcome.ts';
import type { Progress } from '../model/progress.ts';
import { formatDuration, readableNames } from '../text/text.ts';
import type { Problem } from '../model/verdict.ts';
import type { Health } from '../phases/health-window.ts';
import type { Converged } from '../phases/converge.ts';
import type { Approval } from '../phases/wait.ts';
import type { SupportBundle } from '../phases/support-bundle.ts';
import { countChanges, diffChanges } from '../model/approval.ts';
import { connectorsMarkdown } from './connectors.ts';
import { changed, nextStartMeaning, planChanges, type Plan } from '../model/plan.ts';
import { codeBlock, count, cut, fit, inline, table } from '../text/markdown.ts';
import { transitionText, type Transition } from '../model/transition.ts';
import type { PipelineDiff } from '../feldera/types.ts';
import { timelineTable } from './timeline.ts';
import { notDone } from './last-word.ts';
import { releaseSection } from './release.ts';
import type { Release } from '../phases/release.ts';

export interface SummaryFacts {
  pipelineName: string;
  pipelineUrl: string;
  /** The status asked for; undefined when the inputs were invalid. */
  target: string | undefined;
  outcome: Outcome;
  progress: Progress;
  diagnosis: Diagnosis;
  credential: string;
  /** `0.337.0, Enterprise`: which Feldera answered, when it said. */
  feldera?: string | undefined;
  health: Health;
  /** This step stopped the pipeline (stop-on-failure). */
  stopped: boolean;
  /** Where the step found the pipeline and what it did to move it; undefined for a plan or invalid inputs. */
  converged?: Converged | undefined;
  /** What this step approved, or why not. */
  approval?: Approval | undefined;
  /** Connector problems past the annotations GitHub shows. */
  unannotated: Problem[];
  /** Uploaded, written, or why not; undefined when none was asked for. */
  supportBundle?: SupportBundle | undefined;
  /** plan: true: the run planned, and this is what it found (undefined when it failed). */
  planning?: boolean;
  plan?: Plan | undefined;
  /** update-program: true: what the update did, and the downtime-seconds output. */
  release?: Release | undefined;
  downtime?: string;
}

/** GitHub drops a step's job summary whole when it is larger than this. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/**
 * What each part may take of that limit, in bytes, whatever the server sent: together well under it.
 * The facts and the timeline are bounded by their rows and the length of each value.
 */
const BUDGET_BYTES = {
  approvalDiff: 192 * 1024,
  compilerMessages: 96 * 1024,
  compilerOutput: 96 * 1024,
  logTail: 256 * 1024,
};
/** The longest any one value is shown: a name, a message, a line. */
const VALUE_CHARS = { name: 200, line: 1000, message: 4000 };
const SNIPPET_LINES = 20;

/** The job summary's markdown: the result in its heading, then what happened, when, and why. */
export function summaryMarkdown(facts: SummaryFacts): string {
  const { outcome, progress, diagnosis } = facts;
  const sections = [`### ${heading(facts)}`];
  if (outcome.result === 'awaiting-approval') sections.push(howToApprove(facts));
  sections.push(factList(facts));
  if (facts.plan) sections.push(planSection(facts.plan.diff));
  if (facts.release) sections.push(releaseSection(facts.release, facts.downtime ?? '', diffTable));
  if (facts.health.last) sections.push(connectorsMarkdown(facts.health.last, facts.health.baseline, facts.unannotated));
  if (progress.timeline.length > 0) {
    const timeline = timelineTable(progress.timeline, diagnosis.events, progress.startedAtEpochMs);
    sections.push(`#### Statuses seen\n\n${timeline}`);
  }
  if (progress.approvalDiff) {
    const title = facts.approval?.approved ? 'Changes approved by this step' : 'Changes awaiting approval';
    sections.push(`#### ${title}\n\n${diffTable(progress.approvalDiff)}`);
  }
  const compilation = diagnosis.compilation;
  if (compilation && (compilation.annotations.length > 0 || compilation.excerpt)) {
    const messages = fit(
      compilation.annotations.map((annotation) => {
        const where = annotation.file
          ? `${inline(annotation.file, VALUE_CHARS.name)}:${annotation.startLine}:${annotation.startColumn}: `
          : '';
        const [first = '', ...snippet] = annotation.message.split(/\r\n|\r|\n/);
        const block =
          snippet.length > 0
            ? `\n\n${codeBlock(
                snippet.slice(0, SNIPPET_LINES).map((line) => cut(line, VALUE_CHARS.line)),
                '  ',
              )}`
            : '';
        return `- **${annotation.level}** ${where}${inline(first, VALUE_CHARS.message)}${block}`;
      }),
      BUDGET_BYTES.compilerMessages,
    );
    if (messages.more > 0) messages.kept.push(`- …and ${count(messages.more)} more`);
    const output = fit(
      compilation.excerpt?.split('\n').map((line) => cut(line, VALUE_CHARS.line)) ?? [],
      BUDGET_BYTES.compilerOutput,
    );
    if (output.more > 0) output.kept.push(`…and ${count(output.more)} more lines`);
    const excerpt = output.kept.length > 0 ? codeBlock(output.kept) : '';
    sections.push(['#### Compiler messages', messages.kept.join('\n'), excerpt].filter(Boolean).join('\n\n'));
  }
  const logTail = diagnosis.logTail;
  if (logTail && logTail.lines.length === 0) sections.push(`#### Pipeline log\n\n${EMPTY_LOG}`);
  else if (logTail) {
    // The end of the log says why it stopped: keep the last lines that fit.
    const { kept, more } = fit(
      logTail.lines.map((line) => cut(line, VALUE_CHARS.line)).reverse(),
      BUDGET_BYTES.logTail,
    );
    const shown = { lines: kept.reverse(), truncated: logTail.truncated || more > 0 };
    sections.push(`#### ${logTailTitle(shown)}\n\n${codeBlock(shown.lines)}`);
  }
  const feldera = facts.feldera ? ` · Feldera ${inline(facts.feldera, VALUE_CHARS.name)}` : '';
  sections.push(`<sub>Credential: ${inline(facts.credential, VALUE_CHARS.line)}${feldera}</sub>`);
  return `${sections.join('\n\n')}\n`;
}

/** Said in the log and the summary when a log read found nothing before its limit. */
export const EMPTY_LOG = "The pipeline's log was empty.";

/** `Pipeline log (last 200 lines)`: the heading of the log tail, in the log and in the summary. */
export function logTailTitle({ lines, truncated }: LogTail): string {
  return `Pipeline log (${truncated ? 'last ' : ''}${lines.length} lines)`;
}

/**
 * The three ways to approve, in the warning, the log's last line and the summary. When expected-diff
 * refused the changes, auto-approve would refuse them again: the way is a new plan, reviewed.
 */
export function approvalWays(pipelineName: string, consoleLink: string, notExpected = false): string {
  const again = notExpected
    ? 'or plan again (plan: true), review the new plan-diff, and run this action again with it as expected-diff'
    : 'or run this action again with auto-approve: true';
  return `approve the changes in ${consoleLink}, with \`fda approve ${pipelineName}\`, ${again}`;
}

/** A diff's changes, a row per kind with its names, each list's share of the budget; and why Feldera could not tell, if so. */
function diffTable(diff: PipelineDiff): string {
  const changes = diffChanges(diff);
  const share = BUDGET_BYTES.approvalDiff / Math.max(1, changes.length);
  const rows = changes.map(({ what, change, names, count: all }) => {
    const { kept } = fit(
      names.map((name) => inline(name, VALUE_CHARS.name)),
      share,
    );
    const more = all - kept.length;
    return [`${what}s ${change}`, [...kept, ...(more > 0 ? [`…and ${count(more)} more`] : [])].join(', ')];
  });
  const error = diff.program_diff_error
    ? `\n\nThe program diff failed: ${inline(diff.program_diff_error, VALUE_CHARS.message)}`
    : '';
  return `${rows.length > 0 ? table(['Change', 'Names'], rows) : 'No changes listed.'}${error}`;
}

/** The plan: what would change, and what that means at the next start. */
function planSection(diff: PipelineDiff): string {
  const meaning = nextStartMeaning(diff)
    .map((line) => `- ${line}`)
    .join('\n');
  if (!changed(diff)) return `#### Plan: no change\n\n${meaning}`;
  return `#### Plan: ${inline(planChanges(diff), VALUE_CHARS.message)}\n\n${diffTable(diff)}\n\n**At the next start**\n\n${meaning}`;
}

function heading({ pipelineName, outcome, progress, plan, planning, converged }: SummaryFacts): string {
  const name = inline(readableNames(pipelineName), VALUE_CHARS.name);
  const status = inline(progress.last?.deployment_status ?? 'unknown', VALUE_CHARS.name);
  switch (outcome.result) {
    case 'reached':
      return `✅ ${name} is ${status}`;
    case 'accepted':
      return `✅ ${name} ${ACCEPTED[converged?.transition ?? 'start']} (${status})`;
    case 'awaiting-approval':
      return `⏸️ ${name} awaits approval`;
    case 'planned':
      return `📋 ${name}: ${inline((plan && planChanges(plan.diff)) || 'no change', VALUE_CHARS.message)}`;
    case 'failed':
      return `❌ ${name} ${notDone(planning === true)}: ${inline(outcome.code, VALUE_CHARS.name)}`;
  }
}

/** The heading with `wait: false`: what the call accepted is doing. */
const ACCEPTED: Readonly<Record<Transition, string>> = {
  start: 'is starting',
  resume: 'is resuming',
  pause: 'is pausing',
  activate: 'is activating',
  none: 'was left as it was, not waited for',
};

function howToApprove({ pipelineName, pipelineUrl, progress, approval }: SummaryFacts): string {
  const changes = progress.approvalDiff
    ? inline(countChanges(progress.approvalDiff), VALUE_CHARS.message)
    : 'its program or connectors changed';
  const ways = approvalWays(pipelineName, `the [Feldera console](${pipelineUrl})`, approval?.notExpected !== undefined);
  return `The pipeline is not running: ${changes} since its checkpoint, and it waits for approval to bootstrap them. To go on, ${ways}.`;
}

/** Only the facts that say something: no empty values, nothing the heading said already. */
function factList({
  pipelineName,
  pipelineUrl,
  target,
  outcome,
  progress,
  stopped,
  converged,
  approval,
  release,
  supportBundle,
  plan,
}: SummaryFacts): string {
  const facts: [string, string][] = [];
  if (outcome.result === 'failed') {
    facts.push(['Error', inline(outcome.message, VALUE_CHARS.message)]);
    if (outcome.hint) facts.push(['Hint', inline(outcome.hint, VALUE_CHARS.message)]);
  }
  // After a stop for the update, the start's first read is the Stopped the step made: the release says where it was.
  const before = release?.stop && release.found ? release.found : converged?.found;
  const between = release?.stop ? 'stopped for the update' : undefined;
  if (before && converged?.found && target)
    facts.push([
      'Transition',
      inline(
        transitionText(before, converged.decidedOn, converged.transition, target, new Date(), between),
        VALUE_CHARS.line,
      ),
    ]);
  if (plan) facts.push(['Proposed program', inline(plan.sqlFile, VALUE_CHARS.name)]);
  if (approval?.notExpected)
    facts.push(['Not approved', inline(`${approval.notExpected} (expected-diff)`, VALUE_CHARS.message)]);
  if (pipelineUrl) facts.push(['Console', `[${inline(pipelineName, VALUE_CHARS.name)}](${pipelineUrl})`]);
  if (target && outcome.result !== 'reached') facts.push(['Target', target]);
  const last = progress.last;
  if (last && (outcome.result === 'failed' || outcome.result === 'accepted')) {
    const program = last.program_status === 'Success' ? '' : `, program ${last.program_status}`;
    facts.push([
      'Last status',
      inline(`${last.deployment_status} (desired ${last.deployment_desired_status}${program})`, VALUE_CHARS.line),
    ]);
  }
  if (outcome.result === 'accepted') facts.push(['Waited', 'no (wait: false)']);
  if (approval?.approved) facts.push(['Approved by this step', `yes (${approval.approvedBy})`]);
  if (stopped) facts.push(['Stopped by this step', 'yes (stop-on-failure: true)']);
  if (supportBundle) facts.push(['Support bundle', bundleText(supportBundle)]);
  facts.push(['Elapsed', formatDuration(progress.elapsedMs())]);
  return facts.map(([label, value]) => `- **${label}**: ${value}`).join('\n');
}

/** A link to the artifact, the file written outside GitHub, or why there is none. */
function bundleText({ name, url, path, problem }: SupportBundle): string {
  if (url) return `[${inline(name, VALUE_CHARS.name)}](${url})`;
  if (path) return `written to \`${inline(path, VALUE_CHARS.line)}\``;
  return `none: ${inline(problem ?? '', VALUE_CHARS.message)}`;
}
