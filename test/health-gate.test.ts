// The health gate, end to end: after the target, the step reads /stats for health-window and fails,
// warns or passes on what the connectors say.
import { describe, expect, it } from 'vitest';
import type { ConnectorScript, PipelineScript } from './fake-feldera.ts';
import { commitProgress } from './fixtures.ts';
import { endToEnd, errorAnnotation } from './harness.ts';
import type { ActionRun } from './run-action.ts';

const { fake, inputs, act } = endToEnd();
const PHASES = [
  { status: 'Provisioning', ms: 40 },
  { status: 'Initializing', ms: 40 },
];
const KAFKA: ConnectorScript = {
  name: 'orders.kafka_in',
  direction: 'input',
  stream: 'orders',
  states: [{ at: 0, records: 1200 }],
};
const DELTA: ConnectorScript = {
  name: 'totals.delta_out',
  direction: 'output',
  stream: 'daily_totals',
  states: [{ at: 0, records: 40 }],
};

const connectorsOf = (run: ActionRun) => JSON.parse(run.outputs.connectors ?? '[]') as Record<string, unknown>[];

function pipeline(connectors: ConnectorScript[], more: Partial<PipelineScript> = {}): PipelineScript {
  return { name: 'p', phases: PHASES, connectors, ...more };
}

describe('the health gate', () => {
  it('watches a healthy pipeline for the window, and sets the connectors outputs', async () => {
    const server = await fake([pipeline([KAFKA, DELTA])]);
    const run = await act(inputs(server, { 'health-window': '1s' }));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.outputs.connectors!)).toEqual([
      {
        name: 'orders.kafka_in',
        direction: 'input',
        stream: 'orders',
        health: '',
        'fatal-error': '',
        errors: 0,
        records: 1200,
        paused: false,
      },
      {
        name: 'totals.delta_out',
        direction: 'output',
        stream: 'daily_totals',
        health: '',
        'fatal-error': '',
        errors: 0,
        records: 40,
        paused: false,
      },
    ]);
    expect(run.outputs['connector-error-count']).toBe('0');
    expect(run.annotations).toEqual([]);
    const stats = server.calls('stats');
    expect(stats.length).toBeGreaterThanOrEqual(2);
    expect(stats.every((request) => request.query.include_connector_errors === 'true')).toBe(true);
    // At most one /stats read per poll-interval, each beside a status read.
    const reached = server.timeline.find((entry) => entry.status === 'Running')!.at;
    expect(stats.length).toBeLessThanOrEqual(
      server.calls('status').filter((request) => request.at > reached).length + 1,
    );
    expect(run.stdout).toContain("::group::Checking the connectors' health for 1s");
    expect(run.summary).toContain('#### Connectors');
    expect(run.summary).toMatch(/\| orders\.kafka_in \| input \| orders \|/);
  });

  it('fails at once on a fatal error, naming the endpoint, its stream, its direction and Feldera’s message', async () => {
    const broken = { ...KAFKA, states: [{ at: 0, fatalError: 'kafka: authentication failed (SASL)' }] };
    const server = await fake([pipeline([broken, DELTA])]);
    const run = await act(inputs(server, { 'health-window': '1m' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('ConnectorFailed');
    const message = errorAnnotation(run).message;
    expect(message).toContain('orders.kafka_in');
    expect(message).toContain('orders');
    expect(message).toMatch(/\binput\b/i);
    expect(message).toContain('kafka: authentication failed (SASL)');
    // It failed at the first read: it did not wait for the minute.
    expect(server.calls('stats')).toHaveLength(1);
    expect(connectorsOf(run)[0]?.['fatal-error']).toBe('kafka: authentication failed (SASL)');
  });

  // States by /stats read: the first read of the window sees the first state, every later read the second.
  it('fails on an output that turns Unhealthy during the window', async () => {
    const turning = {
      ...DELTA,
      states: [
        { read: 1, health: { status: 'Healthy' as const, description: null } },
        { read: 2, health: { status: 'Unhealthy' as const, description: 'Delta table write failed: 403 Forbidden' } },
      ],
    };
    const server = await fake([pipeline([KAFKA, turning])]);
    const run = await act(inputs(server, { 'health-window': '1500ms' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('ConnectorUnhealthy');
    expect(errorAnnotation(run).message).toContain('Delta table write failed: 403 Forbidden');
    expect(connectorsOf(run)[1]?.health).toBe('Unhealthy');
  });

  it('passes an endpoint Unhealthy at first and Healthy by the end of the window', async () => {
    const connecting = {
      ...DELTA,
      states: [
        { read: 1, health: { status: 'Unhealthy' as const, description: 'connecting' } },
        { read: 2, health: { status: 'Healthy' as const, description: null } },
      ],
    };
    const server = await fake([pipeline([connecting])]);
    const run = await act(inputs(server, { 'health-window': '1500ms' }));
    expect(run.code).toBe(0);
    expect(run.annotations).toEqual([]);
  });

  it('warns on an endpoint Unhealthy at the one check of a 0s window', async () => {
    const unhealthy = {
      ...DELTA,
      states: [{ at: 0, health: { status: 'Unhealthy' as const, description: 'connecting' } }],
    };
    const server = await fake([pipeline([unhealthy])]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.annotations.map(({ level, properties }) => [level, properties])).toEqual([
      ['warning', expect.stringContaining('totals.delta_out')],
    ]);
    expect(server.calls('stats')).toHaveLength(1);
  });

  const rising: ConnectorScript = {
    ...KAFKA,
    states: [
      { read: 1, errors: 2, error: 'old' },
      { read: 2, errors: 5, error: 'kafka: 1/1 brokers are down' },
    ],
  };

  it.each([
    ['warn', 0, 'ConnectorErrors', ['warning']],
    ['fail', 1, 'ConnectorErrors', []],
    ['ignore', 0, '', []],
  ])('errors that rise during the window, with connector-errors: %s', async (mode, code, errorCode, warnings) => {
    const server = await fake([pipeline([rising])]);
    const run = await act(inputs(server, { 'health-window': '1500ms', 'connector-errors': mode }));
    expect(run.code).toBe(code);
    expect(run.outputs['connector-error-count']).toBe('5');
    if (errorCode && code) {
      expect(run.outputs['error-code']).toBe(errorCode);
      expect(errorAnnotation(run).message).toContain('kafka: 1/1 brokers are down');
    }
    const aboutEndpoints = run.annotations.filter(({ properties }) => properties.includes('endpoint orders.kafka_in'));
    expect(aboutEndpoints.map(({ level }) => level)).toEqual(warnings);
  });

  it('reports errors counted before the start, and never fails on them', async () => {
    const old = { ...KAFKA, states: [{ at: 0, errors: 7, error: 'yesterday' }] };
    const server = await fake([pipeline([old])]);
    const run = await act(inputs(server, { 'health-window': '1s', 'connector-errors': 'fail' }));
    expect(run.code).toBe(0);
    expect(run.outputs['connector-error-count']).toBe('7');
    expect(run.annotations).toEqual([]);
  });

  it('fails with the deployment error when the pipeline stops during the window', async () => {
    const server = await fake([pipeline([KAFKA])]);
    const done = act(inputs(server, { 'health-window': '1m' }));
    // The window has begun with its first /stats read: the pipeline dies then.
    await Promise.race([server.arrival('stats'), done]);
    server.crash('p', {
      error_code: 'RunnerCheckError',
      message: 'The pipeline process exited with code 137',
      details: null,
    });
    const run = await done;
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('RunnerCheckError');
    expect(errorAnnotation(run).message).toMatch(
      /^Pipeline p stopped with RunnerCheckError: The pipeline process exited with code 137\. Hint: /,
    );
  });

  it('reads the status every interval while /stats fails, and so fails a pipeline that dies', async () => {
    const server = await fake([pipeline([KAFKA])]);
    server.fault('stats', { kind: 'status', status: 503, body: '<html>busy</html>' }, 1000);
    const done = act(inputs(server, { 'health-window': '1m', logs: 'never' }));
    // The window's first /stats read failed: the pipeline dies then.
    await Promise.race([server.arrival('stats'), done]);
    server.crash('p', { error_code: 'RunnerCheckError', message: 'exited', details: null });
    const run = await done;
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('RunnerCheckError');
  });

  it('succeeds with a warning when /stats never answers', async () => {
    const server = await fake([pipeline([KAFKA])]);
    server.fault(
      'stats',
      { kind: 'status', status: 503, body: '<html>busy</html>', headers: { 'retry-after': '0' } },
      1000,
    );
    // Retry-After: 0 on every answer is no busy loop: a few attempts a second at most.
    const run = await act(inputs(server, { 'health-window': '1s' }));
    expect(run.code).toBe(0);
    expect(run.outputs.connectors).toBe('[]');
    expect(run.outputs['connector-error-count']).toBe('');
    expect(server.calls('stats').length).toBeLessThan(30);
    expect(run.annotations).toEqual([
      {
        level: 'warning',
        properties: expect.stringContaining('health not fully checked'),
        message: expect.stringMatching(
          /^The pipeline's health could not be checked: GET .*\/stats\?include_connector_errors=true failed/,
        ),
      },
    ]);
  });

  it('succeeds with a warning when the budget runs out inside the window: never a Timeout', async () => {
    const server = await fake([pipeline([KAFKA])]);
    const run = await act(inputs(server, { 'health-window': '1h', timeout: '3s' }));
    expect(run.code).toBe(0);
    expect(run.outputs['error-code']).toBe('');
    expect(run.annotations.map(({ message }) => message)).toEqual([
      expect.stringContaining('The timeout ran out inside the health window of 1h'),
    ]);
  });

  it('does not fail on inputs paused by design with initial: paused', async () => {
    const server = await fake([pipeline([KAFKA, DELTA])]);
    const run = await act(inputs(server, { initial: 'paused', 'health-window': '500ms' }));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Paused');
    expect(run.annotations).toEqual([]);
    expect(JSON.parse(run.outputs.connectors ?? '[]')).toHaveLength(2);
    expect(server.calls('stats').length).toBeGreaterThanOrEqual(1);
  });

  it('reads no statistics for standby, where nothing runs', async () => {
    const server = await fake([pipeline([KAFKA], { fileStorageWithSync: true })], { edition: 'Enterprise' });
    const run = await act(inputs(server, { initial: 'standby', 'health-window': '1s' }));
    expect(run.code).toBe(0);
    expect(server.calls('stats')).toEqual([]);
    expect(run.outputs.connectors).toBe('[]');
  });

  it('shows the bootstrap’s progress in the timeline', async () => {
    // Bootstrapping until the second status read: the step reads the progress after the first.
    const server = await fake([
      pipeline([KAFKA], {
        phases: [...PHASES, { status: 'Bootstrapping', reads: 2 }],
        commitProgress: commitProgress(12, 3, 25, 1_200_000, 3_400_000),
      }),
    ]);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.summary).toContain('| Bootstrapping: 12 of 40 operators, 1.2M of 3.4M records |');
  });
});
