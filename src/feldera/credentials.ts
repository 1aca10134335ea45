/**
 * Where the bearer token comes from: nowhere, a static API key, or a source that can renew it (an
 * OIDC ID token). The client asks before each request, and once more after a 401.
 */
export interface Credentials {
  /** The token for the next request; undefined: send no Authorization header. Ends when `signal` does. */
  token: (signal: AbortSignal) => Promise<string | undefined>;
  /** After a 401: a new token if this kind can get one (then the request is tried once more). */
  renew: (signal: AbortSignal) => Promise<boolean>;
  /** Every token given out so far, to blank out of server text. */
  secrets: () => string[];
}

/**
 * No token could be had. `transient`: one was had before, so the source works and may again (a blip
 * of the runner's token service during a long wait); otherwise the step cannot authenticate at all.
 */
export class CredentialError extends Error {
  readonly code: string;
  readonly transient: boolean;

  constructor(code: string, message: string, transient: boolean) {
    super(message);
    this.name = 'CredentialError';
    this.code = code;
    this.transient = transient;
  }
}

export const NO_CREDENTIALS: Credentials = {
  token: async () => undefined,
  renew: async () => false,
  secrets: () => [],
};

export function apiKeyCredentials(apiKey: string): Credentials {
  return { token: async () => apiKey, renew: async () => false, secrets: () => [apiKey] };
}
