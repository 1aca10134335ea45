import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { fetch } from 'undici';
import { formatDuration, messageOf, serverText } from '../text/text.ts';
import { ownBudget } from './abortable.ts';
import { readExcerpt } from './body.ts';
import { isErrorResponse } from './errors.ts';
import { requestHeaders, type HttpOptions } from './http.ts';

/** How much of a bundle to take: it is streamed to a file, never held in memory. */
export interface BundleLimits {
  maxBytes: number;
  /** The whole download, from the request to the last byte: Feldera collects the parts before it answers. */
  totalMs: number;
}

/** Why no bundle was written: said in a warning, never a failure of the step. */
export class BundleProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleProblem';
  }
}

/** A ZIP starts with a local file header, or an end of central directory when it is empty. */
const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/**
 * Streams `GET /support_bundle` into `file` and returns its size. Throws a `BundleProblem` that says
 * why when the answer is an error, not a ZIP, too large, too slow or broken; a cancel (`options.signal`) as it is.
 */
export async function downloadSupportBundle(
  options: HttpOptions,
  path: string,
  file: string,
  limits: BundleLimits,
): Promise<number> {
  const url = new URL(path, options.baseUrl);
  const signal = ownBudget(limits.totalMs, options.signal);
  const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  let bytes = 0;
  const failed = (error: unknown): never => {
    if (options.signal.aborted) throw options.signal.reason;
    if (error instanceof BundleProblem) throw error;
    // Not the caller's end: the bundle's own budget.
    if (signal.aborted)
      throw new BundleProblem(
        `GET ${url.href} took longer than ${formatDuration(limits.totalMs)} (${megabytes(bytes)} read)`,
      );
    const cause = error instanceof Error && error.cause ? error.cause : error;
    throw new BundleProblem(
      `GET ${url.href} broke after ${megabytes(bytes)}: ${serverText(messageOf(cause), [], 300)}`,
    );
  };
  const response = await fetch(url, {
    headers: await requestHeaders(options, 'application/zip', signal),
    dispatcher: options.dispatcher,
    signal,
    redirect: 'manual',
  }).catch(failed);
  const secrets = options.credentials.secrets();
  if (response.status !== 200 || !response.body) {
    const text = await readExcerpt(response, secrets).catch(() => '');
    throw new BundleProblem(refusal(`GET ${url.href}`, response.status, text, secrets));
  }
  options.debug(`GET ${url.href} → 200, streaming to ${file}`);
  const length = Number(response.headers.get('content-length') ?? NaN);
  if (length > limits.maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw new BundleProblem(`the bundle is ${megabytes(length)}, over the limit of ${megabytes(limits.maxBytes)}`);
  }
  const counted = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      if (bytes === 0 && !ZIP_MAGIC.some((magic) => chunk.subarray(0, 4).equals(magic))) {
        throw new BundleProblem(
          `GET ${url.href} answered 200 with something that is not a ZIP: ${serverText(chunk.subarray(0, 200).toString('utf8'), secrets, 200)}`,
        );
      }
      bytes += chunk.byteLength;
      if (bytes > limits.maxBytes)
        throw new BundleProblem(`the bundle passed the limit of ${megabytes(limits.maxBytes)}`);
      yield chunk;
    }
  };
  await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), counted, createWriteStream(file), {
    signal,
  }).catch(failed);
  if (bytes === 0) throw new BundleProblem(`GET ${url.href} answered 200 with an empty body`);
  return bytes;
}

/** An answer other than the bundle: Feldera's error, or a bare 404 from a Feldera without the route. */
function refusal(request: string, status: number, text: string, secrets: readonly string[]): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isErrorResponse(body))
    return `${request} failed: ${status} ${serverText(body.error_code, secrets, 100)}: ${serverText(body.message, secrets)}`;
  if (status === 404 && !text.trim())
    return `${request} answered 404 with an empty body: this Feldera is older than the support bundle`;
  return `${request} failed: ${status} ${serverText(text, secrets, 200) || '(empty body)'}`;
}
