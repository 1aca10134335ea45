import { serverText } from '../log/text.ts';
import { request, type HttpOptions } from './http.ts';

/** Which Feldera answered (`GET /v0/config`): its `edition`, `Open source` or `Enterprise`, and `version`. */
export interface Platform {
  edition: string;
  version: string;
}

/** The read must never hold the step: it gets this long, and the run's end ends it sooner. */
const PLATFORM_READ_MS = 5000;

/**
 * Reads `/v0/config` beside the start, for the report. Older servers, proxies and every failure
 * give `undefined`, silently. It never renews the credential: the start's requests do that.
 */
export async function readPlatform(http: HttpOptions): Promise<Platform | undefined> {
  const options: HttpOptions = {
    ...http,
    signal: AbortSignal.any([http.signal, AbortSignal.timeout(PLATFORM_READ_MS)]),
    requestTimeoutMs: Math.min(http.requestTimeoutMs, PLATFORM_READ_MS),
    credentials: { ...http.credentials, renew: async () => false },
  };
  try {
    const body = (await request(options, 'GET', 'v0/config', { windowMs: PLATFORM_READ_MS })) as Record<string, unknown> | null;
    const secrets = http.credentials.secrets();
    if (typeof body?.edition !== 'string' || typeof body.version !== 'string') return undefined;
    return { edition: serverText(body.edition, secrets, 40), version: serverText(body.version, secrets, 40) };
  } catch {
    return undefined;
  }
}

/** `0.337.0, Enterprise`. */
export function describePlatform(platform: Platform): string {
  return `${platform.version}, ${platform.edition}`;
}
