import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineStatus } from '../src/feldera/types.ts';
import { classify } from '../src/model/lifecycle.ts';

// Feldera's CombinedStatus and ProgramStatus (openapi.json); checked against the spec below when it is beside the repo.
const DEPLOYMENT_STATUSES = [
  'Stopped',
  'Provisioning',
  'Unavailable',
  'Coordination',
  'Standby',
  'AwaitingApproval',
  'Initializing',
  'Bootstrapping',
  'ConcurrentBootstrapping',
  'Synchronizing',
  'Replaying',
  'Paused',
  'Running',
  'Suspended',
  'Stopping',
];
const PROGRAM_STATUSES = [
  'Pending',
  'CompilingSql',
  'SqlCompiled',
  'CompilingRust',
  'Success',
  'SqlError',
  'RustError',
  'SystemError',
];

function snapshot(fields: Partial<PipelineStatus>): PipelineStatus {
  return {
    name: 'p',
    program_status: 'Success',
    deployment_status: 'Stopped',
    deployment_status_since: '2026-08-21T10:05:02Z',
    deployment_desired_status: 'Running',
    deployment_error: null,
    deployment_id: null,
    ...fields,
  };
}

describe('classify', () => {
  // Every deployment_status while the desired status is the target, Running.
  const expected: Record<string, string> = {
    Stopped: 'waiting', // early start: compiling
    Provisioning: 'waiting',
    Unavailable: 'waiting', // a blip the runner reports (API.md 2.3)
    Coordination: 'waiting',
    Standby: 'waiting',
    AwaitingApproval: 'awaiting-approval',
    Initializing: 'waiting',
    Bootstrapping: 'waiting',
    ConcurrentBootstrapping: 'waiting',
    Synchronizing: 'waiting',
    Replaying: 'waiting',
    Paused: 'waiting',
    Running: 'reached',
    Suspended: 'waiting',
    Stopping: 'waiting',
  };
  it.each(DEPLOYMENT_STATUSES)('%s, desired Running, initial running', (status) => {
    expect(classify(snapshot({ deployment_status: status }), 'running').kind).toBe(expected[status]);
  });

  it.each([
    ['paused', 'Paused'],
    ['standby', 'Standby'],
  ] as const)('initial %s is reached at %s', (initial, status) => {
    expect(classify(snapshot({ deployment_status: status, deployment_desired_status: status }), initial).kind).toBe(
      'reached',
    );
    expect(classify(snapshot({ deployment_status: 'Running', deployment_desired_status: status }), initial).kind).toBe(
      'waiting',
    );
  });

  it('keeps waiting through an Unavailable blip, whose desired status is Unavailable too (runner/pipeline_automata.rs)', () => {
    expect(
      classify(snapshot({ deployment_status: 'Unavailable', deployment_desired_status: 'Unavailable' }), 'running')
        .kind,
    ).toBe('waiting');
    expect(
      classify(snapshot({ deployment_status: 'Unavailable', deployment_desired_status: 'Unavailable' }), 'standby')
        .kind,
    ).toBe('waiting');
  });

  it.each(['ConcurrentBootstrapping', 'Synchronizing'])(
    'keeps waiting through %s, a phase of a concurrent bootstrap',
    (status) => {
      for (const initial of ['running', 'paused'] as const) {
        expect(
          classify(
            snapshot({
              deployment_status: status,
              deployment_desired_status: initial === 'running' ? 'Running' : 'Paused',
            }),
            initial,
          ).kind,
        ).toBe('waiting');
      }
    },
  );

  it('keeps waiting on a status this version does not know', () => {
    expect(classify(snapshot({ deployment_status: 'Hibernating' }), 'running').kind).toBe('waiting');
  });

  it('fails on a deployment error once the desired status is Stopped, while still Stopping', () => {
    const error = { error_code: 'RunnerCheckError', message: 'the process exited', details: null };
    expect(
      classify(
        snapshot({ deployment_status: 'Stopping', deployment_desired_status: 'Stopped', deployment_error: error }),
        'running',
      ),
    ).toEqual({
      kind: 'deployment-error',
      error,
    });
  });

  it('tells a stop by someone else from a failure', () => {
    expect(
      classify(snapshot({ deployment_status: 'Stopping', deployment_desired_status: 'Stopped' }), 'running').kind,
    ).toBe('stopped-externally');
  });

  it.each(PROGRAM_STATUSES)('program_status %s', (programStatus) => {
    const kind = classify(snapshot({ program_status: programStatus }), 'running').kind;
    expect(kind).toBe(
      ['SqlError', 'RustError', 'SystemError'].includes(programStatus) ? 'compilation-failed' : 'waiting',
    );
  });

  it('prefers the deployment error, with its code, to the program status', () => {
    const error = { error_code: 'StartFailedDueToFailedCompilation', message: 'failed to compile', details: null };
    const status = snapshot({
      program_status: 'SqlError',
      deployment_desired_status: 'Stopped',
      deployment_error: error,
    });
    expect(classify(status, 'running').kind).toBe('deployment-error');
  });

  it('fails when the pipeline is steered to another up state than the target', () => {
    expect(
      classify(snapshot({ deployment_status: 'Paused', deployment_desired_status: 'Paused' }), 'running').kind,
    ).toBe('desired-elsewhere');
    expect(
      classify(snapshot({ deployment_status: 'Running', deployment_desired_status: 'Suspended' }), 'running').kind,
    ).toBe('desired-elsewhere');
  });

  it('does not call a pipeline that is being stopped Running', () => {
    expect(
      classify(snapshot({ deployment_status: 'Running', deployment_desired_status: 'Stopped' }), 'running').kind,
    ).toBe('stopped-externally');
  });

  const spec = join(import.meta.dirname, '..', '..', 'shared', 'feldera', 'openapi.json');
  it.skipIf(!existsSync(spec))('covers every status in Feldera’s openapi.json', () => {
    const { schemas } = (
      JSON.parse(readFileSync(spec, 'utf8')) as { components: { schemas: Record<string, { enum?: string[] }> } }
    ).components;
    expect(schemas.CombinedStatus?.enum).toEqual(DEPLOYMENT_STATUSES);
    expect(schemas.ProgramStatus?.enum).toEqual(PROGRAM_STATUSES);
  });
});
