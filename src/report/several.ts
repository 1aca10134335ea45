import { formatDuration } from '../text/text.ts';
import { count, fit, inline, table } from '../text/markdown.ts';
import { planChanges } from '../model/plan.ts';
import { SUMMARY_LIMIT_BYTES, summaryMarkdown, type SummaryFacts } from './summary.ts';

/** What the table and the headings may take: the rest is shared by the pipelines' details. */
const TABLE_BYTES = 64 * 1024;
/** Left free under GitHub's limit: the annotations GitHub does not show (report.ts), the post step's lines, the wrapping of each part. */
const MARGIN_BYTES = 128 * 1024;

const RESULTS = {
  reached: '✅ reached',
  accepted: '✅ accepted (not waited for)',
  'awaiting-approval': '⏸️ awaits approval',
  planned: '📋 planned',
  failed: '❌ failed',
} as const;

/**
 * The job summary of several pipelines: one table with a row each, failures first, then each
 * pipeline's own summary in a collapsed `<details>`. The table is never shortened; a pipeline's
 * details keep their first parts that fit its share of GitHub's 1 MiB, and say so.
 */
export function severalSummary(runs: SummaryFacts[], elapsedMs: number): string {
  const failed = runs.filter(({ outcome }) => outcome.result === 'failed').length;
  const awaiting = runs.filter(({ outcome }) => outcome.result === 'awaiting-approval').length;
  const planning = runs.some(({ planning }) => planning);
  const heading = `### ${failed > 0 ? '❌' : awaiting > 0 ? '⏸️' : planning ? '📋' : '✅'} ${runs.length} Feldera pipelines: ${[
    `${runs.length - failed - awaiting} ${planning ? 'planned' : 'started'}`,
    ...(awaiting > 0 ? [`${awaiting} await approval`] : []),
    ...(failed > 0 ? [`${failed} failed`] : []),
  ].join(', ')} in ${formatDuration(elapsedMs)}`;
  const ordered = [...runs].sort((a, b) => rank(a) - rank(b));
  const rows = ordered.map(({ pipelineName, pipelineUrl, target, outcome, progress, plan, converged }) => {
    const name = pipelineUrl ? `[${inline(pipelineName, 100)}](${pipelineUrl})` : inline(pipelineName, 100);
    const code = outcome.result === 'failed' ? inline(outcome.code, 100) : '';
    const elapsed = formatDuration(progress.elapsedMs());
    // A plan reads no status: its changes take their place.
    if (planning)
      return [
        name,
        RESULTS[outcome.result],
        plan ? inline(planChanges(plan.diff) || 'no change', 1000) : '',
        elapsed,
        code,
      ];
    return [
      name,
      target ?? '',
      RESULTS[outcome.result],
      inline(progress.last?.deployment_status ?? 'none read', 100),
      converged?.transition ?? '',
      elapsed,
      code,
    ];
  });
  const columns = planning
    ? ['Pipeline', 'Result', 'Changes', 'Elapsed', 'Error code']
    : ['Pipeline', 'Target', 'Result', 'Last status', 'Transition', 'Elapsed', 'Error code'];
  const overview = `${heading}\n\n${table(columns, rows)}`;
  const share = Math.max(
    0,
    (SUMMARY_LIMIT_BYTES - MARGIN_BYTES - Math.max(TABLE_BYTES, Buffer.byteLength(overview))) / runs.length,
  );
  const details = ordered.map((facts) => {
    // Whole parts (`####` sections, each closed in itself) of the pipeline's summary.
    const { kept, more } = fit(
      summaryMarkdown(facts)
        .trimEnd()
        .split(/\n\n(?=#### |<sub>)/),
      share,
    );
    const cut =
      more > 0
        ? `\n\n…and ${count(more)} more parts, left out to keep the summary under GitHub's limit: the step's log has them.`
        : '';
    return `<details><summary>${inline(facts.pipelineName, 100)}: ${RESULTS[facts.outcome.result]}</summary>\n\n${kept.join('\n\n')}${cut}\n\n</details>`;
  });
  return `${[overview, ...details].join('\n\n')}\n`;
}

function rank({ outcome }: SummaryFacts): number {
  return outcome.result === 'failed' ? 0 : outcome.result === 'awaiting-approval' ? 1 : 2;
}
