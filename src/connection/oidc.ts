import { raceAbort } from '../feldera/abortable.ts';
import { CredentialError, type Credentials } from '../feldera/credentials.ts';
import { messageOf } from '../text/text.ts';

/** The claims of a GitHub ID token that say who it is for, and until when. */
export interface TokenClaims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  /** Seconds since the epoch. */
  exp?: number;
}

export interface OidcCredentials extends Credentials {
  /** The current token's claims, for messages that must never show the token itself. */
  claims: () => TokenClaims | undefined;
}

/** A token is renewed this long before its `exp` (half its life when it is short): a request takes time too. */
const RENEW_MARGIN_MS = 60_000;

/**
 * Bearer tokens from GitHub's OIDC provider, renewed before they expire (a bootstrap can outlast
 * one) and when Feldera refuses one. `getIdToken` is the runner's token service.
 */
export function oidcCredentials(audience: string, getIdToken: (audience: string) => Promise<string>): OidcCredentials {
  const issued: string[] = [];
  let current: { token: string; claims: TokenClaims; renewAt: number } | undefined;
  let pending: Promise<void> | undefined;

  const fetchToken = async () => {
    let token: string;
    try {
      token = await getIdToken(audience);
    } catch (error) {
      const reason = messageOf(error);
      throw new CredentialError(
        'OidcTokenUnavailable',
        `Could not get an ID token for audience ${audience}: ${reason}`,
        issued.length > 0,
      );
    }
    issued.push(token);
    const claims = claimsOf(token);
    const lifetimeMs = claims.exp === undefined ? Infinity : claims.exp * 1000 - Date.now();
    current = { token, claims, renewAt: Date.now() + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 2) };
  };
  // One fetch at a time, however many requests ask; each waits no longer than its own signal.
  const renew = async (signal: AbortSignal) => {
    pending ??= fetchToken().finally(() => (pending = undefined));
    await raceAbort(pending, signal);
    return true;
  };
  return {
    token: async (signal) => {
      if (!current || Date.now() >= current.renewAt) await renew(signal);
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- renew() resolved, so fetchToken set it
      return current!.token;
    },
    renew,
    secrets: () => [...issued],
    claims: () => current?.claims,
  };
}

/** The payload of a JWT, unverified: Feldera checks the signature; the action only reads names and `exp`. */
export function claimsOf(jwt: string): TokenClaims {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    return {
      iss: typeof payload.iss === 'string' ? payload.iss : undefined,
      sub: typeof payload.sub === 'string' ? payload.sub : undefined,
      aud:
        typeof payload.aud === 'string' || Array.isArray(payload.aud) ? (payload.aud as string | string[]) : undefined,
      exp: typeof payload.exp === 'number' ? payload.exp : undefined,
    };
  } catch {
    return {};
  }
}

/** `issuer …, subject …, audience …`: what a trust relationship must match. */
export function describeClaims(claims: TokenClaims | undefined): string {
  const audience = Array.isArray(claims?.aud) ? claims.aud.join(', ') : claims?.aud;
  return `issuer ${claims?.iss ?? '(none)'}, subject ${claims?.sub ?? '(none)'}, audience ${audience ?? '(none)'}`;
}
