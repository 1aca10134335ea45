import type { PipelineDiff } from '../feldera/types.ts';
import type { Failure } from './outcome.ts';

/**
 * `reloadable-tables`, as Feldera's Python client checks its `reloadable_tables` (PR #7546, 0.369):
 * bootstrapping truncates a modified table and reads it again from its connectors, so the changes
 * awaiting approval are approved only when every modified table is named. Added and removed tables
 * reload nothing. Names are compared as the diff spells them (an unquoted SQL name in lowercase).
 */
export type ReloadApproval = { approve: true } | { approve: false; reason: string; blocked: string[] };

export function reloadApproval(diff: PipelineDiff | null | undefined, reloadable: readonly string[]): ReloadApproval {
  if (!diff) return { approve: false, reason: 'Feldera did not say what changed', blocked: [] };
  if (!diff.program_diff)
    return {
      approve: false,
      reason: `Feldera could not compute the program diff (${diff.program_diff_error ?? 'it gave no reason'})`,
      blocked: [],
    };
  const blocked = diff.program_diff.modified_tables.filter((table) => !reloadable.includes(table));
  if (blocked.length === 0) return { approve: true };
  return {
    approve: false,
    reason: `its bootstrap would reload ${blocked.length === 1 ? 'table' : 'tables'} ${blocked.join(', ')}, not in reloadable-tables`,
    blocked,
  };
}

/** The pipeline is left AwaitingApproval, as the Python client leaves it: someone may still approve it. */
export function reloadRefused(name: string, refusal: Extract<ReloadApproval, { approve: false }>): Failure {
  return {
    result: 'failed',
    code: 'TableReloadNotAllowed',
    message: `Pipeline ${name} was not approved: ${refusal.reason}. It is left AwaitingApproval.`,
    hint:
      refusal.blocked.length > 0
        ? `to reload ${refusal.blocked.length === 1 ? 'it' : 'them'}, add ${refusal.blocked.join(', ')} to reloadable-tables and run again, or approve it (fda approve ${name}, or the Feldera console); to keep the tables, stop it (fda stop ${name}) and change the program so that they stay unmodified.`
        : `approve it yourself if the changes may reload any table (fda approve ${name}, or the Feldera console), or stop it (fda stop ${name}).`,
  };
}
