import type { NameList, PipelineDiff } from '../feldera/types.ts';
import { count as thousands } from '../text/markdown.ts';

/** One line of a diff: `views modified: v1, v2`. */
export interface DiffChange {
  what: 'table' | 'view' | 'input connector' | 'output connector';
  change: 'added' | 'removed' | 'modified';
  names: string[];
  /** The names in Feldera's answer: more than `names` when the list was too long to keep whole. */
  count: number;
}

/** The changes of a `PipelineDiff` that are not empty, tables first. */
export function diffChanges(diff: PipelineDiff): DiffChange[] {
  const program = diff.program_diff;
  const change = (
    what: DiffChange['what'],
    change: DiffChange['change'],
    list: NameList,
    names: string[] | undefined,
  ): DiffChange => ({
    what,
    change,
    names: names ?? [],
    count: (names?.length ?? 0) + (diff.omitted_names?.[list] ?? 0),
  });
  const all: DiffChange[] = [
    change('table', 'added', 'added_tables', program?.added_tables),
    change('table', 'removed', 'removed_tables', program?.removed_tables),
    change('table', 'modified', 'modified_tables', program?.modified_tables),
    change('view', 'added', 'added_views', program?.added_views),
    change('view', 'removed', 'removed_views', program?.removed_views),
    change('view', 'modified', 'modified_views', program?.modified_views),
    change('input connector', 'added', 'added_input_connectors', diff.added_input_connectors),
    change('input connector', 'removed', 'removed_input_connectors', diff.removed_input_connectors),
    change('input connector', 'modified', 'modified_input_connectors', diff.modified_input_connectors),
    change('output connector', 'added', 'added_output_connectors', diff.added_output_connectors),
    change('output connector', 'removed', 'removed_output_connectors', diff.removed_output_connectors),
    change('output connector', 'modified', 'modified_output_connectors', diff.modified_output_connectors),
  ];
  return all.filter((change) => change.count > 0);
}

/** `3 views modified, 1 table added`, or what Feldera said when it could not tell. */
export function countChanges(diff: PipelineDiff): string {
  const counts = diffChanges(diff).map(
    ({ what, change, count }) => `${count} ${what}${count === 1 ? '' : 's'} ${change}`,
  );
  if (diff.program_diff_error) counts.push(`the program diff failed: ${diff.program_diff_error}`);
  return counts.length > 0 ? counts.join(', ') : 'no changes listed';
}

/** The log's lines for a diff: one per kind of change, with the names. */
export function diffLines(diff: PipelineDiff): string[] {
  const lines = diffChanges(diff).map(({ what, change, names, count }) => {
    const more = count > names.length ? [`…and ${thousands(count - names.length)} more`] : [];
    return `${what}s ${change}: ${[...names, ...more].join(', ')}`;
  });
  if (diff.program_diff_error) lines.push(`program diff error: ${diff.program_diff_error}`);
  return lines.length > 0 ? lines : ['no changes listed'];
}
