// expected-diff: the input read (readConfig) and the comparison with the diff Feldera asks to approve.
import { describe, expect, it } from 'vitest';
import { expectedMatch, parseExpectedDiff } from '../src/model/expected-diff.ts';
import { InputError, readConfig, type InputName } from '../src/model/inputs.ts';
import type { PipelineDiff } from '../src/feldera/types.ts';
import { pipelineDiff } from './fixtures.ts';

function read(inputs: Partial<Record<InputName, string>>) {
  try {
    return readConfig({
      getInput: (name) => ({ 'pipeline-name': 'p', 'auto-approve': 'true', ...inputs })[name] ?? '',
      env: {},
      onSecret: () => undefined,
    }).config;
  } catch (error) {
    if (error instanceof InputError) return [...error.problems];
    throw error;
  }
}

function parse(value: unknown, names = ['p']): ReadonlyMap<string, PipelineDiff> | string[] {
  const problems: string[] = [];
  const diffs = parseExpectedDiff(typeof value === 'string' ? value : JSON.stringify(value), names, problems);
  return problems.length > 0 ? problems : (diffs ?? new Map());
}

const ASKED = pipelineDiff({
  program: { modified_views: ['v1', 'v2'], added_tables: ['t'] },
  connectors: { added_input_connectors: ['t.kafka'] },
});

describe('expected-diff, read', () => {
  it('reads one PipelineDiff for one pipeline, a missing list empty', () => {
    const config = read({ 'expected-diff': '{"program_diff": {"modified_views": ["v1"]}}' });
    expect(Array.isArray(config)).toBe(false);
    const diff = (config as Exclude<typeof config, string[]>).expectedDiff?.get('p');
    expect(diff?.program_diff?.modified_views).toEqual(['v1']);
    expect(diff?.program_diff?.added_tables).toEqual([]);
    expect(diff?.added_input_connectors).toEqual([]);
  });

  it('reads an object from each pipeline to its PipelineDiff, or to its entry of a plan’s results', () => {
    const diffs = parse(
      {
        a: { program_diff: { added_views: ['x'] } },
        b: { status: 'Running', 'plan-diff': JSON.stringify(pipelineDiff({ program: { removed_tables: ['old'] } })) },
      },
      ['a', 'b'],
    );
    expect(diffs).toBeInstanceOf(Map);
    expect((diffs as ReadonlyMap<string, PipelineDiff>).get('a')?.program_diff?.added_views).toEqual(['x']);
    expect((diffs as ReadonlyMap<string, PipelineDiff>).get('b')?.program_diff?.removed_tables).toEqual(['old']);
    const one = parse({ p: { 'plan-diff': JSON.stringify(ASKED) } });
    expect((one as ReadonlyMap<string, PipelineDiff>).get('p')?.program_diff?.modified_views).toEqual(['v1', 'v2']);
  });

  it('refuses what is not a PipelineDiff, naming the input and the shape accepted', () => {
    expect(parse('{"program_diff": ')).toEqual([
      expect.stringMatching(
        /^expected-diff is not JSON: give a PipelineDiff as JSON \(the approval-diff or plan-diff output/,
      ),
    ]);
    expect(parse([])).toEqual([expect.stringMatching(/^expected-diff is not a JSON object: give a PipelineDiff/)]);
    expect(parse({ modified_view: ['v1'] })).toEqual([
      expect.stringContaining(
        'expected-diff is not a PipelineDiff ("modified_view" is not a field of a PipelineDiff): give',
      ),
    ]);
    expect(parse({ program_diff: { modified_views: 'v1', extra: [] } })).toEqual([
      expect.stringContaining(
        '("program_diff.extra" is not a list of a program diff; program_diff.modified_views is not a list of names)',
      ),
    ]);
    expect(parse({ added_input_connectors: [3], omitted_names: { modified_views: -1 } })).toEqual([
      expect.stringContaining(
        '(omitted_names.modified_views is not a count of a list; added_input_connectors is not a list of names)',
      ),
    ]);
  });

  it('with several pipelines, wants a diff for each and no other key', () => {
    expect(parse(ASKED, ['a', 'b'])).toEqual([
      expect.stringContaining('expected-diff must map each pipeline of pipeline-name (a, b) to its PipelineDiff'),
    ]);
    expect(parse({ a: ASKED }, ['a', 'b'])).toEqual([
      'expected-diff has no diff for b: give one for every pipeline of pipeline-name, auto-approve approves them all.',
    ]);
    expect(parse({ a: ASKED, b: { 'plan-diff': '' } }, ['a', 'b'])).toEqual([
      expect.stringContaining('expected-diff\'s "b" has a plan-diff that is not a PipelineDiff as JSON text'),
    ]);
  });

  it('needs auto-approve: true and bootstrap-policy await_approval, so cannot go with reloadable-tables', () => {
    const diff = JSON.stringify(ASKED);
    expect(read({ 'expected-diff': diff, 'auto-approve': 'false' })).toEqual([
      'expected-diff needs auto-approve: true: it names the only changes that auto-approve may approve.',
    ]);
    expect(read({ 'expected-diff': diff, 'bootstrap-policy': 'allow' })).toEqual([
      'expected-diff needs bootstrap-policy: await_approval (the default), not allow: only then does Feldera ask approval, with the diff to compare.',
    ]);
    expect(read({ 'expected-diff': diff, 'bootstrap-policy': 'allow', 'reloadable-tables': 'orders' })).toContain(
      'reloadable-tables and auto-approve: true cannot go together: auto-approve approves whatever changed, reloadable-tables only a bootstrap that reloads the tables it names.',
    );
  });
});

describe('expected-diff, compared', () => {
  it('approves the same names in every list, whatever their order', () => {
    const reordered = pipelineDiff({
      program: { modified_views: ['v2', 'v1'], added_tables: ['t'] },
      connectors: { added_input_connectors: ['t.kafka'] },
    });
    expect(expectedMatch(ASKED, reordered)).toEqual({ approve: true });
    expect(expectedMatch(pipelineDiff(), { added_input_connectors: [] } as unknown as PipelineDiff)).toEqual({
      approve: true,
    });
  });

  it('says per list what was expected but not asked, and asked but not expected', () => {
    const expected = pipelineDiff({
      program: { modified_views: ['v1', 'v3'] },
      connectors: { added_input_connectors: ['t.kafka'] },
    });
    expect(expectedMatch(ASKED, expected)).toEqual({
      approve: false,
      reason: 'the changes Feldera asks to approve are not those of expected-diff',
      differences: [
        'tables added: asked but not expected: t',
        'views modified: expected but not asked: v3; asked but not expected: v2',
      ],
    });
  });

  it('never approves changes against an empty expected diff', () => {
    const verdict = expectedMatch(ASKED, pipelineDiff());
    expect(verdict.approve).toBe(false);
    expect(verdict.approve ? [] : verdict.differences).toHaveLength(3);
  });

  it('cannot prove a cut diff, or a failed program diff, equal', () => {
    const cut = { ...ASKED, omitted_names: { modified_views: 4 } };
    expect(expectedMatch(cut, ASKED)).toMatchObject({
      approve: false,
      reason: "Feldera's diff is too long to compare name by name (names omitted in views modified)",
    });
    expect(expectedMatch(ASKED, cut)).toMatchObject({
      approve: false,
      reason: 'expected-diff was cut (names omitted in views modified): it cannot be compared name by name',
    });
    expect(
      expectedMatch({ ...ASKED, program_diff: null, program_diff_error: 'no checkpoint program' }, ASKED),
    ).toMatchObject({
      approve: false,
      reason: 'Feldera could not compute the program diff (no checkpoint program)',
    });
    expect(expectedMatch(ASKED, { ...ASKED, program_diff: null, program_diff_error: 'did not compile' })).toMatchObject(
      { approve: false },
    );
    expect(expectedMatch(null, ASKED)).toMatchObject({
      approve: false,
      reason: 'Feldera did not say what it asks to approve',
    });
  });
});
