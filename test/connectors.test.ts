import { describe, expect, it } from 'vitest';
import { controllerStatus, type ControllerStatus } from '../src/feldera/stats.ts';
import { healthVerdict, type Problem } from '../src/model/verdict.ts';
import { MAX_ANNOTATIONS as MAX_WARNING_ANNOTATIONS } from '../src/model/compilation.ts';
import { connectorOutputs, connectorsMarkdown, connectorWarnings, MAX_TABLE_ROWS } from '../src/report/connectors.ts';
import {
  connectorError,
  controllerStatusBody,
  DELTA_UNHEALTHY,
  inputEndpoint,
  KAFKA_DOWN,
  NEWEST_FELDERA,
  outputEndpoint,
} from './fixtures.ts';

type Body = Parameters<typeof controllerStatusBody>[0];
const read = (parts: Body = {}): ControllerStatus => controllerStatus(controllerStatusBody(parts), []);

const SEED = inputEndpoint('seed.file', 'seed', { metrics: { total_records: 1_234_567, end_of_input: true } });
const FAILED = outputEndpoint('audit.kafka_out', 'audit', {
  fatal_error: 'kafka: topic audit does not exist',
  metrics: { transmitted_records: 3 },
});
const PIPELINE = read({ inputs: [SEED, KAFKA_DOWN], outputs: [DELTA_UNHEALTHY, FAILED] });

/** Warnings for `count` endpoints whose errors rose since a baseline without them. */
function warnings(count: number): Problem[] {
  const inputs = Array.from({ length: count }, (_, i) =>
    inputEndpoint(`t.in${i}`, 't', { metrics: { num_parse_errors: 1 } }),
  );
  const verdict = healthVerdict({
    baseline: read(),
    current: read({ inputs }),
    phase: 'end',
    windowMs: 0,
    connectorErrors: 'warn',
  });
  return verdict.kind === 'warn' ? verdict.problems : [];
}

describe('connectorOutputs', () => {
  it('is one compact object per endpoint, and the errors across all of them', () => {
    const outputs = connectorOutputs(PIPELINE);
    expect(outputs.connectors).toBe(JSON.stringify(JSON.parse(outputs.connectors)));
    expect(JSON.parse(outputs.connectors)).toEqual([
      {
        name: 'seed.file',
        direction: 'input',
        stream: 'seed',
        health: '',
        'fatal-error': '',
        errors: 0,
        records: 1_234_567,
        paused: false,
      },
      {
        name: 'orders.kafka_in',
        direction: 'input',
        stream: 'orders',
        health: '',
        'fatal-error': '',
        errors: 3,
        records: 1200,
        paused: false,
      },
      {
        name: 'daily_totals.delta_out',
        direction: 'output',
        stream: 'daily_totals',
        health: 'Unhealthy',
        'fatal-error': '',
        errors: 0,
        records: 40,
        paused: false,
      },
      {
        name: 'audit.kafka_out',
        direction: 'output',
        stream: 'audit',
        health: '',
        'fatal-error': 'kafka: topic audit does not exist',
        errors: 0,
        records: 3,
        paused: false,
      },
    ]);
    expect(outputs['connector-error-count']).toBe('3');
  });

  it('says which endpoints are paused: an input by its configuration or a user, an output since Feldera 0.375', () => {
    const status = read({
      version: NEWEST_FELDERA,
      inputs: [inputEndpoint('orders.kafka_in', 'orders', { paused: true })],
      outputs: [
        outputEndpoint('audit.kafka_out', 'audit', { paused: true }),
        outputEndpoint('totals.delta_out', 'totals'),
      ],
    });
    expect(
      (JSON.parse(connectorOutputs(status).connectors) as { name: string; paused: boolean }[]).map(
        ({ name, paused }) => [name, paused],
      ),
    ).toEqual([
      ['orders.kafka_in', true],
      ['audit.kafka_out', true],
      ['totals.delta_out', false],
    ]);
    expect(connectorsMarkdown(status, undefined).split('\n').slice(4)).toEqual([
      '| orders.kafka_in | input, paused | orders | — | 0 | 0 |  |',
      '| audit.kafka_out | output, paused | audit | — | 0 | 0 |  |',
      '| totals.delta_out | output | totals | — | 0 | 0 |  |',
    ]);
    // A paused endpoint is not a problem: someone paused it, or its configuration starts it paused.
    expect(
      healthVerdict({ baseline: status, current: status, phase: 'end', windowMs: 1000, connectorErrors: 'fail' }),
    ).toEqual({ kind: 'pass' });
  });

  it('is [] and an empty count when no statistics were read, and 0 errors for a pipeline without connectors', () => {
    expect(connectorOutputs(undefined)).toEqual({ connectors: '[]', 'connector-error-count': '' });
    expect(connectorOutputs(read())).toEqual({ connectors: '[]', 'connector-error-count': '0' });
  });
});

describe('connectorsMarkdown', () => {
  it('puts failed and Unhealthy endpoints first, with the errors new since the first read and the last message', () => {
    const baseline = read({
      inputs: [SEED, { ...KAFKA_DOWN, metrics: { ...KAFKA_DOWN.metrics, num_transport_errors: 1 } }],
      outputs: [DELTA_UNHEALTHY, FAILED],
    });
    expect(connectorsMarkdown(PIPELINE, baseline)).toBe(
      [
        '#### Connectors',
        '',
        '| Endpoint | Direction | Stream | Health | Records | Errors | Fatal or last error |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| audit.kafka_out | output | audit | — | 3 | 0 | fatal: kafka: topic audit does not exist |',
        '| daily_totals.delta_out | output | daily_totals | Unhealthy | 40 | 0 | Delta table write failed: 403 Forbidden |',
        '| seed.file | input | seed | — | 1,234,567 | 0 |  |',
        '| orders.kafka_in | input | orders | — | 1,200 | 3 (2 new) | kafka: Connect to ipv4#10.0.0.7:9092 failed: Connection refused |',
      ].join('\n'),
    );
  });

  it('escapes server text so that it cannot break the table or add markup, and cuts long messages', () => {
    const status = read({
      inputs: [
        inputEndpoint('a|b', '<img src=x>', {
          transport_errors: [connectorError(`[link](http://x) **bold** \`code\` ${'y'.repeat(500)}`)],
        }),
      ],
    });
    const row = connectorsMarkdown(status, undefined).split('\n').at(-1)!;
    expect(row.split(/(?<!\\)\|/)).toHaveLength(9);
    expect(row).toContain('| a\\|b | input | \\<img src=x> |');
    expect(row).toContain('\\[link\\](http://x) \\*\\*bold\\*\\* \\`code\\` yyy');
    expect(row).toMatch(/y… \|$/);
  });

  it(`shows the first ${MAX_TABLE_ROWS} endpoints and says how many there are`, () => {
    const inputs = Array.from({ length: MAX_TABLE_ROWS + 5 }, (_, i) => inputEndpoint(`t.in${i}`, 't'));
    const markdown = connectorsMarkdown(read({ inputs, outputs: [DELTA_UNHEALTHY] }), undefined);
    const rows = markdown.split('\n').filter((line) => line.startsWith('| t.in') || line.startsWith('| daily'));
    expect(rows).toHaveLength(MAX_TABLE_ROWS);
    expect(rows[0]).toMatch(/^\| daily/);
    expect(markdown).toContain(
      `The first ${MAX_TABLE_ROWS} of ${MAX_TABLE_ROWS + 6} endpoints; the \`connectors\` output lists them all.`,
    );
  });

  it('lists the warnings that did not fit in annotations, and the endpoints that were not read', () => {
    const problems = warnings(MAX_WARNING_ANNOTATIONS + 2);
    const { unannotated } = connectorWarnings(problems, 'orders');
    const status = { ...read({ inputs: [SEED] }), omitted_endpoints: 4 };
    expect(connectorsMarkdown(status, undefined, unannotated)).toContain(
      [
        '4 more endpoints beyond the first 1000 of each direction were not checked.',
        '',
        'Warnings beyond the 10 that GitHub shows as annotations:',
        '',
        '- Input endpoint t.in10 (stream t) counted 1 new error since the first read (1 in all); Feldera gave no message',
        '- Input endpoint t.in11 (stream t) counted 1 new error since the first read (1 in all); Feldera gave no message',
      ].join('\n'),
    );
  });

  it('says when the pipeline has no connectors', () => {
    expect(connectorsMarkdown(read(), undefined)).toBe('#### Connectors\n\nThe pipeline has no connectors.');
  });
});

describe('connectorWarnings', () => {
  it(`annotates at most ${MAX_WARNING_ANNOTATIONS} warnings, one per endpoint, and never the problem that fails the step`, () => {
    const { annotations, unannotated } = connectorWarnings(warnings(MAX_WARNING_ANNOTATIONS + 3), 'orders');
    expect(annotations).toHaveLength(MAX_WARNING_ANNOTATIONS);
    expect(annotations[0]).toEqual({
      title: 'Feldera pipeline orders: input endpoint t.in0',
      message:
        'Input endpoint t.in0 (stream t) counted 1 new error since the first read (1 in all); Feldera gave no message',
    });
    expect(unannotated.map((problem) => problem.endpoint.name)).toEqual(['t.in10', 't.in11', 't.in12']);

    const verdict = healthVerdict({
      baseline: PIPELINE,
      current: PIPELINE,
      phase: 'end',
      windowMs: 0,
      connectorErrors: 'warn',
    });
    expect(verdict.kind).toBe('fail');
    const failing = connectorWarnings(verdict.kind === 'fail' ? verdict.problems : [], 'orders');
    expect(failing.annotations.map((annotation) => annotation.title)).toEqual([
      'Feldera pipeline orders: output endpoint daily_totals.delta_out',
    ]);
  });
});
