import type { Diagnosis } from '../diagnose.ts';
import type { LogTail } from '../feldera/logs.ts';
import type { Health } from '../health/window.ts';
import type { Problem } from '../health/verdict.ts';
import type { Outcome } from '../outcome.ts';
import type { Progress } from '../progress.ts';
import { formatDuration } from '../text.ts';
import { diffChanges } from './approval.ts';
import { connectorsMarkdown } from './connectors.ts';

export interface SummaryFacts {
  pipelineName: string;
  pipelineUrl: string;
  target: string;
  outcome: Outcome;
  progress: Progress;
  diagnosis: Diagnosis;
  credential: string;
  health: Health;
  stopped: boolean;
  /** Connector problems past the annotations GitHub shows. */
  unannotated: Problem[];
  /** `0.337.0, Enterprise`: which Feldera answered, when it said. */
  feldera?: string | undefined;
}

const RESULTS: Record<Outcome['result'], string> = {
  reached: '✅ reached',
  'awaiting-approval': '⏸️ awaiting approval',
  accepted: '✅ start accepted (not waited for)',
  failed: '❌ failed',
};

/** The job summary's markdown, appended to the job's: what happened, when, and why. */
export function summaryMarkdown(facts: SummaryFacts): string {
  const { outcome, progress, diagnosis } = facts;
  const rows = [
    ['Pipeline', facts.pipelineUrl ? `[${escape(facts.pipelineName)}](${facts.pipelineUrl})` : escape(facts.pipelineName)],
    ['Target', facts.target],
    ['Result', RESULTS[outcome.result]],
    ['Last status', escape(progress.last?.deployment_status ?? 'none read')],
    ['Approved by this step', progress.approved ? 'yes' : 'no'],
    ['Credential', escape(facts.credential)],
    ...(facts.feldera ? [['Feldera', escape(facts.feldera)]] : []),
    ['Elapsed', formatDuration(progress.elapsedMs())],
  ];
  if (outcome.result === 'failed') {
    rows.push(['Error code', escape(outcome.code)], ['Error', escape(outcome.message)]);
    if (outcome.hint) rows.push(['Hint', escape(outcome.hint)]);
    if (facts.stopped) rows.push(['Stopped by this step', 'yes (stop-on-failure)']);
  }
  const sections = [`### Feldera pipeline ${escape(facts.pipelineName)}\n\n${table(['', ''], rows)}`];

  if (progress.timeline.length > 0) {
    const timeline = progress.timeline.map((entry) => [
      escape(entry.of === 'program' ? `program ${entry.status}` : (entry.progress ?? entry.status)),
      `+${formatDuration(entry.beganMs)}`,
      entry.endedMs === undefined ? 'until the end' : formatDuration(entry.endedMs - entry.beganMs),
    ]);
    sections.push(`#### Statuses seen\n\n${table(['Status', 'From', 'For'], timeline)}`);
  }
  if (progress.approvalDiff) {
    const heading = progress.approved ? 'Changes approved by this step' : 'Changes awaiting approval';
    const changes = diffChanges(progress.approvalDiff).map(({ what, change, names }) => [`${what}s ${change}`, names.map(escape).join(', ')]);
    const error = progress.approvalDiff.program_diff_error ? `\n\nThe program diff failed: ${escape(progress.approvalDiff.program_diff_error)}` : '';
    sections.push(`#### ${heading}\n\n${changes.length > 0 ? table(['Change', 'Names'], changes) : 'No changes listed.'}${error}`);
  }
  if (facts.health.last) sections.push(connectorsMarkdown(facts.health.last, facts.health.baseline, facts.unannotated));
  const compilation = diagnosis.compilation;
  if (compilation && (compilation.annotations.length > 0 || compilation.excerpt)) {
    const messages = compilation.annotations.map((annotation) => {
      const where = annotation.file ? `${escape(annotation.file)}:${annotation.startLine}:${annotation.startColumn}: ` : '';
      const [first = '', ...rest] = annotation.message.split('\n');
      return `- **${annotation.level}** ${where}${escape(first)}${rest.length > 0 ? `\n\n${codeBlock(rest.join('\n'), '  ')}` : ''}`;
    });
    const excerpt = compilation.excerpt ? codeBlock(compilation.excerpt) : '';
    sections.push(['#### Compiler messages', messages.join('\n'), excerpt].filter(Boolean).join('\n\n'));
  }
  if (diagnosis.logTail && diagnosis.logTail.lines.length > 0) {
    sections.push(`#### ${logTailTitle(diagnosis.logTail)}\n\n${codeBlock(diagnosis.logTail.lines.join('\n'))}`);
  }
  return `${sections.join('\n\n')}\n`;
}

/** `Pipeline log (last 200 lines)`: the heading of the log tail, in the log and in the summary. */
export function logTailTitle({ lines, truncated }: LogTail): string {
  return `Pipeline log (${truncated ? 'last ' : ''}${lines.length} lines)`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Text in markdown (outside code, where entities would show as they are): no HTML, no table breaks, no links or emphasis of its own, lines kept inside their table cell. */
function escape(text: string): string {
  return text.replace(/[&<>|[\]\\`*_]/g, (char) => `&#${char.charCodeAt(0)};`).replace(/\r?\n/g, '<br>');
}

/** A fenced block that server text cannot close: the fence is longer than any run of backticks in it. */
function codeBlock(text: string, indent = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, ...text.split('\n'), fence].map((line) => indent + line).join('\n');
}
