import { NAME_LISTS, type NameList, type PipelineDiff } from '../feldera/types.ts';
import { isObject } from '../feldera/json.ts';
import { serverText } from '../text/text.ts';

/**
 * `expected-diff`: the changes reviewed before the release (a plan's `plan-diff`, or an `approval-diff`).
 * With auto-approve, the step approves only an approval diff with the same names in every list.
 */
export type ExpectedMatch = { approve: true } | { approve: false; reason: string; differences: string[] };

const LISTS: readonly NameList[] = [...NAME_LISTS.program, ...NAME_LISTS.connectors];
const PROGRAM: readonly string[] = NAME_LISTS.program;
const DIFF_KEYS = new Set<string>([...NAME_LISTS.connectors, 'program_diff', 'program_diff_error', 'omitted_names']);
const SHAPE =
  'a PipelineDiff as JSON (the approval-diff or plan-diff output: {"program_diff": {"added_tables": [], "modified_views": ["v1"], ...}, "added_input_connectors": [], ...}, lists of names, a missing list empty)';

/** The names of one list of a diff; a missing list is empty. */
function namesOf(diff: PipelineDiff, list: NameList): string[] {
  const lists: Partial<Record<NameList, string[]>> = { ...diff.program_diff, ...diff };
  return lists[list] ?? [];
}

/** Approve only when every list holds the same names, whatever their order; a cut list or a failed program diff proves nothing. */
export function expectedMatch(diff: PipelineDiff | null | undefined, expected: PipelineDiff): ExpectedMatch {
  if (!diff) return { approve: false, reason: 'Feldera did not say what it asks to approve', differences: [] };
  if (!diff.program_diff)
    return {
      approve: false,
      reason: `Feldera could not compute the program diff (${diff.program_diff_error ?? 'it gave no reason'})`,
      differences: [],
    };
  if (expected.program_diff_error)
    return {
      approve: false,
      reason: `expected-diff holds no program diff (${expected.program_diff_error}): the program changes were not reviewed`,
      differences: [],
    };
  const cut = (of: PipelineDiff) => LISTS.filter((list) => (of.omitted_names?.[list] ?? 0) > 0).map(label);
  if (cut(diff).length > 0)
    return {
      approve: false,
      reason: `Feldera's diff is too long to compare name by name (names omitted in ${cut(diff).join(', ')})`,
      differences: [],
    };
  if (cut(expected).length > 0)
    return {
      approve: false,
      reason: `expected-diff was cut (names omitted in ${cut(expected).join(', ')}): it cannot be compared name by name`,
      differences: [],
    };
  const differences: string[] = [];
  for (const list of LISTS) {
    const asked = new Set(namesOf(diff, list));
    const wanted = new Set(namesOf(expected, list));
    const notAsked = [...wanted].filter((name) => !asked.has(name));
    const notExpected = [...asked].filter((name) => !wanted.has(name));
    if (notAsked.length === 0 && notExpected.length === 0) continue;
    const parts = [
      notAsked.length > 0 && `expected but not asked: ${notAsked.join(', ')}`,
      notExpected.length > 0 && `asked but not expected: ${notExpected.join(', ')}`,
    ];
    differences.push(`${label(list)}: ${parts.filter(Boolean).join('; ')}`);
  }
  if (differences.length === 0) return { approve: true };
  return { approve: false, reason: 'the changes Feldera asks to approve are not those of expected-diff', differences };
}

/** `modified_views` → `views modified`, as the log lists the changes. */
function label(list: NameList): string {
  const [change, ...what] = list.split('_');
  return `${what.join(' ')} ${change ?? ''}`;
}

/**
 * The input: one PipelineDiff (one pipeline), or an object from every pipeline's name to its
 * PipelineDiff, or to its entry of a plan's `results` (its `plan-diff` read). Undefined: not set.
 */
export function parseExpectedDiff(
  value: string,
  pipelineNames: readonly string[],
  problems: string[],
): ReadonlyMap<string, PipelineDiff> | undefined {
  if (!value) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    problems.push(
      `expected-diff is not JSON: give ${SHAPE}; with several pipelines, an object from each pipeline's name to its PipelineDiff.`,
    );
    return undefined;
  }
  if (!isObject(json)) {
    problems.push(`expected-diff is not a JSON object: give ${SHAPE}.`);
    return undefined;
  }
  const keys = Object.keys(json);
  const byName = keys.length > 0 && keys.every((key) => pipelineNames.includes(key));
  if (!byName) {
    if (pipelineNames.length > 1) {
      problems.push(
        `expected-diff must map each pipeline of pipeline-name (${pipelineNames.join(', ')}) to its PipelineDiff, as the plan's results output does: ${extraKeys(keys, pipelineNames)}.`,
      );
      return undefined;
    }
    const diff = readPipelineDiff(json, 'expected-diff', problems);
    return diff && new Map([[pipelineNames[0] ?? '', diff]]);
  }
  const missing = pipelineNames.filter((name) => !keys.includes(name));
  if (missing.length > 0) {
    problems.push(
      `expected-diff has no diff for ${missing.join(', ')}: give one for every pipeline of pipeline-name, auto-approve approves them all.`,
    );
    return undefined;
  }
  const diffs = new Map<string, PipelineDiff>();
  for (const name of pipelineNames) {
    const diff = entryDiff(json[name], `expected-diff's "${name}"`, problems);
    if (diff) diffs.set(name, diff);
  }
  return diffs.size === pipelineNames.length ? diffs : undefined;
}

function extraKeys(keys: string[], pipelineNames: readonly string[]): string {
  const strangers = keys.filter((key) => !pipelineNames.includes(key));
  return strangers.length > 0
    ? `${strangers.map((key) => `"${key}"`).join(', ')} ${strangers.length === 1 ? 'is not one' : 'are not ones'}`
    : 'it names none';
}

/** A PipelineDiff, or an entry of a plan's `results` that holds one as JSON text in `plan-diff`. */
function entryDiff(value: unknown, where: string, problems: string[]): PipelineDiff | undefined {
  if (isObject(value) && 'plan-diff' in value) {
    const text = value['plan-diff'];
    let json: unknown;
    try {
      json = typeof text === 'string' ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (json === undefined) {
      problems.push(
        `${where} has a plan-diff that is not a PipelineDiff as JSON text: did the plan compute a diff for it?`,
      );
      return undefined;
    }
    return readPipelineDiff(json, `${where} plan-diff`, problems);
  }
  return readPipelineDiff(value, where, problems);
}

/** Checks the shape: known keys only (a typo would expect nothing), lists of names, names as the step reads Feldera's. */
function readPipelineDiff(value: unknown, where: string, problems: string[]): PipelineDiff | undefined {
  const wrong: string[] = [];
  if (!isObject(value)) wrong.push('it is not an object');
  const record = isObject(value) ? value : {};
  const program = record.program_diff;
  for (const key of Object.keys(record))
    if (!DIFF_KEYS.has(key)) wrong.push(`"${key}" is not a field of a PipelineDiff`);
  if (program !== undefined && program !== null && !isObject(program)) wrong.push('program_diff is not an object');
  const programRecord = isObject(program) ? program : {};
  for (const key of Object.keys(programRecord))
    if (!PROGRAM.includes(key)) wrong.push(`"program_diff.${key}" is not a list of a program diff`);
  const list = (of: Record<string, unknown>, key: string, path: string): string[] => {
    const names = of[key];
    if (names === undefined || names === null) return [];
    if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
      wrong.push(`${path} is not a list of names`);
      return [];
    }
    // As Feldera's names are read (feldera/status.ts), so that the same name compares equal.
    return names.map((name) => serverText(name, [], 200));
  };
  const error = record.program_diff_error;
  if (error !== undefined && error !== null && typeof error !== 'string')
    wrong.push('program_diff_error is not a string');
  const omitted: Partial<Record<NameList, number>> = {};
  const omittedRecord = record.omitted_names;
  if (omittedRecord !== undefined && !isObject(omittedRecord)) wrong.push('omitted_names is not an object');
  for (const [key, count] of Object.entries(isObject(omittedRecord) ? omittedRecord : {})) {
    if (
      !(LISTS as readonly string[]).includes(key) ||
      typeof count !== 'number' ||
      !Number.isInteger(count) ||
      count < 0
    )
      wrong.push(`omitted_names.${key} is not a count of a list`);
    else omitted[key as NameList] = count;
  }
  const diff: PipelineDiff = {
    program_diff: {
      added_tables: list(programRecord, 'added_tables', 'program_diff.added_tables'),
      removed_tables: list(programRecord, 'removed_tables', 'program_diff.removed_tables'),
      modified_tables: list(programRecord, 'modified_tables', 'program_diff.modified_tables'),
      added_views: list(programRecord, 'added_views', 'program_diff.added_views'),
      removed_views: list(programRecord, 'removed_views', 'program_diff.removed_views'),
      modified_views: list(programRecord, 'modified_views', 'program_diff.modified_views'),
    },
    program_diff_error: typeof error === 'string' ? error : null,
    added_input_connectors: list(record, 'added_input_connectors', 'added_input_connectors'),
    modified_input_connectors: list(record, 'modified_input_connectors', 'modified_input_connectors'),
    removed_input_connectors: list(record, 'removed_input_connectors', 'removed_input_connectors'),
    added_output_connectors: list(record, 'added_output_connectors', 'added_output_connectors'),
    modified_output_connectors: list(record, 'modified_output_connectors', 'modified_output_connectors'),
    removed_output_connectors: list(record, 'removed_output_connectors', 'removed_output_connectors'),
    ...(Object.keys(omitted).length > 0 ? { omitted_names: omitted } : {}),
  };
  if (wrong.length === 0) return diff;
  problems.push(`${where} is not a PipelineDiff (${wrong.join('; ')}): give ${SHAPE}.`);
  return undefined;
}
