// expected-diff end to end: the bundle against the fake, approving at AwaitingApproval only the changes expected.
import { describe, expect, it } from 'vitest';
import { pipelineDiff } from './fixtures.ts';
import { endToEnd } from './harness.ts';

const { fake, inputs, act } = endToEnd();

const AWAITING = [
  { status: 'Provisioning', ms: 20 },
  { status: 'Initializing', ms: 20 },
  { status: 'AwaitingApproval', ms: 0 },
  { status: 'Bootstrapping', ms: 20 },
];
const ASKED = pipelineDiff({ program: { modified_views: ['v1', 'v2'], added_tables: ['t'] } });

describe('expected-diff', () => {
  it('approves when Feldera asks to approve the changes expected, in any order', async () => {
    const server = await fake([{ name: 'p', phases: AWAITING, approvalDiff: { diff: ASKED } }]);
    const expected = { program_diff: { modified_views: ['v2', 'v1'], added_tables: ['t'] } };
    const run = await act(inputs(server, { 'auto-approve': 'true', 'expected-diff': JSON.stringify(expected) }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', approved: 'true', 'awaiting-approval': 'false' });
    expect(server.calls('approve')).toHaveLength(1);
    expect(run.summary).toContain(
      '- **Approved by this step**: yes (auto-approve: true, the changes of expected-diff)\n',
    );
  });

  it('leaves other changes AwaitingApproval, green, with a warning that shows both sides', async () => {
    const server = await fake([{ name: 'p', phases: AWAITING, approvalDiff: { diff: ASKED } }]);
    const expected = pipelineDiff({ program: { modified_views: ['v1', 'v3'] } });
    const run = await act(inputs(server, { 'auto-approve': 'true', 'expected-diff': JSON.stringify(expected) }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      status: 'AwaitingApproval',
      approved: 'false',
      'awaiting-approval': 'true',
      'error-code': '',
    });
    expect(server.calls('approve')).toEqual([]);
    const warning = run.annotations.find(
      (annotation) => annotation.level === 'warning' && annotation.message.includes('was not approved'),
    );
    // Every warning has a title (issue 31: this one had none).
    expect(warning?.properties).toBe('title=Feldera pipeline p not approved%3A not the changes of expected-diff');
    expect(warning?.message).toBe(
      'Pipeline p was not approved: the changes Feldera asks to approve are not those of expected-diff.\ntables added: asked but not expected: t\nviews modified: expected but not asked: v3; asked but not expected: v2',
    );
    expect(server.timeline.at(-1)?.status).toBe('AwaitingApproval');
  });

  it('refuses JSON that is not a PipelineDiff with InvalidInput, before any request', async () => {
    const server = await fake([{ name: 'p', phases: AWAITING, approvalDiff: { diff: ASKED } }]);
    const run = await act(inputs(server, { 'auto-approve': 'true', 'expected-diff': '{"modified_view": ["v1"]}' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('InvalidInput');
    expect(run.stdout).toContain(
      'expected-diff is not a PipelineDiff ("modified_view" is not a field of a PipelineDiff)',
    );
    expect(server.requests).toEqual([]);
  });

  it('with several pipelines, compares each with its entry of a plan’s results, approving only those that match', async () => {
    const server = await fake([
      { name: 'a', phases: AWAITING, approvalDiff: { diff: ASKED } },
      { name: 'b', phases: AWAITING, approvalDiff: { diff: ASKED } },
    ]);
    const results = {
      a: { 'plan-diff': JSON.stringify(ASKED) },
      b: { 'plan-diff': JSON.stringify(pipelineDiff({ program: { added_tables: ['t'] } })) },
    };
    const run = await act(
      inputs(server, { 'pipeline-name': 'a b', 'auto-approve': 'true', 'expected-diff': JSON.stringify(results) }),
    );
    expect(run.code).toBe(0);
    const each = JSON.parse(run.outputs.results ?? '{}') as Record<string, Record<string, string>>;
    expect(each.a).toMatchObject({ status: 'Running', approved: 'true' });
    expect(each.b).toMatchObject({ status: 'AwaitingApproval', approved: 'false', 'awaiting-approval': 'true' });
    expect(server.calls('approve').map((request) => request.path)).toEqual([expect.stringContaining('/a/approve')]);
    expect(run.annotations.map((annotation) => annotation.message)).toContainEqual(
      expect.stringContaining('views modified: asked but not expected: v1, v2'),
    );
  });
});
