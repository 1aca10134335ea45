// The README's workflows as script/act-readme reads them: which it runs, and its check of expressions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expressionProblems, readActionOutputs, references, workflowsIn } from './act/workflows.ts';

const outputs = readActionOutputs('.');
const recipes = workflowsIn(readFileSync('test/act/recipes.md', 'utf8'));

describe('the README workflows for act', () => {
  it('finds the whole workflows of the action, runnable or not, and their expressions right', () => {
    expect(recipes.map(({ name }) => name)).toContain('Approval gate');
    expect(recipes.filter(({ remote }) => remote.length > 0).map(({ name }) => name)).toEqual(['Plan and release']);
    for (const workflow of recipes) expect(expressionProblems(workflow, outputs)).toEqual([]);
  });

  it('names a workflow without a name by its jobs, and skips a step or a workflow without the action', () => {
    const markdown = [
      '```yaml\n- uses: feldera-actions/start-pipeline@v1\n```',
      '```yaml\njobs:\n  a:\n    steps:\n      - run: echo\n```',
      '```yaml\njobs:\n  a:\n    services: { db: { image: x } }\n    steps:\n      - uses: feldera-actions/start-pipeline@v1\n```',
    ].join('\n');
    expect(workflowsIn(markdown)).toMatchObject([
      { name: 'jobs a', hasName: false, remote: ['job a has Docker services'] },
    ]);
  });

  it('reads the paths of an expression, and refuses one that does not parse', () => {
    const problems: string[] = [];
    const note = (message: string) => problems.push(message);
    expect(references("steps.start.outputs.awaiting-approval == 'true' && !cancelled()", note)).toEqual([
      ['steps', 'start', 'outputs', 'awaiting-approval'],
    ]);
    expect(references("fromJSON(steps.s.outputs.results)['orders'].status || format('{0}', github.sha)", note)).toEqual(
      [
        ['steps', 's', 'outputs', 'results'],
        ['github', 'sha'],
      ],
    );
    expect(problems).toEqual([]);
    expect(references('steps.start.outputs.status ==', note)).toEqual([]);
    expect(references('nosuch(1)', note)).toEqual([]);
    expect(problems).toHaveLength(2);
  });

  it('names what an expression refers to that does not exist', () => {
    const [workflow] = workflowsIn(
      [
        '```yaml',
        'jobs:',
        '  a:',
        '    outputs:',
        '      x: ${{ steps.nope.outputs.status }}',
        '    steps:',
        '      - run: echo ${{ steps.start.outputs.status }} ${{ secrets.OTHER }} ${{ inputs.missing }}',
        '      - id: start',
        '        uses: feldera-actions/start-pipeline@v1',
        '        with:',
        '          pipeline-name: ${{ needs.b.outputs.y }}',
        '      - run: echo "${{ steps.start.outputs.no-such-output }}"',
        '```',
      ].join('\n'),
    );
    expect(expressionProblems(workflow!, outputs)).toEqual([
      expect.stringContaining('no step with id start before it'),
      expect.stringContaining('no secret OTHER'),
      expect.stringContaining('no input missing'),
      expect.stringContaining('does not need b'),
      expect.stringContaining('the action has no output no-such-output'),
      expect.stringContaining('no step with id nope'),
    ]);
  });
});
