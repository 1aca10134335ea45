import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineClient } from '../src/feldera/client.ts';
import { apiKeyCredentials } from '../src/feldera/credentials.ts';
import { FelderaError } from '../src/feldera/errors.ts';
import { controllerStatus, MAX_ENDPOINTS, MAX_ERRORS_KEPT } from '../src/feldera/stats.ts';
import { NEWEST_SPEC, OLDER_SPEC } from './openapi-check.ts';
import {
  commitProgress,
  connectorError,
  controllerStatusBody,
  DELTA_UNHEALTHY,
  globalMetrics,
  inputEndpoint,
  KAFKA_DOWN,
  NEWEST_FELDERA,
  outputEndpoint,
} from './fixtures.ts';

const SECRET = 'apikey:s3cr3t';

describe('controllerStatus', () => {
  it('reads the fields the action uses, in openapi.json’s names', () => {
    const status = controllerStatus(
      controllerStatusBody({
        global: {
          bootstrap_in_progress: true,
          commit_progress: commitProgress(12, 3, 25, 1_200_000, 3_400_000),
          total_processed_records: 99,
        },
        inputs: [
          KAFKA_DOWN,
          inputEndpoint('refunds.http', 'refunds', {
            paused: true,
            metrics: { end_of_input: true, num_parse_errors: 2 },
          }),
        ],
        outputs: [DELTA_UNHEALTHY],
      }),
      [],
    );
    expect(status.global_metrics).toEqual({
      state: 'Running',
      bootstrap_in_progress: true,
      concurrent_bootstrap_phase: 'Inactive',
      commit_progress: commitProgress(12, 3, 25, 1_200_000, 3_400_000),
      concurrent_bootstrap_progress: null,
      incarnation_uuid: '0198c7a9-0c2b-7f11-8e3d-0a4b5c6d7e8f',
      total_input_records: 0,
      total_processed_records: 99,
      output_stall_msecs: 0,
      pipeline_complete: false,
    });
    expect(status.inputs).toEqual([
      {
        endpoint_name: 'orders.kafka_in',
        config: { stream: 'orders' },
        paused: false,
        health: null,
        fatal_error: null,
        metrics: { total_records: 1200, num_transport_errors: 3, num_parse_errors: 0, end_of_input: false },
        transport_errors: [
          { timestamp: '2026-08-21T10:05:01.000001Z', message: 'kafka: 1/1 brokers are down' },
          {
            timestamp: '2026-08-21T10:05:03.000003Z',
            message: 'kafka: Connect to ipv4#10.0.0.7:9092 failed: Connection refused',
          },
        ],
        parse_errors: [],
      },
      {
        endpoint_name: 'refunds.http',
        config: { stream: 'refunds' },
        paused: true,
        health: null,
        fatal_error: null,
        metrics: { total_records: 0, num_transport_errors: 0, num_parse_errors: 2, end_of_input: true },
        transport_errors: [],
        parse_errors: [],
      },
    ]);
    expect(status.outputs).toEqual([
      {
        endpoint_name: 'daily_totals.delta_out',
        config: { stream: 'daily_totals' },
        // Before 0.375 an output has no `paused`: it is not paused.
        paused: false,
        health: { status: 'Unhealthy', description: 'Delta table write failed: 403 Forbidden' },
        fatal_error: null,
        metrics: { transmitted_records: 40, num_transport_errors: 0, num_encode_errors: 0 },
        transport_errors: [],
        encode_errors: [],
      },
    ]);
    expect(status.omitted_endpoints).toBe(0);
  });

  it(`reads an output's paused from ${NEWEST_FELDERA} on`, () => {
    const body = controllerStatusBody({
      version: NEWEST_FELDERA,
      outputs: [outputEndpoint('a.out', 'a', { paused: true }), outputEndpoint('b.out', 'b')],
    });
    expect(controllerStatus(body, []).outputs.map((output) => output.paused)).toEqual([true, false]);
  });

  it('refuses a body without global_metrics, inputs or outputs, as not Feldera’s', () => {
    for (const body of [
      null,
      'Running',
      [],
      { inputs: [], outputs: [] },
      { global_metrics: {}, inputs: {}, outputs: [] },
      { global_metrics: [], inputs: [], outputs: [] },
    ]) {
      const error = (() => {
        try {
          controllerStatus(body, []);
        } catch (error) {
          return error;
        }
      })();
      expect(error, JSON.stringify(body)).toBeInstanceOf(FelderaError);
      expect((error as FelderaError).code).toBe('UnexpectedResponse');
    }
  });

  it('reads a field of the wrong type as absent, and skips entries that are not objects', () => {
    const status = controllerStatus(
      {
        global_metrics: {
          state: 7,
          commit_progress: 'soon',
          concurrent_bootstrap_phase: null,
          total_processed_records: '12',
          pipeline_complete: 'true',
        },
        inputs: [
          null,
          'orders',
          {
            endpoint_name: 42,
            config: 'orders',
            paused: 'yes',
            health: { status: 1 },
            fatal_error: { message: 'x' },
            metrics: { total_records: -5, num_transport_errors: Infinity, num_parse_errors: '3' },
            transport_errors: 'none',
            parse_errors: [null, 'x', { message: 5 }],
          },
        ],
        outputs: [{ metrics: null, health: 'Unhealthy', encode_errors: {} }],
      },
      [],
    );
    expect(status.global_metrics).toMatchObject({
      state: '',
      commit_progress: null,
      concurrent_bootstrap_phase: 'Inactive',
      total_processed_records: 0,
      pipeline_complete: false,
    });
    expect(status.inputs).toEqual([
      {
        endpoint_name: '',
        config: { stream: '' },
        paused: false,
        health: null,
        fatal_error: null,
        metrics: { total_records: 0, num_transport_errors: 0, num_parse_errors: 0, end_of_input: false },
        transport_errors: null,
        parse_errors: [{ timestamp: '', message: '' }],
      },
    ]);
    expect(status.outputs[0]).toMatchObject({ health: null, encode_errors: null, metrics: { transmitted_records: 0 } });
  });

  it('takes no field from a __proto__ key or from the prototype', () => {
    const body = JSON.parse(
      JSON.stringify(
        controllerStatusBody({
          inputs: [inputEndpoint('orders.kafka_in', 'orders', { fatal_error: undefined, health: undefined })],
        }),
      ).replace(
        '"endpoint_name"',
        '"__proto__":{"fatal_error":"injected","health":{"status":"Unhealthy","description":"injected"}},"endpoint_name"',
      ),
    ) as unknown;
    const polluted = Object.create({ fatal_error: 'inherited' }) as Record<string, unknown>;
    Object.assign(polluted, inputEndpoint('refunds.http', 'refunds'));
    delete polluted.fatal_error;
    (body as { inputs: unknown[] }).inputs.push(polluted);
    const status = controllerStatus(body, []);
    expect(status.inputs.map((input) => [input.endpoint_name, input.fatal_error, input.health])).toEqual([
      ['orders.kafka_in', null, null],
      ['refunds.http', null, null],
    ]);
    expect(({} as Record<string, unknown>).fatal_error).toBeUndefined();
  });

  it('makes every server string one line and blanks the secrets in it', () => {
    const status = controllerStatus(
      controllerStatusBody({
        inputs: [
          inputEndpoint('orders\n::error::x', 'orders\r\n##[error]y', {
            fatal_error: `auth failed for ${SECRET}\n::add-mask::z`,
            health: { status: 'Unhealthy', description: `token ${SECRET}\nrejected` },
            transport_errors: [connectorError(`line one\n::warning::two ${SECRET}`)],
          }),
        ],
      }),
      [SECRET],
    );
    const strings = JSON.stringify(status);
    expect(strings).not.toContain(SECRET);
    expect(strings).not.toMatch(/\\n|\\r/);
    expect(status.inputs[0]).toMatchObject({
      endpoint_name: 'orders ::error::x',
      fatal_error: 'auth failed for *** ::add-mask::z',
      health: { status: 'Unhealthy', description: 'token *** rejected' },
      transport_errors: [{ message: 'line one ::warning::two ***' }],
    });
  });

  it('keeps the newest errors of each list and a bounded number of endpoints, counting those left out', () => {
    const errors = Array.from({ length: 250 }, (_, i) => connectorError(`error ${i}`, i));
    const inputs = Array.from({ length: MAX_ENDPOINTS + 7 }, (_, i) =>
      inputEndpoint(`t.in${i}`, 't', i === 0 ? { parse_errors: errors } : {}),
    );
    const outputs = Array.from({ length: MAX_ENDPOINTS + 2 }, (_, i) => outputEndpoint(`v.out${i}`, 'v'));
    const status = controllerStatus(controllerStatusBody({ inputs, outputs }), []);
    expect(status.inputs).toHaveLength(MAX_ENDPOINTS);
    expect(status.outputs).toHaveLength(MAX_ENDPOINTS);
    expect(status.omitted_endpoints).toBe(9);
    expect(status.inputs[0]!.parse_errors!.map((error) => error.message)).toEqual(
      Array.from({ length: MAX_ERRORS_KEPT }, (_, i) => `error ${250 - MAX_ERRORS_KEPT + i}`),
    );
  });

  it('cuts a long message', () => {
    const status = controllerStatus(
      controllerStatusBody({ inputs: [inputEndpoint('t.in', 't', { fatal_error: 'x'.repeat(10_000) })] }),
      [],
    );
    expect(status.inputs[0]!.fatal_error!.length).toBeLessThanOrEqual(600);
  });
});

describe('PipelineClient.stats', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('asks for the connector errors and neutralises the answer with the key as a secret', async () => {
    const requests: { url: string | undefined; authorization: string | undefined }[] = [];
    const server = createServer((req, res) => {
      requests.push({ url: req.url, authorization: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          controllerStatusBody({ inputs: [inputEndpoint('t.in', 't', { fatal_error: `refused ${SECRET}` })] }),
        ),
      );
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new PipelineClient(
      {
        baseUrl: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
        credentials: apiKeyCredentials(SECRET),
        tenant: undefined,
        requestTimeoutMs: 10_000,
        signal: new AbortController().signal,
        dispatcher: new Agent(),
        debug: () => undefined,
      },
      'orders pipeline',
    );
    const status = await client.stats({ windowMs: 0 });
    expect(requests).toEqual([
      { url: '/v0/pipelines/orders%20pipeline/stats?include_connector_errors=true', authorization: `Bearer ${SECRET}` },
    ]);
    expect(status.inputs[0]!.fatal_error).toBe('refused ***');
  });
});

// The fixtures' shapes, checked against Feldera's spec of each version they speak (0.337's when it is
// beside the repository, the newest from test/feldera-spec/), so that the parser is tested on what
// Feldera sends and not on what the tests imagine.
const specs: [string, string][] = [
  ['0.337.0', OLDER_SPEC],
  [NEWEST_FELDERA, NEWEST_SPEC],
];
describe.each(specs)('the ControllerStatus fixtures as %s', (version, spec) => {
  const schemas = existsSync(spec)
    ? (JSON.parse(readFileSync(spec, 'utf8')) as { components: { schemas: Record<string, Schema> } }).components.schemas
    : {};

  it.skipIf(!existsSync(spec))('match its ControllerStatus: every required field, no field it does not name', () => {
    const body = controllerStatusBody({
      version,
      global: globalMetrics({
        commit_progress: commitProgress(1, 2, 3, 4, 5),
        concurrent_bootstrap_phase: 'Synchronizing',
        concurrent_bootstrap_progress: commitProgress(0, 1, 1),
      }),
      inputs: [
        KAFKA_DOWN,
        inputEndpoint('t.in', 't', { fatal_error: 'gone', health: { status: 'Healthy', description: null } }),
      ],
      outputs: [DELTA_UNHEALTHY, outputEndpoint('v.out', 'v', { encode_errors: [connectorError('bad')] })],
    });
    expect(violations(schemas, { $ref: '#/components/schemas/ControllerStatus' }, body, '')).toEqual([]);
  });

  it.skipIf(!existsSync(spec))('the checker finds a misspelt, a missing and a mistyped field', () => {
    const body = controllerStatusBody({
      version,
      inputs: [{ ...inputEndpoint('t.in', 't'), paused: 'no', endpoint: 'x' }],
    });
    delete (body.global_metrics as Record<string, unknown>).state;
    expect(violations(schemas, { $ref: '#/components/schemas/ControllerStatus' }, body, '').sort()).toEqual([
      '/global_metrics: state is missing',
      '/inputs/0/paused: "no" is not boolean',
      '/inputs/0: endpoint is not in the spec',
    ]);
  });
});

/** The part of OpenAPI 3.0's schema language that openapi.json uses for ControllerStatus. */
interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
}

/** Where `value` departs from `schema`; stricter than OpenAPI in one way: a property the schema does not name is reported. */
function violations(schemas: Record<string, Schema>, schema: Schema, value: unknown, path: string): string[] {
  if (schema.$ref) return violations(schemas, schemas[schema.$ref.split('/').at(-1)!]!, value, path);
  if (value === null) return schema.nullable ? [] : [`${path}: null is not allowed`];
  if (schema.allOf) return schema.allOf.flatMap((part) => violations(schemas, part, value, path));
  if (schema.oneOf) {
    return schema.oneOf.some((part) => violations(schemas, part, value, path).length === 0)
      ? []
      : [`${path}: matches none of oneOf`];
  }
  if (schema.enum && !schema.enum.includes(value))
    return [`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
  const types: Record<string, (v: unknown) => boolean> = {
    object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    array: Array.isArray,
    string: (v) => typeof v === 'string',
    integer: Number.isInteger,
    number: (v) => typeof v === 'number',
    boolean: (v) => typeof v === 'boolean',
  };
  if (schema.type && !types[schema.type]!(value)) return [`${path}: ${JSON.stringify(value)} is not ${schema.type}`];
  if (Array.isArray(value))
    return value.flatMap((item, i) => (schema.items ? violations(schemas, schema.items, item, `${path}/${i}`) : []));
  if (typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const found = (schema.required ?? [])
    .filter((name) => !(name in record))
    .map((name) => `${path}: ${name} is missing`);
  for (const [name, item] of Object.entries(record)) {
    const property =
      schema.properties?.[name] ??
      (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    if (property) found.push(...violations(schemas, property, item, `${path}/${name}`));
    else if (schema.properties) found.push(`${path}: ${name} is not in the spec`);
  }
  return found;
}
