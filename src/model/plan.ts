import type { PipelineDiff } from '../feldera/types.ts';
import { countChanges, diffChanges } from './approval.ts';

/** What a plan found: the diff of the program of which file. */
export interface Plan {
  sqlFile: string;
  diff: PipelineDiff;
}

/** `plan-changes`: one line of counts (`1 table added, 2 views modified`); empty when nothing would change. */
export function planChanges(diff: PipelineDiff): string {
  return changed(diff) ? countChanges(diff) : '';
}

/** Anything at all would change, or Feldera could not tell (its program diff failed). */
export function changed(diff: PipelineDiff): boolean {
  return diffChanges(diff).length > 0 || Boolean(diff.program_diff_error);
}

/**
 * What the next start from a checkpoint does with these changes, as Feldera's documentation says
 * (docs.feldera.com, pipelines/modifying.md: "Bootstrapping"): one sentence per kind of change present.
 */
export function nextStartMeaning(diff: PipelineDiff): string[] {
  if (!changed(diff))
    return [
      'The program is the same: the next start resumes from the checkpoint, with nothing to bootstrap or approve.',
    ];
  const present = new Set(diffChanges(diff).map(({ what, change }) => `${what} ${change}`));
  const has = (...kinds: string[]) => kinds.some((kind) => present.has(kind));
  const lines = [
    'The next start from a checkpoint bootstraps these changes: with bootstrap-policy await_approval (the default) it stops at AwaitingApproval until they are approved; reject stops it with an error; allow bootstraps at once. Bootstrapping is a Feldera Enterprise feature.',
  ];
  if (has('table added', 'table modified')) {
    lines.push(
      'New and modified tables start empty: their state is truncated, their input connectors start again from their initial configuration, and every view derived from a modified table is modified too.',
    );
  }
  if (has('table removed', 'view removed')) lines.push('Removed tables and views lose their state.');
  if (has('view added', 'view modified')) {
    lines.push(
      'New and modified views are computed from the existing state, and their whole contents go to their output connectors (not with silent-bootstrap: true). No retractions are sent for the old contents of a modified view: clear its sinks before approving.',
    );
  }
  if (has('input connector added', 'input connector modified'))
    lines.push('New and modified input connectors start from their initial configuration, not from the checkpoint.');
  if (diff.program_diff_error)
    lines.push('Feldera could not compute the program diff: it cannot say which tables and views change.');
  return lines;
}
