import { fetch } from 'undici';
import { serverText } from '../text/text.ts';
import { ownBudget, endedBy, raceAbort } from './abortable.ts';
import { FelderaError } from './errors.ts';
import { readExcerpt } from './body.ts';
import { requestHeaders, type HttpOptions } from './http.ts';

/** `GET /logs` never ends while the pipeline exists: how much of it to read. */
export interface LogLimits {
  /** The whole read, first byte included. */
  totalMs: number;
  /** Once lines came, a pause this long means the buffered past is read. */
  idleMs: number;
  /** The tail kept. */
  maxLines: number;
  /** The most read, so that a chatty pipeline cannot hold the step. */
  maxBytes: number;
}

export interface LogTail {
  lines: string[];
  /** Lines were dropped from the front to keep the tail. */
  truncated: boolean;
}

/** Reads the pipeline's log stream within `limits` and returns its last lines, each neutralised. */
export async function readLogTail(options: HttpOptions, path: string, limits: LogLimits): Promise<LogTail> {
  const url = new URL(path, options.baseUrl);
  const stop = new AbortController();
  const signal = ownBudget(limits.totalMs, options.signal, stop.signal);
  // A time limit, the read's or the caller's, that cuts the read: what was read is the tail, maybe nothing.
  const timedOut = () => (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
  const response = await fetch(url, {
    headers: await requestHeaders(options, 'text/plain', signal),
    dispatcher: options.dispatcher,
    signal,
    redirect: 'manual',
  }).catch((error: unknown) => {
    if (timedOut()) return undefined;
    throw error;
  });
  if (!response) return { lines: [], truncated: false };
  const secrets = options.credentials.secrets();
  if (response.status !== 200 || !response.body) {
    const text = await readExcerpt(response, secrets).catch(() => '');
    const message = `GET ${url.href} failed: ${response.status} ${serverText(text, secrets, 200)}`;
    throw new FelderaError('not-feldera', 'UnexpectedResponse', message, { status: response.status });
  }
  const lines: string[] = [];
  let dropped = false;
  let partial = '';
  let bytes = 0;
  const keep = (line: string) => {
    lines.push(serverText(line, secrets, 1000));
    if (lines.length > limits.maxLines) {
      lines.shift();
      dropped = true;
    }
  };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const deadline = performance.now() + limits.totalMs;
  try {
    while (bytes < limits.maxBytes) {
      const leftMs = deadline - performance.now();
      const chunk = await readWithin(
        reader,
        Math.max(0, lines.length > 0 || partial ? Math.min(limits.idleMs, leftMs) : leftMs),
      );
      if (!chunk) break;
      bytes += chunk.byteLength;
      const complete = (partial + decoder.decode(chunk, { stream: true })).split('\n');
      partial = complete.pop() ?? '';
      complete.forEach(keep);
    }
  } catch (error) {
    if (!timedOut() && lines.length === 0 && !partial) throw options.signal.aborted ? options.signal.reason : error;
  } finally {
    stop.abort();
  }
  if (partial) keep(partial);
  return { lines, truncated: dropped };
}

/** The next chunk, or `undefined` at the end of the stream or after `ms` without one. */
async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
): Promise<Uint8Array | undefined> {
  const idle = ownBudget(ms);
  try {
    const result = await raceAbort(reader.read(), idle);
    return result.done ? undefined : result.value;
  } catch (error) {
    if (endedBy(idle, error)) return undefined;
    throw error;
  }
}
