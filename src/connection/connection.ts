import * as core from '@actions/core';
import { EnvHttpProxyAgent } from 'undici';
import { authFor, type Auth } from './auth.ts';
import type { HttpOptions } from '../feldera/http.ts';
import type { Config } from '../model/inputs.ts';

/** How the step talks to Feldera: the credential, the proxies, the options of every request. */
export interface Connection {
  auth: Auth;
  http: HttpOptions;
  /** Closes the sockets: left open, they would keep the process, and a cancelled run, alive. */
  close: () => Promise<void>;
}

/** The same for the main step and the post step, from the inputs and the environment. */
export function connect(
  config: Config,
  signal: AbortSignal,
  debug: (line: string) => void = (line) => core.debug(line),
): Connection {
  const auth = authFor(
    config,
    process.env,
    (audience) => core.getIDToken(audience),
    (secret) => core.setSecret(secret),
  );
  // The proxies of the environment, as inputs.ts read and checked them; a plain Agent when none is set.
  const dispatcher = new EnvHttpProxyAgent(config.proxy);
  return {
    auth,
    http: {
      baseUrl: config.apiUrl,
      credentials: auth.credentials,
      tenant: config.tenant,
      requestTimeoutMs: config.requestTimeoutMs,
      signal,
      dispatcher,
      debug,
    },
    close: () => dispatcher.destroy(closed()).catch(() => undefined),
  };
}

/** Node formats the stack of the error a socket is destroyed with: this one's is written, not formatted (ms, cold). */
function closed(): Error {
  const error = new Error('the step closed its connection to Feldera');
  error.stack = `Error: ${error.message}`;
  return error;
}
