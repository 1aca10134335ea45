// The bundle against the fake as Feldera 0.337 and as 0.375: what the step does with what 0.375
// added (reloadable-tables after the Python client's reloadable_tables, /logs?follow=false, paused
// outputs), and that each works against 0.337 too; Feldera's events with both, and without them before 0.292.
import { describe, expect, it } from 'vitest';
import type { PipelineScript } from './fake-feldera.ts';
import { APPROVAL_DIFF, NEWEST_FELDERA, pipelineDiff } from './fixtures.ts';
import { endToEnd, errorAnnotation } from './harness.ts';

const { fake, inputs, act } = endToEnd();

const AWAITING = [
  { status: 'Provisioning', ms: 20 },
  { status: 'Initializing', ms: 20 },
  { status: 'AwaitingApproval', ms: 0 },
  { status: 'Bootstrapping', ms: 20 },
];
/** Table `orders` modified: a bootstrap truncates it and reads it again from its connectors. */
const ORDERS_MODIFIED = pipelineDiff({ program: { modified_tables: ['orders'], added_views: ['refunds'] } });
const VERSIONS = ['0.337.0', NEWEST_FELDERA];

describe.each(VERSIONS)('the action against Feldera %s', (version) => {
  it('approves a bootstrap that reloads only tables of reloadable-tables, having started with await_approval', async () => {
    const server = await fake([{ name: 'p', phases: AWAITING, approvalDiff: { diff: ORDERS_MODIFIED } }], { version });
    const run = await act(inputs(server, { 'bootstrap-policy': 'allow', 'reloadable-tables': 'orders, audit' }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({
      status: 'Running',
      approved: 'true',
      'awaiting-approval': 'false',
      'error-code': '',
    });
    expect(server.calls('start')[0]!.query.bootstrap_policy).toBe('await_approval');
    expect(server.calls('approve')).toHaveLength(1);
    expect(run.stdout).toContain('Approved (every modified table is in reloadable-tables).');
    expect(run.summary).toContain('- **Approved by this step**: yes (every modified table is in reloadable-tables)\n');
  });

  it('approves a bootstrap that modifies no table with reloadable-tables: []', async () => {
    const server = await fake([{ name: 'p', phases: AWAITING, approvalDiff: { diff: APPROVAL_DIFF } }], { version });
    const run = await act(inputs(server, { 'bootstrap-policy': 'allow', 'reloadable-tables': '[]' }));
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'Running', approved: 'true' });
  });

  it('leaves a bootstrap that would reload another table AwaitingApproval, failing with TableReloadNotAllowed', async () => {
    const server = await fake([{ name: 'p', phases: AWAITING, approvalDiff: { diff: ORDERS_MODIFIED } }], { version });
    const run = await act(
      inputs(server, {
        'bootstrap-policy': 'allow',
        'reloadable-tables': 'audit',
        'stop-on-failure': 'true',
        logs: 'never',
      }),
    );
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({
      status: 'AwaitingApproval',
      'awaiting-approval': 'true',
      approved: 'false',
      stopped: 'false',
      'error-code': 'TableReloadNotAllowed',
    });
    expect(JSON.parse(run.outputs['approval-diff']!)).toEqual(ORDERS_MODIFIED);
    expect(errorAnnotation(run).message).toContain(
      'Pipeline p was not approved: its bootstrap would reload table orders, not in reloadable-tables. It is left AwaitingApproval.',
    );
    expect(run.summary).toContain('add orders to reloadable-tables and run again');
    // As Feldera's Python client leaves it: someone may still approve it; not stopped.
    expect(server.calls('approve')).toEqual([]);
    expect(server.calls('stop')).toEqual([]);
    expect(server.timeline.at(-1)?.status).toBe('AwaitingApproval');
  });

  it('refuses to approve when Feldera could not compute the program diff', async () => {
    const diff = {
      ...ORDERS_MODIFIED,
      program_diff: null,
      program_diff_error: 'the checkpoint was written by another compiler',
    };
    const server = await fake([{ name: 'p', phases: AWAITING, approvalDiff: { diff } }], { version });
    const run = await act(
      inputs(server, { 'bootstrap-policy': 'allow', 'reloadable-tables': 'orders', logs: 'never' }),
    );
    expect(run.outputs['error-code']).toBe('TableReloadNotAllowed');
    expect(errorAnnotation(run).message).toContain(
      'Feldera could not compute the program diff (the checkpoint was written by another compiler)',
    );
    expect(server.calls('approve')).toEqual([]);
  });

  it('reads the log tail with follow=false', async () => {
    // As 0.375, the fake writes a new line every few milliseconds after the buffer: the read must end all the same.
    const ticking = version === NEWEST_FELDERA ? { logEveryMs: 5 } : {};
    const script: PipelineScript = {
      name: 'p',
      phases: AWAITING.slice(0, 2),
      logLines: ['INFO started', 'INFO running'],
      ...ticking,
    };
    const server = await fake([script], { version });
    const run = await act(inputs(server, { logs: 'always' }));
    expect(run.code).toBe(0);
    expect(server.calls('logs').map((request) => request.query)).toEqual([{ follow: 'false' }]);
    expect(run.summary).toContain('INFO started\nINFO running');
    expect(run.summary).not.toContain('tick');
  });

  it('lists paused endpoints in the connectors output, and passes the health check with them', async () => {
    const connectors: PipelineScript['connectors'] = [
      { name: 'orders.kafka_in', direction: 'input', stream: 'orders', states: [{ at: 0, paused: true }] },
      { name: 'audit.kafka_out', direction: 'output', stream: 'audit', states: [{ at: 0, paused: true }] },
    ];
    const server = await fake([{ name: 'p', phases: AWAITING.slice(0, 2), connectors }], { version });
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    const paused = (JSON.parse(run.outputs.connectors!) as { name: string; paused: boolean }[]).map(
      ({ name, paused }) => [name, paused],
    );
    // Before 0.375 an output endpoint cannot be paused, and /stats does not say.
    expect(paused).toEqual([
      ['orders.kafka_in', true],
      ['audit.kafka_out', version === NEWEST_FELDERA],
    ]);
    expect(run.annotations).toEqual([]);
  });

  it('shows when each status began by Feldera’s clock, from its events', async () => {
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', reads: 1 }] }], { version });
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(server.calls('events')).toHaveLength(1);
    expect(run.summary).toMatch(/^\| Running \| [\d:.]+ UTC \| until the step ended \|$/m);
    expect(run.annotations).toEqual([]);
  });
});

it('warns, against a Feldera before 0.292, that the timeline has only what the step saw', async () => {
  const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', reads: 1 }] }], { version: '0.291.0' });
  const run = await act(inputs(server));
  expect(run.code).toBe(0);
  expect(run.annotations.map(({ level, message }) => [level, message])).toEqual([
    ['warning', expect.stringContaining('this Feldera has no GET /events (it came with 0.292)')],
  ]);
  expect(run.summary).toMatch(/^\| Running \| \+[\d.]+s \| until the step ended \|$/m);
});
