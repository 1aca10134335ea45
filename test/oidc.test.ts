// Keyless authentication, end to end: GitHub ID tokens from a fake of the runner's token endpoint,
// accepted by the fake Feldera only while current.
import { describe, expect, it } from 'vitest';
import { currentFor, FakeOidc, ISSUER } from './fake-oidc.ts';
import { endToEnd, errorAnnotation } from './harness.ts';

const { fake, serve, act } = endToEnd();
const PHASES = [{ status: 'Provisioning', ms: 40 }];
const oidc = () => serve(FakeOidc.start());

const inputs = (url: string, extra: Record<string, string> = {}) => ({
  'pipeline-name': 'p',
  'api-url': url,
  'oidc-audience': 'feldera',
  'poll-interval': '100ms',
  timeout: '30s',
  ...extra,
});

describe('with oidc-audience', () => {
  it('sends the ID token and the tenant on every request, and names the credential, never its value', async () => {
    const provider = await oidc();
    const server = await fake([{ name: 'p', phases: PHASES }], { acceptToken: currentFor('feldera') });
    const run = await act(inputs(server.url, { tenant: 'acme' }), provider.env(), () => provider.issued);
    expect(run.code).toBe(0);
    expect(provider.issued).toHaveLength(1);
    expect(
      server.requests.every(
        (request) => request.authorization === `Bearer ${provider.issued[0]}` && request.tenant === 'acme',
      ),
    ).toBe(true);
    expect(run.summary).toContain(
      `\n<sub>Credential: OIDC token (issuer ${ISSUER}, subject repo:acme/pipelines:ref:refs/heads/main, audience feldera)`,
    );
    expect(run.stdout).toContain('::debug::Credential: OIDC token (issuer');
  });

  it('renews a token before it expires during a long wait', async () => {
    const provider = await oidc();
    // A short life: renewed at half of it, 3 s before Feldera would refuse it.
    provider.lifetimeSeconds = 6;
    // Provisioning until the second token is out: the wait lasts as long as the renewal takes, no longer.
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', until: 'renewed' }] }], {
      acceptToken: currentFor('feldera'),
    });
    const done = act(inputs(server.url), provider.env(), () => provider.issued);
    await Promise.race([provider.issuing(2), done]);
    server.release('renewed');
    const run = await done;
    expect(run.code).toBe(0);
    expect(provider.issued.length).toBeGreaterThanOrEqual(2);
    expect(server.refused).toBe(0);
  });

  it('gets a new token once when Feldera answers 401, and tries again', async () => {
    const provider = await oidc();
    const current = currentFor('feldera');
    // Feldera refuses the first token (revoked, say) and takes the next.
    const server = await fake([{ name: 'p', phases: PHASES }], {
      acceptToken: (token) => token !== provider.issued[0] && current(token),
    });
    const run = await act(inputs(server.url), provider.env(), () => provider.issued);
    expect(run.code).toBe(0);
    expect(provider.issued).toHaveLength(2);
    // The read of /v0/config beside it may be refused too, but never asks for a token of its own.
    expect(
      server
        .calls('status')
        .slice(0, 2)
        .map((request) => request.authorization),
    ).toEqual(provider.issued.map((token) => `Bearer ${token}`));
  });

  it('fails a second 401 with AuthenticationFailed, naming issuer, subject and audience', async () => {
    const provider = await oidc();
    const server = await fake([{ name: 'p' }], { acceptToken: () => false });
    const run = await act(inputs(server.url), provider.env(), () => provider.issued);
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('AuthenticationFailed');
    expect(provider.issued).toHaveLength(2);
    expect(server.calls('status')).toHaveLength(2);
    expect(errorAnnotation(run).message).toContain(
      'failed: 401, Feldera refused the token: "No OIDC trust relationship matches this token"',
    );
    expect(errorAnnotation(run).message).toContain(
      `Hint: Feldera refused the ID token with issuer ${ISSUER}, subject repo:acme/pipelines:ref:refs/heads/main, audience feldera: these must match a trust relationship`,
    );
  });

  it('fails before any Feldera request when the runner offers no token, showing the permissions to add', async () => {
    const server = await fake([{ name: 'p' }]);
    const run = await act(inputs(server.url));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('OidcTokenUnavailable');
    expect(server.requests).toEqual([]);
    expect(errorAnnotation(run).message).toContain(
      'ACTIONS_ID_TOKEN_REQUEST_URL is not set). Give the job:\npermissions:\n  id-token: write\n  contents: read',
    );
  });

  it('gives up on a token service that never answers when the timeout runs out', async () => {
    const provider = await oidc();
    provider.hang = true;
    const server = await fake([{ name: 'p' }]);
    const run = await act(inputs(server.url, { timeout: '2s' }), provider.env());
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Timeout');
    // The budget ended it (how soon is npm run bench's, "Ends on time").
    expect(server.requests).toEqual([]);
  });

  it('refuses an API key beside it, before any request', async () => {
    const server = await fake([{ name: 'p' }]);
    const run = await act(inputs(server.url, { 'api-key': 'apikey:also' }));
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('InvalidInput');
    expect(errorAnnotation(run).message).toContain('api-key and oidc-audience are two credentials: give one of them.');
    expect(server.requests).toEqual([]);
  });
});
