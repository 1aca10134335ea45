// Several pipelines in one step, end to end: started side by side, waited on each, reported once.
import { describe, expect, it } from 'vitest';
import type { PipelineScript } from './fake-feldera.ts';
import { APPROVAL_DIFF } from './fixtures.ts';
import { endToEnd } from './harness.ts';
import { startAction, type ActionRun } from './run-action.ts';

const { fake, inputs, act, watch } = endToEnd();
const PHASES = [
  { status: 'Provisioning', ms: 40 },
  { status: 'Initializing', ms: 40 },
];

const results = (run: ActionRun) => JSON.parse(run.outputs.results ?? '{}') as Record<string, Record<string, string>>;
const pipeline = (name: string, more: Partial<PipelineScript> = {}): PipelineScript => ({
  name,
  phases: PHASES,
  ...more,
});

describe('several pipelines in one step', () => {
  it('starts three side by side and reports each', async () => {
    // Each is held in Provisioning until all three starts have come: a step that waited for one before
    // starting the next would never send them all.
    const held = [{ status: 'Provisioning', until: 'all started' }, ...PHASES.slice(1)];
    const server = await fake([
      pipeline('orders', { phases: held }),
      pipeline('billing', { phases: [...held, { status: 'Bootstrapping', ms: 300 }] }),
      pipeline('audit', { phases: held }),
    ]);
    const done = act(inputs(server, { 'pipeline-name': 'orders\nbilling, audit' }));
    await Promise.race([server.arrival('start', 3), done]);
    expect(server.calls('start')).toHaveLength(3);
    server.release('all started');
    const run = await done;
    expect(run.code).toBe(0);
    expect(Object.keys(results(run))).toEqual(['orders', 'billing', 'audit']);
    for (const name of ['orders', 'billing', 'audit']) {
      expect(results(run)[name]).toMatchObject({
        status: 'Running',
        'error-code': '',
        'pipeline-url': `${server.url}/pipelines/${name}/`,
      });
      expect(run.stdout).toMatch(new RegExp(`^\\[${name}\\] \\[[\\d.]+s\\] Running \\(desired Running\\)$`, 'm'));
      expect(run.stdout).toMatch(new RegExp(`^Pipeline ${name} is Running after [\\d.]+s\\.$`, 'm'));
    }
    expect(run.outputs).toMatchObject({
      status: '',
      'error-code': '',
      'awaiting-approval': 'false',
      approved: 'false',
      'pipeline-url': '',
    });
    expect(run.outputs['elapsed-seconds']).toMatch(/^\d+\.\d$/);
    expect(run.stdout).not.toContain('::group::');
    expect(run.annotations).toEqual([]);
    expect(run.summary).toMatch(
      /^### ✅ 3 Feldera pipelines: 3 started in [\d.]+s\n\n\| Pipeline \| Target \| Result \|/,
    );
    expect(run.summary.match(/^\| \[\w+\]\(http.*\) \| Running \| ✅ reached \| Running \|/gm)).toHaveLength(3);
    expect(run.summary.match(/<details><summary>/g)).toHaveLength(3);
  });

  it('fails when one fails, reports the one awaiting approval, and titles each annotation with its pipeline', async () => {
    const server = await fake([
      pipeline('orders'),
      pipeline('billing', {
        failWith: {
          error_code: 'RunnerCheckError',
          message: 'The pipeline process exited with code 137',
          details: null,
        },
      }),
      pipeline('audit', {
        phases: [...PHASES, { status: 'AwaitingApproval', ms: 0 }],
        approvalDiff: { diff: APPROVAL_DIFF },
      }),
    ]);
    const run = await act(inputs(server, { 'pipeline-name': 'orders billing audit', logs: 'never' }));
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'error-code': 'RunnerCheckError', 'awaiting-approval': 'true', status: '' });
    expect(results(run).orders).toMatchObject({ status: 'Running', 'error-code': '' });
    expect(results(run).billing).toMatchObject({ 'error-code': 'RunnerCheckError', 'desired-status': 'Stopped' });
    expect(results(run).audit).toMatchObject({ status: 'AwaitingApproval', 'awaiting-approval': 'true' });
    expect(run.annotations.map(({ level, properties }) => [level, properties])).toEqual([
      ['error', 'title=Feldera pipeline billing did not start'],
      ['warning', 'title=Feldera pipeline audit awaits approval'],
    ]);
    // Failures first in the table; the diff in audit's own group after the waiting.
    expect(run.summary).toMatch(/\| ❌ failed \|[^\n]*\n\| \[audit\][^\n]*⏸️ awaits approval[^\n]*\n\| \[orders\]/);
    expect(run.stdout).toContain('::group::audit: details\ntables added: refunds\n');
  });

  it('approves each that awaits approval, once', async () => {
    const modified = (name: string) =>
      pipeline(name, {
        phases: [...PHASES, { status: 'AwaitingApproval', ms: 0 }, { status: 'Bootstrapping', ms: 40 }],
      });
    const server = await fake([modified('a'), modified('b'), pipeline('c')]);
    const run = await act(inputs(server, { 'pipeline-name': 'a,b,c', 'auto-approve': 'true' }));
    expect(run.code).toBe(0);
    expect(run.outputs.approved).toBe('true');
    expect(server.calls('approve').map((request) => request.path)).toEqual(
      expect.arrayContaining(['/v0/pipelines/a/approve', '/v0/pipelines/b/approve']),
    );
    expect(server.calls('approve')).toHaveLength(2);
    expect(results(run).c?.approved).toBe('false');
  });

  it('refuses a repeated name and a bad one among good ones in one InvalidInput, before any request', async () => {
    const server = await fake([pipeline('a'), pipeline('b')]);
    const run = await act(inputs(server, { 'pipeline-name': 'a\nb\na\n-bad-' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('InvalidInput');
    const message = run.annotations.find(({ level }) => level === 'error')?.message ?? '';
    expect(message).toContain('pipeline-name "-bad-" must be');
    expect(message).toContain('pipeline-name names "a" more than once');
    expect(server.requests).toEqual([]);
  });

  it('ends every run on cancel, sets all outputs, and exits by itself', async () => {
    const stuck = (name: string) => pipeline(name, { phases: [{ status: 'Provisioning', ms: 60_000 }] });
    const server = await fake([stuck('a'), stuck('b'), stuck('c')]);
    const given = inputs(server, { 'pipeline-name': 'a b c' });
    const { child, done } = startAction(given);
    void watch(done, given);
    while (server.calls('status').length < 6) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    const run = await done;
    // How soon is npm run bench's ("Ends on time").
    expect(run.signal).toBeNull();
    expect(run.outputs['error-code']).toBe('Cancelled');
    expect(Object.values(results(run)).map((values) => values['error-code'])).toEqual([
      'Cancelled',
      'Cancelled',
      'Cancelled',
    ]);
  });

  it('reads all statuses in one list per interval for more than ten, and fails one deleted while waiting', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `p${i}`);
    // Provisioning for three reads (a list is a read of each pipeline in it); p3 until it is deleted.
    const server = await fake(
      names.map((name) =>
        pipeline(name, {
          phases: [name === 'p3' ? { status: 'Provisioning', until: 'never' } : { status: 'Provisioning', reads: 3 }],
        }),
      ),
    );
    // One start answered late: its pipeline must not be judged on a list read before it started.
    server.fault('start', { kind: 'delay', ms: 300 });
    const given = inputs(server, { 'pipeline-name': names.join('\n'), 'poll-interval': '200ms' });
    const done = act(given);
    // Deleted once it was started and read by itself, and lists were read: the next list lacks it.
    const p3Read = () => server.calls('status').some((request) => request.path.endsWith('/p3'));
    const ended = done.then(() => 'ended' as const);
    for (let lists = 2; !p3Read() || server.calls('list').length < 2; lists++) {
      if ((await Promise.race([server.arrival('list', lists), ended])) === 'ended') break;
    }
    server.delete('p3');
    const run = await done;
    expect(run.code).toBe(1);
    // Each pipeline's first read after its start is its own; then lists for all.
    expect(server.calls('status')).toHaveLength(12);
    expect(server.calls('list').every((request) => request.query.selector === 'status')).toBe(true);
    // One list answers every pipeline: a list per pipeline would be eleven in each interval. At most one
    // per interval is npm run bench's ("Several pipelines in one step").
    expect(server.calls('list').length).toBeLessThan(names.length);
    expect(results(run).p3?.['error-code']).toBe('UnknownPipelineName');
    expect(names.filter((name) => name !== 'p3').every((name) => results(run)[name]?.status === 'Running')).toBe(true);
  });

  it('shows ten error annotations at most, the last saying how many more the summary holds', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `f${i}`);
    const server = await fake(
      names.map((name) =>
        pipeline(name, { failWith: { error_code: 'RunnerCheckError', message: `${name} exited`, details: null } }),
      ),
    );
    const run = await act(inputs(server, { 'pipeline-name': names.join(' '), logs: 'never' }));
    const errors = run.annotations.filter(({ level }) => level === 'error');
    expect(errors).toHaveLength(10);
    expect(errors.at(-1)?.message).toMatch(/\(…and 2 more errors: see the job summary\.\)$/);
    expect(run.summary.match(/\| ❌ failed \|/g)).toHaveLength(12);
    // The two GitHub does not show are in the summary, as the last annotation says.
    const notShown = run.summary.split('#### Annotations GitHub does not show')[1] ?? '';
    expect(notShown.match(/^- \*\*error\*\* Feldera pipeline f\d+ did not start: /gm)).toHaveLength(2);
  });
});
