// The token of feldera/oidc-auth-action, end to end: FELDERA_OIDC_TOKEN_FILE names a file whose ID
// token the fake Feldera accepts only while current; the test rewrites it as the refresher would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentFor, ISSUER, jwt } from './fake-oidc.ts';
import { endToEnd, errorAnnotation, KEY } from './harness.ts';

const { fake, act } = endToEnd();
const AUDIENCE = 'https://github.com/acme';
const SUBJECT = 'repo:acme/pipelines:ref:refs/heads/main';

/** A token the action exports for the job, unique by `jti`. */
const token = (jti: string) =>
  jwt({ iss: ISSUER, sub: SUBJECT, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300, jti });

/** A fresh token file, as feldera/oidc-auth-action writes it (the token, no newline). */
function tokenFile(content?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'feldera-oidc-')), 'feldera-token-default');
  if (content !== undefined) writeFileSync(path, content, { mode: 0o600 });
  return path;
}

const inputs = (url: string, extra: Record<string, string> = {}) => ({
  'pipeline-name': 'p',
  'api-url': url,
  'poll-interval': '100ms',
  timeout: '30s',
  ...extra,
});
const bearers = (requests: { authorization: string | undefined }[]) => [
  ...new Set(requests.map((request) => request.authorization)),
];

describe('with FELDERA_OIDC_TOKEN_FILE and no credential input', () => {
  it('reads the token before every request, masks each one, and names the credential', async () => {
    const [first, second] = [token('1'), token('2')];
    const path = tokenFile(first);
    const current = currentFor(AUDIENCE);
    let seen = 0;
    // The refresher replaces the token while the step waits.
    // Provisioning for three status reads: requests enough after the rewrite.
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', reads: 3 }] }], {
      acceptToken: (presented) => {
        if (++seen === 4) writeFileSync(path, second);
        return current(presented);
      },
    });
    const run = await act(inputs(server.url), { FELDERA_OIDC_TOKEN_FILE: path }, () => [first, second]);
    expect(run.code).toBe(0);
    expect(bearers(server.requests)).toEqual([`Bearer ${first}`, `Bearer ${second}`]);
    expect(server.refused).toBe(0);
    const masks = run.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'));
    expect(masks).toEqual([`::add-mask::${first}`, `::add-mask::${second}`]);
    const credential = `OIDC token file (issuer ${ISSUER}, subject ${SUBJECT}, audience ${AUDIENCE})`;
    expect(run.summary).toContain(`<sub>Credential: ${credential}`);
    expect(run.stdout).toContain(`::debug::Credential: ${credential}`);
  });

  it('reads the file again after a 401 and tries that request once more', async () => {
    const [stale, fresh] = [token('stale'), token('fresh')];
    const path = tokenFile(stale);
    const current = currentFor(AUDIENCE);
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', ms: 40 }] }], {
      acceptToken: (presented) => {
        if (presented !== stale) return current(presented);
        writeFileSync(path, fresh);
        return 'JWT verification failed: ExpiredSignature';
      },
    });
    const run = await act(inputs(server.url), { FELDERA_OIDC_TOKEN_FILE: path }, () => [stale, fresh]);
    expect(run.code).toBe(0);
    // The first request, the status read that decides the start, is tried again with the new token.
    expect(
      server
        .calls('status')
        .slice(0, 2)
        .map((request) => request.authorization),
    ).toEqual([`Bearer ${stale}`, `Bearer ${fresh}`]);
  });

  it('fails a token Feldera refuses twice, quoting its reason and naming the claims, never the token', async () => {
    const refused = token('refused');
    const server = await fake([{ name: 'p' }], { acceptToken: () => 'No OIDC trust relationship matches this token' });
    const run = await act(inputs(server.url), { FELDERA_OIDC_TOKEN_FILE: tokenFile(refused) }, () => [refused]);
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('AuthenticationFailed');
    expect(server.calls('status')).toHaveLength(2);
    const message = errorAnnotation(run).message;
    expect(message).toContain(
      'failed: 401, Feldera refused the token: "No OIDC trust relationship matches this token"',
    );
    expect(message).toContain(
      `Hint: Feldera refused the ID token of FELDERA_OIDC_TOKEN_FILE with issuer ${ISSUER}, subject ${SUBJECT}, audience ${AUDIENCE}`,
    );
  });

  it.each([
    ['missing', undefined, 'does not exist'],
    ['empty', ' \n', 'is empty'],
  ])(
    'fails with OidcTokenUnavailable before any request when the file is %s, naming the variable and the path',
    async (_name, content, what) => {
      const path = tokenFile(content);
      const server = await fake([{ name: 'p' }]);
      const run = await act(inputs(server.url), { FELDERA_OIDC_TOKEN_FILE: path });
      expect(run.code).toBe(1);
      expect(run.outputs['error-code']).toBe('OidcTokenUnavailable');
      expect(server.requests).toEqual([]);
      expect(errorAnnotation(run).message).toContain(`FELDERA_OIDC_TOKEN_FILE is ${path}, which ${what}.`);
    },
  );

  it('refuses FELDERA_API_KEY beside it before any request, and lets an explicit api-key win', async () => {
    const path = tokenFile(token('unused'));
    const server = await fake([{ name: 'p', phases: [{ status: 'Provisioning', ms: 40 }] }]);
    const both = { FELDERA_OIDC_TOKEN_FILE: path, FELDERA_API_KEY: KEY };
    const refused = await act(inputs(server.url), both);
    expect(refused.outputs['error-code']).toBe('InvalidInput');
    expect(errorAnnotation(refused).message).toContain(
      'FELDERA_OIDC_TOKEN_FILE and FELDERA_API_KEY are both set in the environment',
    );
    expect(server.requests).toEqual([]);
    const chosen = await act(inputs(server.url, { 'api-key': KEY }), both);
    expect(chosen.code).toBe(0);
    expect(bearers(server.requests)).toEqual([`Bearer ${KEY}`]);
  });
});
