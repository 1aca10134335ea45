// LargeText: a string of many megabytes in an answer, streamed as the client reads it.
import type { ServerResponse } from 'node:http';

/**
 * A string of `bytes` bytes in the body: `head`, then lines of a stack trace, as a panic's message
 * and backtrace carry. The fake streams it while it writes the answer, at the pace the client reads,
 * so that an answer of 200 MB costs the fake no memory. Put one wherever an answer has a string.
 */
export class LargeText {
  readonly head: string;
  readonly bytes: number;

  constructor(head: string, bytes: number) {
    this.head = head;
    this.bytes = bytes;
  }

  /** The placeholder that `send` replaces by the text itself. */
  toJSON(): string {
    return `\u0000large:${this.bytes}:${encodeURIComponent(this.head)}\u0000`;
  }
}

/** A LargeText's placeholder, as JSON.stringify writes it. */
const LARGE_TEXT = /"\\u0000large:(\d+):([^"\\]*)\\u0000"/g;
/** What fills a LargeText after its head: a backtrace's lines, JSON-escaped. */
const BACKTRACE = Buffer.from(
  JSON.stringify(
    Array.from(
      { length: 400 },
      (_, i) =>
        `  ${i}: dbsp::circuit::runtime::Runtime::run::{{closure}}\n             at crates/dbsp/src/circuit/runtime.rs:${i}:9\n`,
    ).join(''),
  ).slice(1, -1),
);
/** Writes `text` with each LargeText's placeholder replaced by the text, as fast as the client reads. */
export async function streamLarge(response: ServerResponse, text: string): Promise<void> {
  let at = 0;
  for (const match of text.matchAll(LARGE_TEXT)) {
    const head = JSON.stringify(decodeURIComponent(match[2]!)).slice(0, -1);
    await written(response, `${text.slice(at, match.index)}${head}`);
    for (
      let left = Number(match[1]) - Buffer.byteLength(head) + 1;
      left > 0 && !response.destroyed;
      left -= BACKTRACE.length
    ) {
      // The last piece is spaces: a cut backtrace could end inside an escape.
      await written(response, left >= BACKTRACE.length ? BACKTRACE : ' '.repeat(left));
    }
    await written(response, '"');
    at = match.index + match[0].length;
  }
  response.end(text.slice(at));
}

/** Once the client has taken `data` (or gone). */
function written(response: ServerResponse, data: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (response.destroyed || response.write(data)) return resolve();
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
