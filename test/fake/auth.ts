// The refusals of the manager's auth layer (auth.rs): an API key, a JWT, or no header.
import type { FakeState, Send } from './pipeline.ts';
import type { FakeRequest } from './types.ts';

const NO_TRUST = 'No OIDC trust relationship matches this token';

/** Whether the auth layer refused the request, answering it (auth.rs). */
export function refusal(fake: FakeState, request: FakeRequest, send: Send): boolean {
  const { apiKey, acceptToken } = fake.options;
  // Without an auth provider, the manager ignores the header.
  if (apiKey === undefined && !acceptToken) return false;
  const token = /^Bearer (.+)$/.exec(request.authorization ?? '')?.[1];
  let verdict: boolean | string;
  if (token === undefined) verdict = false;
  else if (token.startsWith('apikey:')) verdict = token === apiKey;
  else verdict = acceptToken?.(token) ?? (issuerOf(token) ? NO_TRUST : 'Malformed JWT: missing iss claim');
  if (verdict === true) return false;
  fake.refused++;
  if (token?.startsWith('apikey:')) {
    // Feldera's body for a bad key, which actix sends as text/plain.
    send(401, { message: 'Unauthorized API key', error_code: 'AuthenticationFailed' }, { contentType: 'text/plain' });
  } else {
    // actix-web-httpauth's refusal: no body, the reason in the challenge (none for a missing header).
    const challenge =
      token === undefined ? 'Bearer' : `Bearer error_description="${typeof verdict === 'string' ? verdict : NO_TRUST}"`;
    send(401, '', { raw: true, contentType: 'text/plain', headers: { 'www-authenticate': challenge } });
  }
  return true;
}

function issuerOf(token: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      iss?: unknown;
    };
    return typeof claims.iss === 'string' ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}
