import type { Credentials } from './feldera/credentials.ts';

/** The claims of a GitHub ID token that say who it is for, and until when. */
export interface TokenClaims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  /** Seconds since the epoch. */
  exp?: number;
}

/** No ID token could be had from the runner: the job lacks `id-token: write`, or the endpoint failed. */
export class OidcTokenUnavailable extends Error {
  readonly code = 'OidcTokenUnavailable';
}

export interface OidcCredentials extends Credentials {
  /** The current token's claims, for messages that must never show the token itself. */
  claims: () => TokenClaims | undefined;
}

/** A token closer than this to its `exp` is renewed before it is sent: a request takes time too. */
const RENEW_MARGIN_MS = 60_000;

/**
 * Bearer tokens from GitHub's OIDC provider, renewed before they expire (a bootstrap can outlast
 * one) and when Feldera refuses one.
 */
export function oidcCredentials(audience: string, getIdToken: (audience: string) => Promise<string>): OidcCredentials {
  const issued: string[] = [];
  let current: { token: string; claims: TokenClaims } | undefined;
  const renew = async () => {
    let token: string;
    try {
      token = await getIdToken(audience);
    } catch (error) {
      throw new OidcTokenUnavailable(`Could not get an ID token for audience ${audience} from the runner: ${error instanceof Error ? error.message : String(error)}`);
    }
    issued.push(token);
    current = { token, claims: claimsOf(token) };
    return true;
  };
  return {
    token: async () => {
      const exp = current?.claims.exp;
      if (!current || (exp !== undefined && exp * 1000 - Date.now() < RENEW_MARGIN_MS)) await renew();
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
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    return {
      iss: typeof payload.iss === 'string' ? payload.iss : undefined,
      sub: typeof payload.sub === 'string' ? payload.sub : undefined,
      aud: typeof payload.aud === 'string' || Array.isArray(payload.aud) ? (payload.aud as string | string[]) : undefined,
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
