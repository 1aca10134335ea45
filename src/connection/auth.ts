import { apiKeyCredentials, NO_CREDENTIALS, type Credentials } from '../feldera/credentials.ts';
import type { Config } from '../model/inputs.ts';
import { describeClaims, oidcCredentials } from './oidc.ts';
import { TOKEN_FILE_VARIABLE, tokenFileCredentials } from './oidc-token-file.ts';

/** The credential of a run, and how to speak of it without its value. */
export interface Auth {
  credentials: Credentials;
  /** `API key`, `OIDC token (issuer …, subject …, audience …)`, `OIDC token file (…)` or `none`: for the summary and debug log. */
  describe: () => string;
  /** What to check when Feldera refuses the credential twice. */
  refusalHint: () => string | undefined;
}

const PERMISSIONS_FOR_OIDC = 'permissions:\n  id-token: write\n  contents: read';

const TRUST =
  'these must match a trust relationship of the tenant (fda oidc-trust create), and a token that resolves to several tenants needs the tenant input.';

/** `onSecret` hears of every token read from a file, before it is sent. */
export function authFor(
  config: Config,
  env: Record<string, string | undefined>,
  getIdToken: (audience: string) => Promise<string>,
  onSecret: (secret: string) => void,
): Auth {
  if (config.oidcAudience) {
    // Checked at the first request, before anything is sent to Feldera.
    const fromRunner = (audience: string) =>
      env.ACTIONS_ID_TOKEN_REQUEST_URL
        ? getIdToken(audience)
        : Promise.reject(
            new Error(
              `the runner offers none (ACTIONS_ID_TOKEN_REQUEST_URL is not set). Give the job:\n${PERMISSIONS_FOR_OIDC}`,
            ),
          );
    const oidc = oidcCredentials(config.oidcAudience, fromRunner);
    return {
      credentials: oidc,
      describe: () => `OIDC token (${describeClaims(oidc.claims())})`,
      refusalHint: () => `Feldera refused the ID token with ${describeClaims(oidc.claims())}: ${TRUST}`,
    };
  }
  if (config.oidcTokenFile) {
    const file = tokenFileCredentials(config.oidcTokenFile, onSecret);
    return {
      credentials: file,
      describe: () => `OIDC token file (${describeClaims(file.claims())})`,
      refusalHint: () =>
        `Feldera refused the ID token of ${TOKEN_FILE_VARIABLE} with ${describeClaims(file.claims())}: ${TRUST} feldera/oidc-auth-action's audience input sets the audience.`,
    };
  }
  if (config.apiKey)
    return { credentials: apiKeyCredentials(config.apiKey), describe: () => 'API key', refusalHint: () => undefined };
  return { credentials: NO_CREDENTIALS, describe: () => 'none', refusalHint: () => undefined };
}
