import { serverText } from '../text/text.ts';
import { ownBudget } from './abortable.ts';
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
    signal: ownBudget(PLATFORM_READ_MS, http.signal),
    requestTimeoutMs: Math.min(http.requestTimeoutMs, PLATFORM_READ_MS),
    credentials: { ...http.credentials, renew: async () => false },
  };
  try {
    const body = (await request(options, 'GET', 'v0/config', { windowMs: PLATFORM_READ_MS })) as Record<
      string,
      unknown
    > | null;
    const secrets = http.credentials.secrets();
    if (typeof body?.edition !== 'string' || typeof body.version !== 'string') return undefined;
    return { edition: serverText(body.edition, secrets, 40), version: serverText(body.version, secrets, 40) };
  } catch {
    return undefined;
  }
}

/** The Feldera versions this action is tested with (README, Feldera versions tested). */
const TESTED_VERSIONS = { oldest: '0.300.0', newest: '0.375.0' } as const;

/** `0.337.0, Enterprise (tested: 0.300.0 to 0.375.0)`: which Feldera answered, and whether it is among the versions tested. */
export function describePlatform(platform: Platform): string {
  const range = `${TESTED_VERSIONS.oldest} to ${TESTED_VERSIONS.newest}`;
  const tested =
    compareVersions(platform.version, TESTED_VERSIONS.oldest) >= 0 &&
    compareVersions(platform.version, TESTED_VERSIONS.newest) <= 0;
  return `${platform.version}, ${platform.edition} (${tested ? `tested: ${range}` : `not tested: this action is tested with ${range}`})`;
}

/** Release numbers compared part by part; a part that is not a number (`0.380.0+enterprise`'s suffix) ends the comparison. */
function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split(/[.+-]/).slice(0, 3).map(Number);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (Number.isNaN(difference)) return NaN;
    if (difference !== 0) return difference;
  }
  return 0;
}
