import { describe, expect, it } from 'vitest';
import type { Initial, PipelineStatus } from '../src/feldera/types.ts';
import { bootstrapDifferences, decideTransition, foundText, transitionText } from '../src/model/transition.ts';

function found(status: string, desired: string, more: Partial<PipelineStatus> = {}): PipelineStatus {
  return {
    name: 'p',
    program_status: 'Success',
    deployment_status: status,
    deployment_status_since: '2026-08-21T10:42:07Z',
    deployment_desired_status: desired,
    deployment_initial: desired === 'Stopped' ? null : 'Running',
    deployment_error: null,
    ...more,
  };
}

const decide = (status: string, desired: string, initial: Initial) =>
  decideTransition(found(status, desired), initial, 'converge');

describe('decideTransition', () => {
  // The README's table, row by row: found status (desired) × asked → what the step does.
  it.each([
    ['Stopped', 'Stopped', 'running', { kind: 'start', accepted: 'start' }],
    ['Stopping', 'Stopped', 'paused', { kind: 'start', accepted: 'start' }],
    // A stop the runner has not seen yet: start.ts waits for Stopped.
    ['Running', 'Stopped', 'running', { kind: 'start', accepted: 'start' }],
    ['Running', 'Running', 'running', { kind: 'none' }],
    ['Paused', 'Paused', 'paused', { kind: 'none' }],
    ['Standby', 'Standby', 'standby', { kind: 'none' }],
    ['Paused', 'Paused', 'running', { kind: 'move', transition: 'resume' }],
    ['Running', 'Running', 'paused', { kind: 'move', transition: 'pause' }],
    ['Standby', 'Standby', 'running', { kind: 'move', transition: 'activate' }],
    ['Standby', 'Standby', 'paused', { kind: 'move', transition: 'activate' }],
    // Someone moved it a moment ago and the status has not followed yet: where it goes decides.
    ['Running', 'Paused', 'paused', { kind: 'none' }],
    ['Running', 'Paused', 'running', { kind: 'move', transition: 'resume' }],
    // Coming up: towards the asked state, wait as after a start; towards another, wait until it is up.
    ['Stopped', 'Running', 'running', { kind: 'none' }],
    ['Provisioning', 'Paused', 'paused', { kind: 'none' }],
    ['Initializing', 'Running', 'running', { kind: 'none' }],
    ['Stopped', 'Paused', 'running', { kind: 'wait' }],
    ['Provisioning', 'Paused', 'running', { kind: 'wait' }],
    ['Initializing', 'Running', 'paused', { kind: 'wait' }],
    ['Unavailable', 'Unavailable', 'running', { kind: 'wait' }],
    ['AwaitingApproval', 'Running', 'running', { kind: 'none' }],
    ['Bootstrapping', 'Paused', 'paused', { kind: 'none' }],
  ] as const)('%s (desired %s), asked %s: %o', (status, desired, initial, decision) => {
    expect(decide(status, desired, initial)).toEqual(decision);
  });

  it.each([
    [
      'Running',
      'Running',
      'standby',
      /^Pipeline p is Running: a pipeline out of standby cannot go back to Standby\.$/,
      /^stop it, then start it with initial: standby; or ask for initial: running\.$/,
    ],
    ['Paused', 'Paused', 'standby', /cannot go back to Standby/, /or ask for initial: paused\.$/],
    [
      'AwaitingApproval',
      'Paused',
      'running',
      /^Pipeline p is AwaitingApproval \(desired Paused\): it cannot be moved to Running before it is Paused\.$/,
      /^approve its changes .* and wait until it is Paused/,
    ],
    [
      'Bootstrapping',
      'Running',
      'paused',
      /is Bootstrapping \(desired Running\)/,
      /^wait until it is Running, then run the step again; or ask for initial: running\.$/,
    ],
    ['Replaying', 'Running', 'paused', /is Replaying/, /^wait until it is Running/],
    ['Synchronizing', 'Running', 'paused', /is Synchronizing/, /^wait until/],
    ['Running', 'Suspended', 'running', /it is being suspended/, /once it is Stopped/],
  ] as const)(
    'refuses %s (desired %s) asked %s, saying why and what to do',
    (status, desired, initial, message, hint) => {
      expect(decide(status, desired, initial)).toEqual({
        kind: 'refuse',
        message: expect.stringMatching(message) as string,
        hint: expect.stringMatching(hint) as string,
      });
    },
  );

  it('with if-deployed: fail, sends /start whatever it finds, and reports none only when it was in the asked state', () => {
    expect(decideTransition(found('Stopped', 'Stopped'), 'running', 'fail')).toEqual({
      kind: 'start',
      accepted: 'start',
    });
    expect(decideTransition(found('Running', 'Running'), 'running', 'fail')).toEqual({
      kind: 'start',
      accepted: 'none',
    });
    expect(decideTransition(found('Paused', 'Paused'), 'running', 'fail')).toEqual({
      kind: 'start',
      accepted: undefined,
    });
    expect(decideTransition(found('Running', 'Running'), 'standby', 'fail')).toEqual({
      kind: 'start',
      accepted: undefined,
    });
  });
});

describe('what the step found and did', () => {
  const now = new Date('2026-08-21T12:00:00Z');

  it('says the status, where it goes, since when and how it was started', () => {
    expect(foundText(found('Paused', 'Paused', { deployment_initial: 'Paused' }), now)).toBe(
      'Paused since 10:42 UTC (started paused)',
    );
    expect(foundText(found('Running', 'Paused'), now)).toBe(
      'Running (desired Paused) since 10:42 UTC (started running)',
    );
    expect(foundText(found('Stopped', 'Stopped'), new Date('2026-08-22T09:00:00Z'))).toBe(
      'Stopped since 2026-08-21 10:42 UTC',
    );
    expect(foundText(found('Stopping', 'Stopped', { deployment_status_since: '' }), now)).toBe('Stopping');
  });

  it('ends with what was done', () => {
    const paused = found('Paused', 'Paused', { deployment_initial: 'Paused' });
    expect(transitionText(paused, undefined, 'resume', 'Running', now)).toBe(
      'was Paused since 10:42 UTC (started paused); resumed',
    );
    expect(transitionText(found('Stopped', 'Stopped'), undefined, 'start', 'Running', now)).toBe(
      'was Stopped since 10:42 UTC; started',
    );
    expect(transitionText(found('Running', 'Running'), undefined, 'none', 'Running', now)).toBe(
      'was Running since 10:42 UTC (started running); nothing to do',
    );
    expect(transitionText(found('Initializing', 'Running'), undefined, 'none', 'Running', now)).toBe(
      'was Initializing (desired Running) since 10:42 UTC (started running); nothing to do: already on its way to Running',
    );
    expect(transitionText(found('Running', 'Running'), undefined, undefined, 'Standby', now)).toBe(
      'was Running since 10:42 UTC (started running); not moved',
    );
    const coming = found('Provisioning', 'Paused', { deployment_initial: 'Paused' });
    expect(transitionText(coming, found('Paused', 'Paused'), 'resume', 'Running', now)).toBe(
      'was Provisioning (desired Paused) since 10:42 UTC (started paused); resumed once it was Paused',
    );
  });
});

describe('bootstrapDifferences', () => {
  const asked = { policy: 'await_approval', silent: false, concurrent: false } as const;
  it('names each bootstrap input that differs from the last start, and nothing when the server does not say', () => {
    expect(bootstrapDifferences(asked, asked)).toEqual([]);
    expect(bootstrapDifferences(null, { ...asked, policy: 'allow' })).toEqual([]);
    expect(
      bootstrapDifferences({ policy: 'allow', silent: true, concurrent: false }, { ...asked, concurrent: true }),
    ).toEqual([
      'bootstrap-policy await_approval (started with allow)',
      'silent-bootstrap false (started with true)',
      'concurrent-bootstrap true (started with false)',
    ]);
  });
});
