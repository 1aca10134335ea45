import { readFile } from 'node:fs/promises';
import { CredentialError } from '../feldera/credentials.ts';
import { claimsOf, type OidcCredentials, type TokenClaims } from './oidc.ts';

/** Where feldera/oidc-auth-action tells later steps its token file is. */
export const TOKEN_FILE_VARIABLE = 'FELDERA_OIDC_TOKEN_FILE';

/**
 * The ID token in the file feldera/oidc-auth-action keeps fresh for the whole job (it rewrites it
 * atomically on each refresh): read before every request, as that action asks of its clients, and
 * so again after a 401. `onToken` hears of each new token before it is sent, so that the runner
 * masks it.
 */
export function tokenFileCredentials(path: string, onToken: (token: string) => void): OidcCredentials {
  const read: string[] = [];
  let claims: TokenClaims | undefined;
  // Once a token was read, a file that fails is a blip worth retrying; before, nothing can authenticate.
  const unavailable = (what: string) =>
    new CredentialError(
      'OidcTokenUnavailable',
      `Could not read the OIDC token: ${TOKEN_FILE_VARIABLE} is ${path}, which ${what}. feldera/oidc-auth-action writes that file and keeps it fresh until the job ends: run it earlier in this job, or unset ${TOKEN_FILE_VARIABLE} and give api-key or oidc-audience.`,
      read.length > 0,
    );
  return {
    token: async (signal) => {
      let text: string;
      try {
        text = await readFile(path, { encoding: 'utf8', signal });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const code = (error as { code?: unknown }).code;
        throw unavailable(
          code === 'ENOENT'
            ? 'does not exist'
            : `cannot be read (${typeof code === 'string' ? code : 'unknown error'})`,
        );
      }
      const token = text.trim();
      if (!token) throw unavailable('is empty');
      if (!read.includes(token)) {
        onToken(token);
        read.push(token);
      }
      claims = claimsOf(token);
      return token;
    },
    // The refresher may have replaced a token Feldera refused: the next attempt reads the file again.
    renew: async () => true,
    secrets: () => [...read],
    claims: () => claims,
  };
}
