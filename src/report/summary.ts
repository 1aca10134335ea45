import type { Outcome } from '../outcome.ts';
import type { Progress } from '../progress.ts';
import { formatDuration } from '../text.ts';

export interface SummaryFacts {
  pipelineName: string;
  pipelineUrl: string;
  target: string;
  outcome: Outcome;
  progress: Progress;
}

const RESULTS: Record<Outcome['result'], string> = {
  reached: '✅ reached',
  'awaiting-approval': '⏸️ awaiting approval',
  accepted: '✅ start accepted (not waited for)',
  failed: '❌ failed',
};

/** The job summary's markdown: pipeline, target, result, last status, time, and the error if any. */
export function summaryMarkdown(facts: SummaryFacts): string {
  const { outcome, progress } = facts;
  const rows = [
    ['Pipeline', `[${escape(facts.pipelineName)}](${facts.pipelineUrl})`],
    ['Target', facts.target],
    ['Result', RESULTS[outcome.result]],
    ['Last status', escape(progress.last?.deployment_status ?? 'none read')],
    ['Approved by this step', progress.approved ? 'yes' : 'no'],
    ['Elapsed', formatDuration(progress.elapsedMs())],
  ];
  if (outcome.result === 'failed') {
    rows.push(['Error code', `\`${escape(outcome.code)}\``], ['Error', escape(outcome.message)]);
    if (outcome.hint) rows.push(['Hint', escape(outcome.hint)]);
  }
  const table = rows.map(([name, value]) => `| ${name} | ${value} |`).join('\n');
  return `### Feldera pipeline ${escape(facts.pipelineName)}\n\n| | |\n|---|---|\n${table}\n`;
}

/** Server text in markdown: no HTML, no table breaks, no links of its own. */
function escape(text: string): string {
  return text.replace(/[&<>|[\]\\`*_]/g, (char) => `&#${char.charCodeAt(0)};`);
}
