import { fetch, type Dispatcher } from 'undici';
import { serverText, formatDuration } from '../text/text.ts';
import { ownBudget, sleep } from './abortable.ts';
import { readJson, type Body } from './body.ts';
import type { JsonLimits } from './bounded-json.ts';
import { CredentialError, type Credentials } from './credentials.ts';
import { FelderaError, TransientError, hintOf, isErrorResponse } from './errors.ts';

export interface HttpOptions {
  /** The API's base URL, ending with `/` so that a path prefix (`/feldera/`) is kept. */
  baseUrl: URL;
  credentials: Credentials;
  /** Sent as `Feldera-Tenant` on every request, when set. */
  tenant: string | undefined;
  requestTimeoutMs: number;
  /** Aborted when the run ends (budget spent or cancelled); its reason is thrown as it is. */
  signal: AbortSignal;
  dispatcher: Dispatcher;
  debug: (line: string) => void;
}

export interface RetryPolicy {
  /** How long transient failures are retried, from the first attempt; `Infinity`: until the run ends. */
  windowMs: number;
  /** Called before each wait for another attempt. */
  onRetry?: (failure: TransientError, delayMs: number, attempt: number) => void;
  /** Called when a request succeeds after failed attempts. */
  onRecovered?: (attempts: number, elapsedMs: number) => void;
}

const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);
const BACKOFF_BASE_MS = 1000;
const BACKOFF_CAP_MS = 30_000;
/** fda's longest wait between attempts: a server's Retry-After is obeyed up to this. */
const RETRY_AFTER_CAP_MS = 60_000;
const MIN_ATTEMPT_MS = 1000;

/**
 * One JSON request to the pipeline manager, retried by error class inside its window. The answer is
 * read whatever its size, with its long strings cut (bounded-json.ts); `keepItem` keeps only some
 * items of an answer that is a list; `json` is sent as the request's body.
 */
export async function request(
  options: HttpOptions,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  retry: RetryPolicy,
  extra: RequestExtra = {},
): Promise<unknown> {
  const url = new URL(path, options.baseUrl);
  const started = performance.now();
  let renewed = false;
  for (let attempt = 1; ; attempt++) {
    // An attempt outlasts the window by a second at most: a host that never answers fails within it too.
    const windowLeftMs = retry.windowMs - (performance.now() - started);
    const timeoutMs = Math.ceil(Math.min(options.requestTimeoutMs, Math.max(MIN_ATTEMPT_MS, windowLeftMs)));
    const result = await attemptOnce(options, method, url, timeoutMs, extra);
    const elapsedMs = performance.now() - started;
    if ('body' in result) {
      if (attempt > 1) retry.onRecovered?.(attempt, elapsedMs);
      return result.body;
    }
    if ('failure' in result) {
      // A token that expired or was refused: one new token, one more try.
      if (result.failure.status === 401 && !renewed && (await options.credentials.renew(options.signal))) {
        renewed = true;
        continue;
      }
      throw result.failure;
    }
    const failure = result.transient;
    const leftMs = retry.windowMs - elapsedMs;
    if (leftMs <= 0) {
      throw new FelderaError(
        'gave-up',
        failure.code ?? 'Unreachable',
        `${method} ${url.href} failed ${attempt === 1 ? 'once' : `${attempt} times`} in ${formatDuration(elapsedMs)}; the last: ${failure.message}`,
      );
    }
    // Full jitter keeps many runners from retrying in step. A Retry-After makes the wait longer, never
    // shorter: `Retry-After: 0` on every answer must not turn the retries into a busy loop.
    const backoffMs = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    const delayMs = Math.min(Math.max(failure.retryAfterMs ?? 0, backoffMs), leftMs);
    retry.onRetry?.(failure, delayMs, attempt);
    await sleep(delayMs, options.signal);
  }
}

export interface RequestExtra {
  keepItem?: (item: unknown) => boolean;
  json?: unknown;
  /** Other limits than the reader's own: a pipeline's program must come whole or not at all. */
  limits?: JsonLimits;
}

type Attempt = { body: unknown } | { transient: TransientError } | { failure: FelderaError };

async function attemptOnce(
  options: HttpOptions,
  method: string,
  url: URL,
  timeoutMs: number,
  { keepItem, json, limits }: RequestExtra,
): Promise<Attempt> {
  // undici's dispatcher timeouts bound each phase, not the whole request: a signal does.
  const signal = ownBudget(timeoutMs, options.signal);
  const sentAt = performance.now();
  let secrets: string[];
  let read: Body;
  let response: Awaited<ReturnType<typeof fetch>>;
  try {
    const headers = await requestHeaders(options, 'application/json', signal);
    if (json !== undefined) headers['content-type'] = 'application/json';
    // Every token given out so far, the one just sent included.
    secrets = options.credentials.secrets();
    response = await fetch(url, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
      dispatcher: options.dispatcher,
      signal,
      // A redirect would carry the key to wherever it points: refuse it and say where it pointed.
      redirect: 'manual',
    });
    // A body that never ends ends with the request's timeout.
    read = await readJson(response, { secrets, keepItem, ...(limits ? { limits } : {}) });
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    // Not the run's end: the attempt's own time limit.
    if (signal.aborted)
      return { transient: new TransientError(`no complete answer within ${formatDuration(timeoutMs)}`) };
    if (error instanceof CredentialError) {
      if (error.transient) return { transient: new TransientError(error.message) };
      throw error;
    }
    const cause = rootCause(error);
    // A refused certificate does not heal by itself: say so now rather than after the retry window.
    if (CERTIFICATE_ERROR.test(String((cause as { code?: unknown }).code))) {
      const message = `${method} ${url.href} failed: the server's certificate was refused (${describeCause(cause)}).`;
      return { failure: new FelderaError('certificate', 'Unreachable', message) };
    }
    return { transient: new TransientError(describeCause(cause)) };
  }
  options.debug(`${method} ${url.href} → ${response.status} in ${Math.round(performance.now() - sentAt)}ms`);
  return answerOf(method, url, response, read, secrets);
}

/** What an answer that came whole means: its JSON, a transient failure to retry, or a final one. */
function answerOf(
  method: string,
  url: URL,
  response: Awaited<ReturnType<typeof fetch>>,
  read: Body,
  secrets: string[],
): Attempt {
  const status = response.status;
  const body = read.json;
  const retryAfter = retryAfterMs(response.headers.get('retry-after'));

  if (status >= 200 && status < 300) {
    if (body !== undefined) return { body };
    return {
      transient: new TransientError(
        `${status} with a body that is not JSON: ${serverText(read.head, secrets, 200) || '(empty)'}`,
      ),
    };
  }
  if (isErrorResponse(body)) {
    const code = serverText(body.error_code, secrets, 100);
    const described = `${method} ${url.href} failed: ${status} ${code}: ${serverText(body.message, secrets)}`;
    if (TRANSIENT_STATUSES.has(status)) return { transient: new TransientError(described, code, retryAfter) };
    const hint = hintOf(body);
    return {
      failure: new FelderaError('feldera', code, described, {
        status,
        hint: hint && serverText(hint, secrets),
        details: body.details,
      }),
    };
  }
  // Not Feldera's JSON: a proxy or load balancer answered, or a body was cut short.
  const excerpt = serverText(read.head, secrets, 200) || '(empty body)';
  if (status >= 500 || TRANSIENT_STATUSES.has(status)) {
    return {
      transient: new TransientError(
        `${status} from ${url.host}, not Feldera's JSON: ${excerpt}`,
        undefined,
        retryAfter,
      ),
    };
  }
  if (status >= 300 && status < 400) {
    const location = serverText(response.headers.get('location') ?? '(none)', secrets, 300);
    const message = `${method} ${url.href} was redirected (${status}) to ${location}; redirects are not followed.`;
    return { failure: new FelderaError('redirect', 'UnexpectedResponse', message, { status }) };
  }
  // A bare 401 is the auth layer's refusal of a token (auth.rs): why is in its challenge, if anywhere.
  const refused = status === 401 ? errorDescription(response.headers.get('www-authenticate')) : undefined;
  const message = refused
    ? `${method} ${url.href} failed: 401, Feldera refused the token: "${serverText(refused, secrets, 300)}"`
    : `${method} ${url.href} failed: ${status}, and the body is not Feldera's: ${excerpt}`;
  return {
    failure: new FelderaError('not-feldera', status === 401 ? 'AuthenticationFailed' : 'UnexpectedResponse', message, {
      status,
    }),
  };
}

/** The headers of every request: what is accepted, the bearer token, the tenant. */
export async function requestHeaders(
  options: HttpOptions,
  accept: string,
  signal: AbortSignal,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = { accept };
  const token = await options.credentials.token(signal);
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.tenant) headers['feldera-tenant'] = options.tenant;
  return headers;
}

/** `error_description` of a `WWW-Authenticate: Bearer …` challenge (RFC 6750), unquoted. */
export function errorDescription(challenge: string | null): string | undefined {
  const quoted = /\berror_description="((?:[^"\\]|\\.)*)"/.exec(challenge ?? '')?.[1];
  return quoted?.replace(/\\(.)/g, '$1');
}

/** `Retry-After` in seconds or as an HTTP date, up to a minute. */
export function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms));
}

const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/;

/** undici says `fetch failed`; the cause says why (ECONNREFUSED 127.0.0.1:9, ENOTFOUND, a reset). */
function rootCause(error: unknown): unknown {
  const cause: unknown = error instanceof Error && error.cause ? error.cause : error;
  return cause instanceof AggregateError && cause.errors.length > 0 ? cause.errors[0] : cause;
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as { code?: unknown }).code;
  const text = serverText(cause.message, [], 300);
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}
