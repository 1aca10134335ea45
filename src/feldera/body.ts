import type { fetch } from 'undici';
import { BoundedJson, NotJson, type JsonOptions } from './bounded-json.ts';

type Response = Awaited<ReturnType<typeof fetch>>;

/** What is kept of a body that is not JSON, for an excerpt of its first characters. */
const EXCERPT_BYTES = 16 << 10;

/** A body: its value, read within the parser's limits (undefined when it is not JSON), and its first characters for an excerpt. */
export interface Body {
  json: unknown;
  head: string;
}

/**
 * Reads the whole body, however long, keeping a bounded copy of its value; only the request's
 * timeout ends a body that never ends. A body that is not JSON is read no further than its head.
 */
export async function readJson(response: Response, options: JsonOptions): Promise<Body> {
  const parser = new BoundedJson(options);
  const head = new Head(EXCERPT_BYTES);
  let json = true;
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    head.add(chunk);
    if (json) json = written(parser, chunk);
    // Leaving the loop cancels the stream.
    if (!json && head.full()) break;
  }
  return { json: json ? ended(parser) : undefined, head: head.text(options.secrets ?? []) };
}

/** The body's first characters (an error page, say), the rest not read. */
export async function readExcerpt(response: Response, secrets: readonly string[]): Promise<string> {
  const head = new Head(EXCERPT_BYTES);
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    head.add(chunk);
    if (head.full()) break;
  }
  return head.text(secrets);
}

function written(parser: BoundedJson, chunk: Uint8Array): boolean {
  try {
    parser.write(chunk);
    return true;
  } catch (error) {
    if (error instanceof NotJson) return false;
    throw error;
  }
}

function ended(parser: BoundedJson): unknown {
  try {
    return parser.end();
  } catch (error) {
    if (error instanceof NotJson) return undefined;
    throw error;
  }
}

/** The first bytes of a body. */
class Head {
  private readonly chunks: Uint8Array[] = [];
  private bytes = 0;
  private cut = false;
  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  add(chunk: Uint8Array): void {
    const room = this.maxBytes - this.bytes;
    if (chunk.byteLength > room) this.cut = true;
    if (room <= 0) return;
    const kept = chunk.subarray(0, room);
    this.chunks.push(kept);
    this.bytes += kept.byteLength;
  }

  full(): boolean {
    return this.bytes >= this.maxBytes;
  }

  /** A secret cut off at the end would not be redacted: as many characters go as the longest has. */
  text(secrets: readonly string[]): string {
    const text = new TextDecoder().decode(Buffer.concat(this.chunks));
    if (!this.cut && !this.full()) return text;
    return text.slice(0, Math.max(0, text.length - Math.max(1, ...secrets.map((secret) => secret.length))));
  }
}
