// The client's HTTP options for a test against a server on 127.0.0.1: no credential, a 5 s request timeout.
import { Agent } from 'undici';
import { NO_CREDENTIALS } from '../src/feldera/credentials.ts';
import type { HttpOptions } from '../src/feldera/http.ts';

export function httpOptions(url: string, extra: Partial<HttpOptions> = {}): HttpOptions {
  return {
    baseUrl: new URL(url),
    credentials: NO_CREDENTIALS,
    tenant: undefined,
    requestTimeoutMs: 5000,
    signal: new AbortController().signal,
    dispatcher: new Agent(),
    debug: () => undefined,
    ...extra,
  };
}
