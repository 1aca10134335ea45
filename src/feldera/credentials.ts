/**
 * Where the bearer token comes from: nowhere, a static API key, or a source that can renew it (an
 * OIDC ID token). The client asks before each request, and once more after a 401.
 */
export interface Credentials {
  /** The token for the next request; undefined: send no Authorization header. */
  token: () => Promise<string | undefined>;
  /** After a 401: a new token if this kind can get one (then the request is tried once more). */
  renew: () => Promise<boolean>;
  /** Every token given out so far, to blank out of server text. */
  secrets: () => string[];
}

export const NO_CREDENTIALS: Credentials = {
  token: async () => undefined,
  renew: async () => false,
  secrets: () => [],
};

export function apiKeyCredentials(apiKey: string): Credentials {
  return { token: async () => apiKey, renew: async () => false, secrets: () => [apiKey] };
}
