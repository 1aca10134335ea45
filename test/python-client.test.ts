// Feldera's official Python client, the `feldera` package from PyPI at the version below, unmodified,
// through its start / wait / approve / stop cycle (test/python/cycle.py) and a release of a program
// change (test/python/release.py) against the fake as 0.337 and as 0.375: the fake must answer
// whatever the client asks as Feldera does. The client installs into a
// virtual environment under node_modules/.cache, once per version, with its dependencies from PyPI as a
// user's would (pandas, pyarrow, numpy: about 20 s and 390 MB). Without python3 the test fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeFeldera, type PipelineScript } from './fake-feldera.ts';
import { APPROVAL_DIFF, CONFIGURED, NEWEST_FELDERA, PROPOSED, pipelineDiff } from './fixtures.ts';
import type { Edition } from './fake-feldera.ts';
import { checkAnswers, specFor } from './openapi-check.ts';

/** The newest `feldera` on PyPI (`pip index versions feldera`). */
export const FELDERA_PYTHON = '0.369.0';
const VENV = join(import.meta.dirname, '..', 'node_modules', '.cache', `feldera-python-${FELDERA_PYTHON}`);
const PYTHON = join(VENV, 'bin', 'python');
/** Written last: a venv without it was cut short and is made again. */
const INSTALLED = join(VENV, 'installed');
const KEY = `apikey:${'p9'.repeat(64)}`;

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PYTHONUNBUFFERED: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (existsSync(INSTALLED)) return;
  const python = spawnSync('python3', ['-c', 'import venv, ensurepip'], { encoding: 'utf8' });
  if (python.error || python.status !== 0) {
    throw new Error(
      `python3 with its venv module is needed to test Feldera's Python client (bash .ci/run installs python3-venv): ${python.error?.message ?? python.stderr}`,
    );
  }
  rmSync(VENV, { recursive: true, force: true });
  for (const [command, args] of [
    ['python3', ['-m', 'venv', VENV]],
    [
      join(VENV, 'bin', 'pip'),
      ['install', '--quiet', '--disable-pip-version-check', '--no-input', `feldera==${FELDERA_PYTHON}`],
    ],
  ] as const) {
    const step = await run(command, [...args]);
    if (step.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${step.code}): ${step.stderr}`);
  }
  writeFileSync(INSTALLED, `feldera==${FELDERA_PYTHON}\n`);
}, 600_000);

const servers: FakeFeldera[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const AWAITING = [
  { status: 'Provisioning', ms: 20 },
  { status: 'Initializing', ms: 20 },
  { status: 'AwaitingApproval', ms: 0 },
  { status: 'Bootstrapping', ms: 20 },
];
/** A bootstrap that would truncate table `orders` and reload it from its connectors. */
const ORDERS_MODIFIED = pipelineDiff({ program: { modified_tables: ['orders'], added_views: ['refunds'] } });
const SCRIPTS: PipelineScript[] = [
  { name: 'plain', connectors: [{ name: 'v.out', direction: 'output', stream: 'v' }] },
  { name: 'modified', phases: AWAITING, approvalDiff: { diff: APPROVAL_DIFF } },
  { name: 'reloadable', phases: AWAITING, approvalDiff: { diff: ORDERS_MODIFIED } },
  { name: 'not-allowed', phases: AWAITING, approvalDiff: { diff: ORDERS_MODIFIED } },
  { name: 'planned', program: CONFIGURED },
];

interface Seen {
  server_version: string;
  plain: {
    running: string;
    platform_version: string | null;
    outputs: string[];
    stopped: string;
    events: string[];
    event_fields: string[];
  };
  modified: { awaiting: string; stopped: string };
  reloadable: { running: string };
  'not-allowed': { blocked_tables: string[] | null; left: string; stopped: string };
  planned: { diff: unknown; refused: string | null; status: string };
}

describe(`Feldera's Python client ${FELDERA_PYTHON} against the fake`, () => {
  it.each(['0.337.0', NEWEST_FELDERA])('runs its cycle against the fake as %s, unmodified', async (version) => {
    const server = await FakeFeldera.start({ pipelines: SCRIPTS, apiKey: KEY, version });
    servers.push(server);
    const cycle = await run(PYTHON, [join(import.meta.dirname, 'python', 'cycle.py'), server.url, KEY, PROPOSED]);
    expect(cycle.code, cycle.stderr).toBe(0);
    const seen = JSON.parse(cycle.stdout.trim().split('\n').at(-1) ?? '') as Seen;

    expect(seen.server_version).toBe(version);
    expect(seen.plain).toEqual({
      running: 'RUNNING',
      platform_version: version === NEWEST_FELDERA ? version : null,
      outputs: ['v.out'],
      stopped: 'STOPPED',
      // Its events, through pipeline.events(): every status, newest first as the manager lists them.
      events: ['Stopped', 'Provisioning', 'Initializing', 'Running', 'Stopping', 'Stopped'],
      event_fields: expect.arrayContaining([
        'deployment_error',
        'deployment_runtime_status_details',
        'event_id',
        'recorded_at',
      ]),
    });
    expect(seen.modified).toEqual({ awaiting: 'AWAITINGAPPROVAL', stopped: 'STOPPED' });
    expect(seen.reloadable).toEqual({ running: 'RUNNING' });
    // The client leaves a refused bootstrap awaiting approval, and stops it here.
    expect(seen['not-allowed']).toEqual({ blocked_tables: ['orders'], left: 'AWAITINGAPPROVAL', stopped: 'STOPPED' });
    // pipeline_diff posts the proposal to /diff and reads the fake's PipelineDiff, or its refusal; nothing starts.
    expect(seen.planned).toEqual({
      diff: pipelineDiff({
        program: {
          removed_tables: ['customers'],
          added_views: ['big'],
          removed_views: ['names'],
          modified_views: ['totals'],
        },
      }),
      refused: 'InvalidNewProgramSql',
      status: 'STOPPED',
    });

    // What it asked: dismiss first, start without dismissing, await_approval in place of allow when
    // some tables may be reloaded, one approve where the diff allowed it, a forced stop.
    const asked = (pipeline: string, action: string) =>
      server.requests.filter(
        (request) => request.method === 'POST' && request.path === `/v0/pipelines/${pipeline}/${action}`,
      );
    for (const { name } of SCRIPTS.filter(({ name }) => name !== 'planned')) {
      expect(asked(name, 'dismiss_error'), name).toHaveLength(1);
      expect(asked(name, 'start')[0]?.query, name).toMatchObject({ dismiss_error: 'false', initial: 'running' });
      expect(
        asked(name, 'stop').map((request) => request.query),
        name,
      ).toEqual([{ force: 'true' }]);
    }
    expect(asked('reloadable', 'start')[0]?.query.bootstrap_policy).toBe('await_approval');
    expect(
      [asked('modified', 'approve'), asked('reloadable', 'approve'), asked('not-allowed', 'approve')].map(
        (calls) => calls.length,
      ),
    ).toEqual([1, 1, 0]);

    const spec = specFor(version);
    if (existsSync(spec)) expect(checkAnswers(spec, server.responses).problems).toEqual([]);
  });
});

describe(`Feldera's Python client ${FELDERA_PYTHON} releasing a program change on the fake`, () => {
  /** What test/python/release.py saw. */
  interface Released {
    release: {
      program_version: [number, number];
      modify_while_running: string | null;
      stop_refused: string | null;
      left: string;
      started: string;
      approval_diff: unknown;
      running: string;
      program_code: string;
    };
    create: { program_version: number; program_status: string };
  }
  const CHANGES = pipelineDiff({
    program: {
      removed_tables: ['customers'],
      added_views: ['big'],
      removed_views: ['names'],
      modified_views: ['totals'],
    },
  });

  it.each([
    ['Enterprise', '0.337.0'],
    ['Open source', NEWEST_FELDERA],
  ] as [Edition, string][])(
    'stops (force=False), modifies, starts and reads the new program_version on the %s edition as %s',
    async (edition, version) => {
      const server = await FakeFeldera.start({
        pipelines: [{ name: 'orders', program: CONFIGURED }],
        edition,
        version,
      });
      servers.push(server);
      const release = await run(PYTHON, [
        join(import.meta.dirname, 'python', 'release.py'),
        server.url,
        CONFIGURED,
        PROPOSED,
      ]);
      expect(release.code, release.stderr).toBe(0);
      const seen = JSON.parse(release.stdout.trim().split('\n').at(-1) ?? '') as Released;
      const enterprise = edition === 'Enterprise';
      expect(seen.release).toEqual({
        program_version: [2, 3],
        modify_while_running: 'UpdateRestrictedToStopped',
        // The community edition keeps the pipeline running and cannot keep its state: a forced stop, no bootstrap.
        stop_refused: enterprise ? null : 'EnterpriseFeature',
        left: enterprise ? 'STOPPED' : 'RUNNING',
        started: enterprise ? 'AWAITINGAPPROVAL' : 'RUNNING',
        approval_diff: enterprise ? CHANGES : null,
        running: 'RUNNING',
        // The client strips nothing from what it PATCHed.
        program_code: PROPOSED,
      });
      expect(seen.create).toEqual({ program_version: 1, program_status: 'Success' });
      const stops = server.calls('stop').map((request) => request.query.force);
      expect(stops).toEqual(enterprise ? ['false'] : ['false', 'true']);
      expect(server.requests.filter((request) => request.method === 'PUT').map((request) => request.path)).toEqual([
        '/v0/pipelines/fresh',
      ]);
      const spec = specFor(version);
      if (existsSync(spec)) expect(checkAnswers(spec, server.responses).problems).toEqual([]);
    },
  );
});
