import type { ErrorResponse } from './types.ts';

/**
 * Why a request failed for good:
 * - `feldera`: Feldera's own error body, with its `error_code`;
 * - `gave-up`: transient failures that outlasted their retry window;
 * - `redirect`: a 3xx, never followed;
 * - `not-feldera`: an error status whose body is not Feldera's (a proxy's page, an empty 401);
 * - `certificate`: the server's TLS certificate was refused.
 */
export type FailureKind = 'feldera' | 'gave-up' | 'redirect' | 'not-feldera' | 'certificate';

/**
 * A request that failed for good. `message` reads well inside another sentence and names the
 * request; server text in it is already neutralised. `hint` is Feldera's `details.hint`; the
 * action adds its own hints, in its own words, where Feldera has none.
 */
export class FelderaError extends Error {
  readonly code: string;
  readonly kind: FailureKind;
  readonly status: number | undefined;
  readonly hint: string | undefined;
  /** Feldera's `details`, as it sent them (not neutralised): for the caller that reads a field of them. */
  readonly details: unknown;

  constructor(
    kind: FailureKind,
    code: string,
    message: string,
    options: { status?: number; hint?: string | undefined; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'FelderaError';
    this.kind = kind;
    this.code = code;
    this.status = options.status;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** A failure worth another attempt: a network error, a timeout, 408/429/502/503/504, a body that is not JSON. */
export class TransientError extends Error {
  /** Feldera's `error_code` when the body was Feldera's (a 503 `LockTookTooLong`, say). */
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, code?: string, retryAfterMs?: number) {
    super(message);
    this.name = 'TransientError';
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }
}

export function isErrorResponse(body: unknown): body is ErrorResponse {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ErrorResponse).message === 'string' &&
    typeof (body as ErrorResponse).error_code === 'string'
  );
}

/** `details.hint`, which Feldera sets on some errors (`IllegalPipelineAction`). */
export function hintOf(error: ErrorResponse): string | undefined {
  const details = error.details as { hint?: unknown } | null | undefined;
  return typeof details?.hint === 'string' ? details.hint : undefined;
}
