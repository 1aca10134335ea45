// Which Feldera answered: GET /v0/config, read beside the start, in the summary and the debug log,
// and in the hints of refusals that depend on the edition.
import { describe, expect, it } from 'vitest';
import { endToEnd, errorAnnotation } from './harness.ts';

const { fake, inputs, act } = endToEnd();
const PHASES = [{ status: 'Provisioning', ms: 40 }];

describe('GET /v0/config', () => {
  it.each([
    ['Open source', '0.337.0'],
    ['Enterprise', '0.340.1'],
  ] as const)('puts the %s edition and the version in the summary and the debug log', async (edition, version) => {
    const server = await fake([{ name: 'p', phases: PHASES }], { edition, version });
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(server.calls('config')).toHaveLength(1);
    expect(run.summary).toContain(` · Feldera ${version}, ${edition} (tested: 0.300.0 to 0.375.0)</sub>`);
    expect(run.stdout).toContain(`::debug::Feldera ${version}, ${edition}`);
  });

  it.each([
    ['0.299.9', 'not tested: this action is tested with 0.300.0 to 0.375.0'],
    ['0.375.0', 'tested: 0.300.0 to 0.375.0'],
    ['0.376.0', 'not tested: this action is tested with 0.300.0 to 0.375.0'],
    ['1.0.0', 'not tested: this action is tested with 0.300.0 to 0.375.0'],
    ['unknown', 'not tested: this action is tested with 0.300.0 to 0.375.0'],
  ])('says whether %s is among the Feldera versions tested', async (version, said) => {
    const server = await fake([{ name: 'p', phases: PHASES }], { version });
    const run = await act(inputs(server));
    expect(run.summary).toContain(` · Feldera ${version}, Open source (${said})</sub>`);
  });

  it.each([
    ['answers 404, as older servers do', { kind: 'status', status: 404 }],
    ['never answers', { kind: 'hang' }],
  ] as const)('says nothing when it %s, and the start goes on', async (_name, fault) => {
    const server = await fake([{ name: 'p', phases: PHASES }]);
    server.fault('config', fault);
    const run = await act(inputs(server));
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('Running');
    expect(run.annotations).toEqual([]);
    expect(run.summary).not.toContain('| Feldera |');
  });

  it('says that standby is an Enterprise feature when the open-source edition refuses it', async () => {
    const server = await fake([{ name: 'p' }]);
    // The start is answered only after the config read, which the step sent first.
    server.fault('start', { kind: 'hold', until: server.arrival('config') });
    const run = await act(inputs(server, { initial: 'standby' }));
    expect(run.outputs['error-code']).toBe('InitialStandbyNotAllowed');
    expect(errorAnnotation(run).message).toMatch(
      /Hint: standby needs a file storage backend with sync in the runtime config\. This Feldera is the open-source edition \(0\.337\.0\), where standby is an Enterprise feature/,
    );
    const enterprise = await fake([{ name: 'p' }], { edition: 'Enterprise' });
    enterprise.fault('start', { kind: 'hold', until: enterprise.arrival('config') });
    const refused = await act(inputs(enterprise, { initial: 'standby' }));
    expect(refused.outputs['error-code']).toBe('InitialStandbyNotAllowed');
    expect(errorAnnotation(refused).message).not.toContain('open-source edition');
  });

  it('says that a feature needs Feldera Enterprise when the pipeline fails with EnterpriseFeature', async () => {
    const server = await fake([{ name: 'p', phases: PHASES, fileStorageWithSync: true }]);
    const run = await act(inputs(server, { initial: 'standby' }));
    expect(run.outputs['error-code']).toBe('EnterpriseFeature');
    expect(errorAnnotation(run).message).toBe(
      'Pipeline p stopped with EnterpriseFeature: Cannot use enterprise-only feature (standby) in Feldera community edition. Hint: this Feldera is the open-source edition (0.337.0), which does not have this feature: it needs Feldera Enterprise.',
    );
  });
});
