// The tokens of bounded-json.ts that may run across chunks, read byte by byte: a string, kept up to
// a limit and cut with its size, and a number, checked against JSON's grammar.

/** The bytes are not JSON (or nest deeper than `maxDepth`). */
export class NotJson extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotJson';
  }
}

const ESCAPES: Record<number, string> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

// Where a string's next byte is: plain text, after a backslash, among the four hex digits of `\u`.
const PLAIN = 0;
const ESCAPE = 1;
const UNICODE = 2;

/** One string, a value or a key, read from the byte after its opening quote to its closing quote. */
export class StringToken {
  private readonly decoder = new TextDecoder();
  private readonly secrets: readonly string[];
  /** A cut never splits a secret: this much beyond it is decoded, to see one crossing it. */
  private readonly margin: number;
  /** Its closing quote is read. */
  ended = false;
  /** Whether its text is kept at all. */
  kept = false;
  private at = PLAIN;
  private collecting = false;
  private overflow = false;
  private parts: string[] = [];
  private chars = 0;
  private keepChars = 0;
  /** Its size in the body, escapes included. */
  private bytes = 0;
  private unicode = 0;
  private hexDigits = 0;

  constructor(secrets: readonly string[]) {
    this.secrets = secrets;
    this.margin = Math.max(0, ...secrets.map((secret) => secret.length));
  }

  /** A new string, of which `keepChars` characters are kept when `kept`. */
  begin(kept: boolean, keepChars: number): void {
    this.ended = false;
    this.kept = kept;
    this.at = PLAIN;
    this.collecting = kept;
    this.overflow = false;
    if (kept) this.parts = [];
    this.chars = 0;
    this.bytes = 0;
    this.keepChars = keepChars;
  }

  /** Reads the string's bytes from `from` to its closing quote (then `ended`) or the chunk's end; returns where it stopped. */
  read(chunk: Uint8Array, from: number): number {
    const n = chunk.length;
    let i = from;
    while (i < n && !this.ended) {
      if (this.at === PLAIN) i = this.run(chunk, i);
      else if (this.at === ESCAPE) this.escape(chunk[i++] as number);
      else this.hexDigit(chunk[i++] as number);
    }
    return i;
  }

  /** The text kept, cut when longer than its limit; empty when not kept. */
  text(): string {
    if (!this.kept) return '';
    if (this.collecting) this.parts.push(this.decoder.decode());
    const text = this.cut(this.parts.join(''));
    this.parts = [];
    return text;
  }

  /** Reads plain bytes up to the string's end, an escape or the chunk's end. */
  private run(chunk: Uint8Array, from: number): number {
    const n = chunk.length;
    let i = from;
    for (; i < n; i++) {
      const byte = chunk[i] as number;
      if (byte === 0x22 || byte === 0x5c || byte < 0x20) break;
    }
    this.bytes += i - from;
    if (this.collecting && i > from) this.collect(chunk, from, i);
    if (i === n) return n;
    const byte = chunk[i] as number;
    if (byte === 0x22) {
      this.ended = true;
      return i + 1;
    }
    if (byte === 0x5c) {
      this.bytes++;
      this.at = ESCAPE;
      return i + 1;
    }
    throw new NotJson('a control character inside a string');
  }

  /** Decodes what is kept of a string, up to its limit and a margin that shows a secret crossing the cut. */
  private collect(chunk: Uint8Array, from: number, to: number): void {
    let at = from;
    while (at < to) {
      const room = this.keepChars + this.margin - this.chars;
      if (room <= 0) return this.stopCollecting();
      // A character takes one byte or more: `room` bytes never give more than `room` characters.
      const end = Math.min(to, at + room);
      const text = this.decoder.decode(chunk.subarray(at, end), { stream: true });
      this.parts.push(text);
      this.chars += text.length;
      at = end;
    }
  }

  private stopCollecting(): void {
    this.collecting = false;
    this.overflow = true;
    // A character split at the stop is beyond the cut: forget it.
    this.decoder.decode();
  }

  private escape(byte: number): void {
    this.bytes++;
    if (byte === 0x75) {
      this.unicode = 0;
      this.hexDigits = 0;
      this.at = UNICODE;
      return;
    }
    const char = ESCAPES[byte];
    if (char === undefined) throw new NotJson(`an unknown escape \\${String.fromCharCode(byte)}`);
    this.keepChar(char);
    this.at = PLAIN;
  }

  private hexDigit(byte: number): void {
    this.bytes++;
    const digit =
      byte >= 0x30 && byte <= 0x39
        ? byte - 0x30
        : byte >= 0x61 && byte <= 0x66
          ? byte - 0x57
          : byte >= 0x41 && byte <= 0x46
            ? byte - 0x37
            : -1;
    if (digit < 0) throw new NotJson('a \\u escape without four hex digits');
    this.unicode = this.unicode * 16 + digit;
    if (++this.hexDigits < 4) return;
    // Each escape is one UTF-16 unit; a surrogate pair's two escapes join in the text, as in JSON.parse.
    this.keepChar(String.fromCharCode(this.unicode));
    this.at = PLAIN;
  }

  private keepChar(char: string): void {
    if (!this.collecting) return;
    if (this.chars >= this.keepChars + this.margin) return this.stopCollecting();
    // What the decoder holds of a broken character comes before the escape, as in the body.
    const pending = this.decoder.decode();
    if (pending) this.parts.push(pending);
    this.parts.push(char);
    this.chars += pending.length + 1;
  }

  /** The kept text, cut at `keepChars` if longer, never inside a secret or a surrogate pair. */
  private cut(text: string): string {
    if (!this.overflow && text.length <= this.keepChars) return text;
    let end = Math.min(this.keepChars, text.length);
    for (let moved = true; moved;) {
      moved = false;
      for (const secret of this.secrets) {
        const at = text.indexOf(secret, Math.max(0, end - secret.length + 1));
        if (at !== -1 && at < end) {
          end = at;
          moved = true;
        }
      }
    }
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    return `${text.slice(0, end)}…[cut: ${formatSize(this.bytes)}]`;
  }
}

// Where a number is in JSON's grammar; the last four may end it.
const N_MINUS = 0;
const N_DOT = 1;
const N_E = 2;
const N_E_SIGN = 3;
const N_ZERO = 4;
const N_INT = 5;
const N_FRAC = 6;
const N_EXP = 7;

/** A number longer than this (none of Feldera's) is read as null rather than kept. */
const MAX_NUMBER = 1024;

/** One number, read from its first byte to the first byte that is not of it. */
export class NumberToken {
  /** Whether its value is kept. */
  kept = false;
  private state = N_MINUS;
  private text = '';
  private length = 0;

  /** A new number, whose text is kept when `kept`. */
  begin(kept: boolean): void {
    this.kept = kept;
    this.text = '';
    this.length = 0;
    this.state = N_MINUS;
  }

  /** Reads the number's bytes from `from`, checking JSON's grammar; returns where it stopped: the chunk's end, or the byte that ends it. */
  read(chunk: Uint8Array, from: number): number {
    const n = chunk.length;
    let i = from;
    let state = this.state;
    for (; i < n; i++) {
      const byte = chunk[i] as number;
      const digit = byte >= 0x30 && byte <= 0x39;
      if (digit) {
        if (state === N_MINUS) state = byte === 0x30 ? N_ZERO : N_INT;
        else if (state === N_DOT) state = N_FRAC;
        else if (state === N_E || state === N_E_SIGN) state = N_EXP;
        else if (state === N_ZERO) break;
        continue;
      }
      if (byte === 0x2e && (state === N_ZERO || state === N_INT)) state = N_DOT;
      else if ((byte === 0x65 || byte === 0x45) && (state === N_ZERO || state === N_INT || state === N_FRAC))
        state = N_E;
      else if ((byte === 0x2b || byte === 0x2d) && state === N_E) state = N_E_SIGN;
      else if (byte === 0x2d && state === N_MINUS && this.length === 0 && i === from) continue;
      else break;
    }
    this.state = state;
    if (this.kept && this.length + (i - from) <= MAX_NUMBER)
      this.text += String.fromCharCode(...chunk.subarray(from, i));
    this.length += i - from;
    return i;
  }

  /** Its value once it has ended: null when too long to keep; throws `NotJson` when it ended too soon (`-`, `1.`, `1e`). */
  value(): number | null {
    if (this.state < N_ZERO) throw new NotJson('a number cut short');
    return this.length <= MAX_NUMBER ? Number(this.text) : null;
  }
}

/** `'x'`, or `byte 0x0a`: a byte as a message shows it. */
export function show(byte: number): string {
  return byte >= 0x21 && byte <= 0x7e
    ? `'${String.fromCharCode(byte)}'`
    : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

/** `3.0 MB`: the size of what was cut, in the body's bytes. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  return `${value.toFixed(1)} ${unit}`;
}
