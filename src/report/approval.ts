import { nameCount } from '../feldera/client.ts';
import type { PipelineDiff } from '../feldera/types.ts';

/** One line of a diff: `views modified: v1, v2`. */
export interface DiffChange {
  what: 'table' | 'view' | 'input connector' | 'output connector';
  change: 'added' | 'removed' | 'modified';
  names: string[];
}

/** The changes of a `PipelineDiff` that are not empty, tables first. */
export function diffChanges(diff: PipelineDiff): DiffChange[] {
  const program = diff.program_diff;
  const all: DiffChange[] = [
    { what: 'table', change: 'added', names: program?.added_tables ?? [] },
    { what: 'table', change: 'removed', names: program?.removed_tables ?? [] },
    { what: 'table', change: 'modified', names: program?.modified_tables ?? [] },
    { what: 'view', change: 'added', names: program?.added_views ?? [] },
    { what: 'view', change: 'removed', names: program?.removed_views ?? [] },
    { what: 'view', change: 'modified', names: program?.modified_views ?? [] },
    { what: 'input connector', change: 'added', names: diff.added_input_connectors },
    { what: 'input connector', change: 'removed', names: diff.removed_input_connectors },
    { what: 'input connector', change: 'modified', names: diff.modified_input_connectors },
    { what: 'output connector', change: 'added', names: diff.added_output_connectors },
    { what: 'output connector', change: 'removed', names: diff.removed_output_connectors },
    { what: 'output connector', change: 'modified', names: diff.modified_output_connectors },
  ];
  return all.filter((change) => change.names.length > 0);
}

/** `3 views modified, 1 table added`, or what Feldera said when it could not tell. */
export function countChanges(diff: PipelineDiff): string {
  const counts = diffChanges(diff).map(({ what, change, names }) => {
    const count = nameCount(names);
    return `${count} ${what}${count === 1 ? '' : 's'} ${change}`;
  });
  if (diff.program_diff_error) counts.push(`the program diff failed: ${diff.program_diff_error}`);
  return counts.length > 0 ? counts.join(', ') : 'no changes listed';
}

/** The log's lines for a diff: one per kind of change, with the names. */
export function diffLines(diff: PipelineDiff): string[] {
  const lines = diffChanges(diff).map(({ what, change, names }) => `${what}s ${change}: ${names.join(', ')}`);
  if (diff.program_diff_error) lines.push(`program diff error: ${diff.program_diff_error}`);
  return lines.length > 0 ? lines : ['no changes listed'];
}
