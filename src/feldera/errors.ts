import type { ErrorResponse } from './types.ts';

/**
 * A request that failed for good: Feldera's own error (with its `error_code`), an answer that is not
 * Feldera's, or transient failures that outlasted their retry window. `message` reads well inside
 * another sentence and names the request; server text in it is already neutralised. The hint is
 * Feldera's `details.hint`, kept apart so that the action can add its own where Feldera has none.
 */
export class FelderaError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(code: string, message: string, hint?: string, details?: unknown) {
    super(message);
    this.name = 'FelderaError';
    this.code = code;
    this.hint = hint;
    this.details = details;
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
