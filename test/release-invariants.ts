// What every run with update-program: true must hold (issue 30), judged from the fake's recorded
// requests, what it stored as each PATCH arrived and at the end, and the run's outputs.
import type { FakeRequest } from './fake-feldera.ts';
import { CONFIGURED } from './fixtures.ts';
import type { Observation } from './life-run.ts';
import type { Life } from './lives.ts';

type Check = (invariant: string, holds: boolean, detail: () => string) => void;

const CHANGES = new Set(['', 'none', 'updated', 'created', 'rolled-back']);
/** The refusals of the check before the stop (POST /diff): nothing may be stopped or changed after them. */
const CHECK_REFUSALS = new Set([
  'InvalidNewProgramSql',
  'BootstrapNotAllowed',
  'UnexpectedDiff',
  'ProgramInfoMissesDataflow',
  'InvalidRuntimeVersion',
]);

/** The /stop requests the step sent for the update: those before any /start (stop-on-failure's come after one). */
export function updateStops(observation: Observation): FakeRequest[] {
  const firstStart = observation.calls.start[0]?.at ?? Infinity;
  return observation.calls.stop.filter((request) => request.at < firstStart);
}

export function judgeRelease(life: Life, observation: Observation, check: Check): void {
  const { run, responses, signals, patches, final } = observation;
  const outputs = run.outputs;
  const code = outputs['error-code'] ?? '';
  const change = outputs['program-change'];
  const cancelledAt = signals[0]?.at;
  const answered = (endpoint: string, ok: (status: number) => boolean) =>
    responses.filter((response) => response.endpoint === endpoint && ok(response.status));
  const accepted = (status: number) => status >= 200 && status < 300;
  const writes = () =>
    observation.calls.patch.length + observation.calls.put.length + answered('stop', accepted).length;

  // The outputs, always set, in their forms.
  if (!life.invalid || outputs.status !== undefined) {
    check(
      'program-change is one of "", none, updated, created, rolled-back',
      change !== undefined && CHANGES.has(change),
      () => `program-change ${JSON.stringify(change)}`,
    );
    check(
      'program-version is a number or empty',
      /^\d*$/.test(outputs['program-version'] ?? 'unset'),
      () => `program-version ${JSON.stringify(outputs['program-version'])}`,
    );
    check(
      'downtime-seconds is empty or seconds with one decimal',
      /^(\d+\.\d)?$/.test(outputs['downtime-seconds'] ?? 'unset'),
      () => `downtime-seconds ${JSON.stringify(outputs['downtime-seconds'])}`,
    );
  }
  if (!life.release) {
    check('without update-program, no program-change', change === '' || change === undefined, () => `${change}`);
    return;
  }
  const stops = updateStops(observation);

  // Refusals change nothing.
  if (CHECK_REFUSALS.has(code))
    check(
      'nothing stopped or changed after a refusal of the check',
      stops.length === 0 && observation.calls.patch.length === 0 && observation.calls.put.length === 0,
      () => `${code}, then ${stops.length} /stop, ${observation.calls.patch.length} PATCH`,
    );
  const refusedStop = answered('stop', (status) => status === 501)[0];
  if (refusedStop)
    check(
      'nothing stopped or changed after a refusal of the stop (EnterpriseFeature)',
      observation.calls.patch.length === 0 && answered('stop', accepted).length === 0,
      () => `${observation.calls.patch.length} PATCH, ${answered('stop', accepted).length} /stop accepted`,
    );
  const failure = run.annotations.find(({ level }) => level === 'error')?.message ?? '';
  if (failure.includes('Nothing was stopped or changed.'))
    check(
      'the step says nothing was stopped or changed only when nothing was',
      writes() === 0,
      () => `${observation.calls.patch.length} PATCH, ${answered('stop', accepted).length} /stop accepted`,
    );
  const checkpointed = stops.some((stop) => stop.query.force === 'false') && answered('stop', accepted).length > 0;
  if (life.release.checkpointFails && checkpointed && life.edition === 'Enterprise')
    check('a failed checkpoint updates nothing', observation.calls.patch.length === 0, () => 'a PATCH came after it');
  if (change === 'none')
    check('program-change none: no stop, no update', writes() === 0 && stops.length === 0, () => `${writes()} writes`);

  // A PATCH only while Stopped.
  const moving = patches.filter(({ met }) => met?.deploymentStatus !== 'Stopped' || met.resourcesDesired !== 'Stopped');
  check('a PATCH only while the pipeline is Stopped (and desired Stopped)', moving.length === 0, () =>
    moving.map(({ met }) => `PATCH met ${met?.deploymentStatus}, desired ${met?.resourcesDesired}`).join('; '),
  );
  const restricted = responses.filter((response) => response.body.includes('"UpdateRestrictedToStopped"'));
  check('no UpdateRestrictedToStopped (nobody else starts the pipeline)', restricted.length === 0, () =>
    restricted.map((response) => `${response.method} ${response.path} ${response.status}`).join('; '),
  );

  // A rollback restores the previous program; a cancel never starts one.
  if (change === 'rolled-back') {
    check(
      'after a rollback, the previous program is configured',
      final?.program_code === CONFIGURED && observation.calls.patch.length === 2,
      () => `${observation.calls.patch.length} PATCH; configured: ${final?.program_code.slice(0, 120)}`,
    );
  }
  if (cancelledAt !== undefined) {
    const late = patches.slice(1).filter(({ at }) => at > cancelledAt);
    check('a cancel never starts a rollback', late.length === 0, () => `${late.length} PATCH after the cancel`);
  }
  if (outputs['downtime-seconds'])
    check('downtime only when the step stopped the pipeline', stops.length > 0, () => 'no /stop for the update');
  if (change === 'updated' || change === 'rolled-back')
    check(
      `program-change ${change} only after a PATCH accepted`,
      answered('patch', (status) => status === 200).length > 0,
      () => 'none accepted',
    );
  if (change === 'created')
    check('program-change created only after a PUT', answered('put', (status) => status === 201).length > 0, () => '');
  if (cancelledAt === undefined && change && change !== 'none')
    check(
      'program-version is Feldera’s at the end',
      outputs['program-version'] === String(final?.programVersion),
      () => `program-version ${outputs['program-version']}, Feldera's ${final?.programVersion}`,
    );
}
