import { describe, expect, it } from 'vitest';
import { controllerStatus, type ControllerStatus } from '../src/feldera/stats.ts';
import { describeEndpoint, endpointsOf } from '../src/model/endpoints.ts';
import { healthVerdict, type ConnectorErrorsMode, type HealthCheck } from '../src/model/verdict.ts';
import {
  connectorError,
  controllerStatusBody,
  DELTA_UNHEALTHY,
  globalMetrics,
  inputEndpoint,
  KAFKA_DOWN,
  outputEndpoint,
} from './fixtures.ts';

type Body = Parameters<typeof controllerStatusBody>[0];
const read = (parts: Body = {}): ControllerStatus => controllerStatus(controllerStatusBody(parts), []);

const HEALTHY_IN = inputEndpoint('orders.kafka_in', 'orders', { metrics: { total_records: 1200 } });
const HEALTHY_OUT = outputEndpoint('daily_totals.delta_out', 'daily_totals', {
  metrics: { transmitted_records: 40 },
  health: { status: 'Healthy', description: null },
});
const HEALTHY = read({ inputs: [HEALTHY_IN], outputs: [HEALTHY_OUT] });

function check(current: ControllerStatus, fields: Partial<HealthCheck> = {}): ReturnType<typeof healthVerdict> {
  return healthVerdict({
    baseline: HEALTHY,
    current,
    phase: 'end',
    windowMs: 60_000,
    connectorErrors: 'warn',
    ...fields,
  });
}

/** The healthy pipeline with its input's transport errors at `count`. */
const withInputErrors = (count: number, message = 'kafka: 1/1 brokers are down') =>
  read({
    inputs: [
      {
        ...HEALTHY_IN,
        metrics: { ...HEALTHY_IN.metrics, num_transport_errors: count },
        transport_errors: [connectorError(message, count)],
      },
    ],
    outputs: [HEALTHY_OUT],
  });

describe('endpointsOf', () => {
  it('sees inputs and outputs alike: direction, stream, errors of both kinds, records', () => {
    const status = read({
      inputs: [
        inputEndpoint('t.in', 't', { metrics: { total_records: 5, num_transport_errors: 2, num_parse_errors: 3 } }),
      ],
      outputs: [
        outputEndpoint('v.out', 'v', {
          metrics: { transmitted_records: 7, num_transport_errors: 1, num_encode_errors: 4 },
        }),
      ],
    });
    expect(
      endpointsOf(status).map(({ name, direction, stream, errors, records }) => ({
        name,
        direction,
        stream,
        errors,
        records,
      })),
    ).toEqual([
      { name: 't.in', direction: 'input', stream: 't', errors: 5, records: 5 },
      { name: 'v.out', direction: 'output', stream: 'v', errors: 5, records: 7 },
    ]);
    expect(describeEndpoint(endpointsOf(status)[1]!)).toBe('output endpoint v.out (stream v)');
  });

  it('takes the last error from the newest of its lists, else the health, else the fatal error', () => {
    const lastError = (fields: Parameters<typeof inputEndpoint>[2]) =>
      endpointsOf(read({ inputs: [inputEndpoint('t.in', 't', fields)] }))[0]!.lastError;
    const lists = {
      transport_errors: [connectorError('transport, older', 1, '2026-08-21T10:05:01.000000Z')],
      parse_errors: [
        connectorError('parse, old', 0, '2026-08-21T10:04:00.000000Z'),
        connectorError('parse, newest', 2, '2026-08-21T10:05:02.000000Z'),
      ],
    };
    expect(lastError({ ...lists, health: { status: 'Unhealthy', description: 'health' }, fatal_error: 'fatal' })).toBe(
      'parse, newest',
    );
    expect(lastError({ health: { status: 'Unhealthy', description: 'health' }, fatal_error: 'fatal' })).toBe('health');
    expect(lastError({ transport_errors: null, parse_errors: null, fatal_error: 'fatal' })).toBe('fatal');
    expect(lastError({})).toBeUndefined();
  });
});

describe('healthVerdict', () => {
  it('passes healthy endpoints, paused and ended inputs, a paused pipeline, and endpoints that report no health', () => {
    const paused = read({
      global: globalMetrics({ state: 'Paused' }),
      inputs: [
        HEALTHY_IN,
        inputEndpoint('refunds.s3', 'refunds', { paused: true }),
        inputEndpoint('seed.file', 'seed', { metrics: { end_of_input: true } }),
      ],
      outputs: [HEALTHY_OUT, outputEndpoint('v.out', 'v')],
    });
    for (const phase of ['during', 'end'] as const) {
      expect(check(HEALTHY, { phase })).toEqual({ kind: 'pass' });
      expect(check(paused, { baseline: paused, phase })).toEqual({ kind: 'pass' });
    }
    expect(check(read())).toEqual({ kind: 'pass' });
  });

  it('fails at once on a fatal error, at any read, whatever the window and connector-errors', () => {
    const failed = read({
      inputs: [{ ...HEALTHY_IN, fatal_error: 'kafka: authentication failed: SASL handshake' }],
      outputs: [HEALTHY_OUT],
    });
    for (const fields of [
      { phase: 'during' },
      { phase: 'end', windowMs: 0 },
      { baseline: failed },
      { connectorErrors: 'ignore' },
    ] as const) {
      const verdict = check(failed, fields);
      expect(verdict).toMatchObject({
        kind: 'fail',
        code: 'ConnectorFailed',
        message: 'Input endpoint orders.kafka_in (stream orders) failed: kafka: authentication failed: SASL handshake',
      });
    }
  });

  it('names the other endpoints that failed in the same message', () => {
    const fatal = (name: string) => inputEndpoint(name, 't', { fatal_error: `${name} is gone` });
    const verdict = check(
      read({
        inputs: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(fatal),
        outputs: [outputEndpoint('v.out', 'v', { fatal_error: 'sink gone' })],
      }),
    );
    expect(verdict).toMatchObject({
      kind: 'fail',
      code: 'ConnectorFailed',
      message:
        'Input endpoint a (stream t) failed: a is gone. The same for 8 more endpoints: input b, input c, input d, input e, input f and 3 more.',
    });
  });

  it('judges health only at the end: Unhealthy fails after a window, warns after 0s, is not judged during it', () => {
    const unhealthy = read({ inputs: [HEALTHY_IN], outputs: [DELTA_UNHEALTHY] });
    expect(check(unhealthy, { phase: 'during' })).toEqual({ kind: 'pass' });
    expect(check(unhealthy, { phase: 'end', windowMs: 90_000 })).toMatchObject({
      kind: 'fail',
      code: 'ConnectorUnhealthy',
      message:
        "Output endpoint daily_totals.delta_out (stream daily_totals) is still Unhealthy after the health window of 1m30s; Feldera's last error: Delta table write failed: 403 Forbidden",
    });
    const atOnce = check(unhealthy, { baseline: unhealthy, phase: 'end', windowMs: 0 });
    expect(atOnce).toMatchObject({ kind: 'warn', problems: [{ code: 'ConnectorUnhealthy', fails: false }] });
    expect(atOnce.kind === 'warn' && atOnce.problems[0]!.message).toBe(
      "Output endpoint daily_totals.delta_out (stream daily_totals) is Unhealthy at the one check of health-window 0s (it may still be connecting); Feldera's last error: Delta table write failed: 403 Forbidden",
    );
  });

  it('passes an endpoint Unhealthy at first and Healthy by the end', () => {
    const unhealthy = read({ inputs: [HEALTHY_IN], outputs: [DELTA_UNHEALTHY] });
    expect(check(HEALTHY, { baseline: unhealthy, phase: 'end' })).toEqual({ kind: 'pass' });
  });

  it.each<[ConnectorErrorsMode, string]>([
    ['fail', 'fail'],
    ['warn', 'warn'],
    ['ignore', 'pass'],
  ])(
    'with connector-errors: %s, errors that rise during the window %s, at the read that shows them',
    (connectorErrors, kind) => {
      for (const phase of ['during', 'end'] as const) {
        const verdict = check(withInputErrors(3), { connectorErrors, phase });
        expect(verdict.kind).toBe(kind);
        const message =
          "Input endpoint orders.kafka_in (stream orders) counted 3 new errors since the first read (3 in all); Feldera's last error: kafka: 1/1 brokers are down";
        if (verdict.kind === 'fail') expect(verdict).toMatchObject({ code: 'ConnectorErrors', message });
        if (verdict.kind === 'warn')
          expect(verdict.problems).toMatchObject([{ code: 'ConnectorErrors', fails: false, message }]);
      }
    },
  );

  it('never fails on errors counted at the first read, only on those counted since', () => {
    const old = withInputErrors(5);
    expect(check(old, { baseline: old, connectorErrors: 'fail' })).toEqual({ kind: 'pass' });
    expect(check(withInputErrors(6), { baseline: old, connectorErrors: 'fail' })).toMatchObject({
      kind: 'fail',
      message: expect.stringContaining('counted 1 new error since the first read (6 in all)'),
    });
    // A new process counts from its checkpoint again: fewer errors than at the first read is no rise.
    expect(check(withInputErrors(2), { baseline: old, connectorErrors: 'fail' })).toEqual({ kind: 'pass' });
  });

  it('counts the errors of an endpoint that appeared during the window as new', () => {
    const added = read({
      inputs: [HEALTHY_IN, KAFKA_DOWN].map((input, i) => ({ ...input, endpoint_name: `in${i}` })),
      outputs: [HEALTHY_OUT],
    });
    const renamed = read({ inputs: [{ ...HEALTHY_IN, endpoint_name: 'in0' }], outputs: [HEALTHY_OUT] });
    expect(check(added, { baseline: renamed, connectorErrors: 'fail' })).toMatchObject({
      kind: 'fail',
      code: 'ConnectorErrors',
      message: expect.stringMatching(/^Input endpoint in1 /),
    });
  });

  it('keeps an input and an output of the same name apart', () => {
    const baseline = read({
      inputs: [inputEndpoint('x', 't', { metrics: { num_parse_errors: 4 } })],
      outputs: [outputEndpoint('x', 'v')],
    });
    const current = read({
      inputs: [inputEndpoint('x', 't', { metrics: { num_parse_errors: 4 } })],
      outputs: [outputEndpoint('x', 'v', { metrics: { num_encode_errors: 1 } })],
    });
    expect(check(current, { baseline, connectorErrors: 'fail' })).toMatchObject({
      kind: 'fail',
      message: expect.stringMatching(/^Output endpoint x .* counted 1 new error/),
    });
  });

  it('fails with the gravest code and still lists the other endpoints’ warnings', () => {
    const current = read({
      inputs: [
        { ...KAFKA_DOWN, fatal_error: 'kafka: fatal' },
        inputEndpoint('refunds.s3', 'refunds', { metrics: { num_parse_errors: 2 } }),
      ],
      outputs: [DELTA_UNHEALTHY],
    });
    const verdict = check(current, { windowMs: 0 });
    expect(verdict).toMatchObject({ kind: 'fail', code: 'ConnectorFailed' });
    expect(
      verdict.kind === 'fail' && verdict.problems.map(({ endpoint, code, fails }) => [endpoint.name, code, fails]),
    ).toEqual([
      ['orders.kafka_in', 'ConnectorFailed', true],
      ['refunds.s3', 'ConnectorErrors', false],
      ['daily_totals.delta_out', 'ConnectorUnhealthy', false],
    ]);
    // Unhealthy after a window outranks errors that connector-errors: fail fails on.
    expect(
      check(read({ inputs: [KAFKA_DOWN], outputs: [DELTA_UNHEALTHY] }), { connectorErrors: 'fail' }),
    ).toMatchObject({ code: 'ConnectorUnhealthy' });
  });

  it('reports one problem per endpoint: the one that fails the step if any', () => {
    const both = read({
      outputs: [{ ...DELTA_UNHEALTHY, metrics: { ...DELTA_UNHEALTHY.metrics, num_transport_errors: 2 } }],
    });
    const verdict = check(both, {
      baseline: read({ outputs: [DELTA_UNHEALTHY] }),
      windowMs: 0,
      connectorErrors: 'fail',
    });
    expect(verdict).toMatchObject({
      kind: 'fail',
      code: 'ConnectorErrors',
      problems: [{ code: 'ConnectorErrors', fails: true }],
    });
  });

  it('says so when Feldera gave no message for a problem', () => {
    const verdict = check(read({ inputs: [inputEndpoint('t.in', 't', { metrics: { num_parse_errors: 1 } })] }), {
      baseline: read(),
    });
    expect(verdict.kind === 'warn' && verdict.problems[0]!.message).toBe(
      'Input endpoint t.in (stream t) counted 1 new error since the first read (1 in all); Feldera gave no message',
    );
  });
});
