// Part 6's cases: the claims of time the tests leave to the bench, each with the bound its test once
// asserted.
import type { FakeFeldera, PipelineScript } from '../fake-feldera.ts';
import { CLOSED_PORT } from '../fixtures.ts';
import { PIPELINE } from './config.ts';

export interface OnTimeCase {
  label: string;
  scripts: PipelineScript[];
  inputs: Record<string, string>;
  /** Set on the fake before the run. */
  faults?: (fake: FakeFeldera) => void;
  /** With a token service (FakeOidc) that never answers. */
  hangingOidc?: boolean;
  /** Sent once `when` resolves; the figure is then from the signal to the exit, else the step's elapsed-seconds. */
  signal?: { name: NodeJS.Signals; when: (fake: FakeFeldera) => Promise<void> };
  /** The error-code the step must end with, or the figure means nothing. */
  code: string;
  /** The bound its test asserted, and where. */
  boundMs: number;
  test: string;
}

const stuck = (name: string): PipelineScript => ({ name, phases: [{ status: 'Provisioning', until: 'never' }] });
const statusReads = (count: number) => (fake: FakeFeldera) => fake.arrival('status', count);

export const onTimeCases: OnTimeCase[] = [
  {
    label: 'SIGINT, three pipelines waiting',
    scripts: ['a', 'b', 'c'].map(stuck),
    inputs: { 'pipeline-name': 'a b c' },
    signal: { name: 'SIGINT', when: statusReads(6) },
    code: 'Cancelled',
    boundMs: 2000,
    test: 'several.test.ts',
  },
  {
    label: 'SIGTERM with stop-on-failure',
    scripts: [stuck(PIPELINE)],
    inputs: { 'stop-on-failure': 'true' },
    signal: { name: 'SIGTERM', when: statusReads(2) },
    code: 'Cancelled',
    boundMs: 5000,
    test: 'stop.test.ts',
  },
  {
    label: 'SIGINT during a stop that hangs',
    scripts: [stuck(PIPELINE)],
    inputs: { timeout: '1s', 'stop-on-failure': 'true', logs: 'never' },
    faults: (fake) => fake.fault('stop', { kind: 'hang' }),
    signal: { name: 'SIGINT', when: (fake) => fake.arrival('stop') },
    code: 'Timeout',
    boundMs: 5000,
    test: 'stop.test.ts',
  },
  {
    label: 'SIGINT during a /start that hangs',
    scripts: [stuck(PIPELINE)],
    inputs: { 'request-timeout': '5m' },
    faults: (fake) => fake.fault('start', { kind: 'hang' }),
    signal: { name: 'SIGINT', when: (fake) => fake.arrival('start') },
    code: 'Cancelled',
    boundMs: 7500,
    test: 'faults.test.ts',
  },
  {
    label: 'Retry-After 3600 on /start, timeout 2s',
    scripts: [stuck(PIPELINE)],
    inputs: { timeout: '2s' },
    faults: (fake) =>
      fake.fault('start', {
        kind: 'status',
        status: 503,
        body: JSON.stringify({
          message: 'Took too long to acquire the lock',
          error_code: 'LockTookTooLong',
          details: null,
        }),
        headers: { 'content-type': 'application/json', 'retry-after': '3600' },
      }),
    code: 'Timeout',
    boundMs: 10_000,
    test: 'faults.test.ts',
  },
  {
    label: 'an outage of 502s, timeout 3s',
    scripts: [stuck(PIPELINE)],
    inputs: { timeout: '3s' },
    faults: (fake) => fake.fault('status', { kind: 'status', status: 502, body: '<html>Bad Gateway</html>' }, 1000),
    code: 'Timeout',
    boundMs: 10_000,
    test: 'faults.test.ts',
  },
  {
    label: 'a token service that hangs, timeout 2s',
    scripts: [stuck(PIPELINE)],
    inputs: { timeout: '2s', 'oidc-audience': 'feldera' },
    hangingOidc: true,
    code: 'Timeout',
    boundMs: 10_000,
    test: 'oidc.test.ts',
  },
  {
    label: 'a log that never ends, after a failure',
    scripts: [
      {
        name: PIPELINE,
        phases: [
          { status: 'Provisioning', ms: 40 },
          { status: 'Initializing', ms: 40 },
        ],
        failWith: {
          error_code: 'RunnerCheckError',
          message: 'The pipeline process exited with code 137',
          details: null,
        },
        logLines: ['INFO starting', 'ERROR out of memory'],
        logEveryMs: 50,
      },
    ],
    inputs: {},
    code: 'RunnerCheckError',
    boundMs: 10_000,
    test: 'report.test.ts',
  },
  {
    label: 'a wrong api-url, timeout 10m',
    scripts: [stuck(PIPELINE)],
    inputs: { 'api-url': `http://127.0.0.1:${CLOSED_PORT}`, timeout: '10m' },
    code: 'Unreachable',
    boundMs: 60_000,
    test: 'faults.test.ts',
  },
];
