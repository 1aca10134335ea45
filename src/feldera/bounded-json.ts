// A JSON parser that reads a body as it arrives and keeps a bounded copy of its value: however large
// the answer, what is kept stays under `maxKept` (long strings cut with a marker, arrays and objects
// shortened), while the rest is still parsed, so that a body that is not JSON is still told as such.

export interface JsonLimits {
  /** Characters a string keeps; a longer one is cut and ends with `…[cut: 3.0 MB]`, its size in the body. */
  maxString: number;
  /** Items an array keeps, members an object keeps; the others are skipped, and counted by `droppedItems`. */
  maxItems: number;
  /** Deeper nesting is not read: serde_json, Feldera's own parser, refuses more than 128 levels too. */
  maxDepth: number;
  /** What the kept values may take in all, roughly in bytes; past it, further values are skipped. */
  maxKept: number;
}

export const JSON_LIMITS: JsonLimits = { maxString: 64 << 10, maxItems: 10_000, maxDepth: 128, maxKept: 16 << 20 };

export interface JsonOptions {
  limits?: JsonLimits;
  /** A cut never splits one of these, so that redacting the kept text still finds each whole. */
  secrets?: readonly string[];
  /** Of a top-level array, the items to keep; the others take nothing of `maxKept` (a list of which a few items matter). */
  keepItem?: (item: unknown) => boolean;
}

/** The bytes are not JSON (or nest deeper than `maxDepth`). */
export class NotJson extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotJson';
  }
}

const dropped = new WeakMap<object, number>();

/** How many items (of an array) or members (of an object) the parser skipped: the value's true size is its own plus these. */
export function droppedItems(value: object): number {
  return dropped.get(value) ?? 0;
}

// What the parser expects next.
const START = 0;
const BOM = 1;
const VALUE = 2;
const ARRAY_FIRST = 3;
const OBJECT_FIRST = 4;
const KEY = 5;
const COLON = 6;
const AFTER = 7;
const STRING = 8;
const ESCAPE = 9;
const UNICODE = 10;
const NUMBER = 11;
const LITERAL = 12;
const DONE = 13;

// Where a number is in JSON's grammar; the last four may end it.
const N_MINUS = 0;
const N_DOT = 1;
const N_E = 2;
const N_E_SIGN = 3;
const N_ZERO = 4;
const N_INT = 5;
const N_FRAC = 6;
const N_EXP = 7;

/** What one kept value costs besides its text: enough to bound the objects and arrays built. */
const VALUE_COST = 16;
/** A number longer than this (none of Feldera's) is read as null rather than kept. */
const MAX_NUMBER = 1024;
const BOM_BYTES = [0xef, 0xbb, 0xbf];
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

interface Frame {
  /** The container being built; undefined when it is skipped. */
  value: unknown[] | Record<string, unknown> | undefined;
  array: boolean;
  /** The key of the member being read; undefined while its value is skipped. */
  key: string | undefined;
  kept: number;
  dropped: number;
}

export class BoundedJson {
  private readonly limits: JsonLimits;
  private readonly secrets: readonly string[];
  private readonly keepItem: ((item: unknown) => boolean) | undefined;
  private readonly margin: number;
  private readonly decoder = new TextDecoder();
  private readonly stack: Frame[] = [];
  private top: Frame | undefined;
  private state = START;
  private result: unknown;
  /** What the kept values take, and what it was when the current item of the top-level array began. */
  private kept = 0;
  private itemStart = 0;
  private bom = 0;

  // The string (value or key) being read.
  private stringKept = false;
  private stringIsKey = false;
  private collecting = false;
  private overflow = false;
  private parts: string[] = [];
  private chars = 0;
  private keepChars = 0;
  private stringBytes = 0;
  private unicode = 0;
  private hexDigits = 0;

  // The number or literal being read.
  private tokenKept = false;
  private numberState = N_MINUS;
  private numberText = '';
  private numberLength = 0;
  private literal = '';
  private literalAt = 0;

  constructor(options: JsonOptions = {}) {
    this.limits = options.limits ?? JSON_LIMITS;
    this.secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
    this.keepItem = options.keepItem;
    this.margin = Math.max(0, ...this.secrets.map((secret) => secret.length));
  }

  /** Reads the next bytes of the body; throws `NotJson` at the first byte that cannot be JSON. */
  write(chunk: Uint8Array): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case STRING:
          i = this.stringRun(chunk, i);
          continue;
        case NUMBER:
          i = this.numberRun(chunk, i);
          continue;
        case ESCAPE:
          this.escape(chunk[i] as number);
          i++;
          continue;
        case UNICODE:
          this.hexDigit(chunk[i] as number);
          i++;
          continue;
        case LITERAL:
          if (chunk[i] !== this.literal.charCodeAt(this.literalAt))
            throw new NotJson(`an unexpected byte in ${this.literal}`);
          i++;
          if (++this.literalAt === this.literal.length)
            this.finish(literalValue(this.literal), this.tokenKept, VALUE_COST);
          continue;
      }
      const byte = chunk[i] as number;
      // JSON's whitespace: space, tab, line feed, carriage return.
      if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) {
        if (this.state === START) this.state = VALUE;
        i++;
        continue;
      }
      if (this.structural(byte)) i++;
    }
  }

  /** The value, once the body has ended; throws `NotJson` when the body ended before it. */
  end(): unknown {
    if (this.state === NUMBER) this.endNumber();
    if (this.state !== DONE) throw new NotJson('the body ends before its JSON does');
    return this.result;
  }

  /** Reads one byte between tokens, or begins a token; false when the byte is to be read again, as the first of a number. */
  private structural(byte: number): boolean {
    switch (this.state) {
      case START:
        // TextDecoder drops a byte order mark at the start; so does this.
        if (byte === BOM_BYTES[0]) {
          this.state = BOM;
          this.bom = 1;
          return true;
        }
        this.state = VALUE;
        return this.value(byte);
      case BOM:
        if (byte !== BOM_BYTES[this.bom]) throw new NotJson('a broken byte order mark');
        if (++this.bom === BOM_BYTES.length) this.state = VALUE;
        return true;
      case VALUE:
        return this.value(byte);
      case ARRAY_FIRST:
        if (byte !== 0x5d) return this.value(byte);
        this.close();
        return true;
      case OBJECT_FIRST:
        if (byte === 0x7d) this.close();
        else this.key(byte);
        return true;
      case KEY:
        this.key(byte);
        return true;
      case COLON:
        if (byte !== 0x3a) throw new NotJson('a key without a colon');
        this.state = VALUE;
        return true;
      case AFTER:
        if (byte === 0x2c) this.state = this.top?.array ? VALUE : KEY;
        else if ((byte === 0x5d && this.top?.array) || (byte === 0x7d && this.top?.array === false)) this.close();
        else throw new NotJson(`an unexpected ${show(byte)} after a value`);
        return true;
      default:
        throw new NotJson(`${show(byte)} after the end of the JSON`);
    }
  }

  private value(byte: number): boolean {
    if (byte === 0x22) {
      this.beginString(false, this.beginValue());
      return true;
    }
    if (byte === 0x7b || byte === 0x5b) {
      this.open(byte === 0x5b);
      return true;
    }
    if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) {
      this.tokenKept = this.beginValue();
      this.numberText = '';
      this.numberLength = 0;
      this.numberState = N_MINUS;
      this.state = NUMBER;
      return false;
    }
    const literal = byte === 0x74 ? 'true' : byte === 0x66 ? 'false' : byte === 0x6e ? 'null' : undefined;
    if (literal === undefined) throw new NotJson(`an unexpected ${show(byte)} where a value should be`);
    this.tokenKept = this.beginValue();
    this.literal = literal;
    this.literalAt = 1;
    this.state = LITERAL;
    return true;
  }

  private key(byte: number): void {
    if (byte !== 0x22) throw new NotJson(`an unexpected ${show(byte)} where a key should be`);
    const frame = this.top as Frame;
    this.beginString(
      true,
      frame.value !== undefined && frame.kept < this.limits.maxItems && this.kept < this.limits.maxKept,
    );
  }

  /** Whether the value that begins now is kept: its container is, and has room for it. */
  private beginValue(): boolean {
    const frame = this.top;
    if (frame === undefined) return true;
    if (this.keepItem && frame.array && this.stack.length === 1) this.itemStart = this.kept;
    if (frame.value === undefined) return false;
    if (!frame.array) return frame.key !== undefined;
    if (frame.kept < this.limits.maxItems && this.kept < this.limits.maxKept) return true;
    frame.dropped++;
    return false;
  }

  private open(array: boolean): void {
    const kept = this.beginValue();
    if (this.stack.length >= this.limits.maxDepth)
      throw new NotJson(`values nested deeper than ${this.limits.maxDepth} levels`);
    if (kept) this.kept += VALUE_COST;
    this.top = { value: kept ? (array ? [] : {}) : undefined, array, key: undefined, kept: 0, dropped: 0 };
    this.stack.push(this.top);
    this.state = array ? ARRAY_FIRST : OBJECT_FIRST;
  }

  private close(): void {
    const frame = this.stack.pop() as Frame;
    this.top = this.stack.at(-1);
    if (frame.value !== undefined && frame.dropped > 0) dropped.set(frame.value, frame.dropped);
    this.finish(frame.value, frame.value !== undefined, 0);
  }

  /** A value has been read: it goes into its container, or is the result. */
  private finish(value: unknown, kept: boolean, cost: number): void {
    const frame = this.top;
    if (frame === undefined) {
      this.result = value;
      this.state = DONE;
      return;
    }
    this.state = AFTER;
    if (!kept || frame.value === undefined) return;
    this.kept += cost;
    if (Array.isArray(frame.value)) {
      if (this.keepItem && this.stack.length === 1 && !this.keepItem(value)) {
        this.kept = this.itemStart;
        return;
      }
      frame.value.push(value);
    } else {
      define(frame.value, frame.key ?? '', value);
    }
    frame.kept++;
  }

  private beginString(isKey: boolean, kept: boolean): void {
    this.stringIsKey = isKey;
    this.stringKept = kept;
    this.collecting = kept;
    this.overflow = false;
    if (kept) this.parts = [];
    this.chars = 0;
    this.stringBytes = 0;
    this.keepChars = Math.min(this.limits.maxString, Math.max(0, this.limits.maxKept - this.kept));
    this.state = STRING;
  }

  /** Reads a string's bytes up to its end, an escape or the chunk's end. */
  private stringRun(chunk: Uint8Array, from: number): number {
    const n = chunk.length;
    let i = from;
    for (; i < n; i++) {
      const byte = chunk[i] as number;
      if (byte === 0x22 || byte === 0x5c || byte < 0x20) break;
    }
    this.stringBytes += i - from;
    if (this.collecting && i > from) this.collect(chunk, from, i);
    if (i === n) return n;
    const byte = chunk[i] as number;
    if (byte === 0x22) {
      this.endString();
      return i + 1;
    }
    if (byte === 0x5c) {
      this.stringBytes++;
      this.state = ESCAPE;
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
    this.stringBytes++;
    if (byte === 0x75) {
      this.unicode = 0;
      this.hexDigits = 0;
      this.state = UNICODE;
      return;
    }
    const char = ESCAPES[byte];
    if (char === undefined) throw new NotJson(`an unknown escape \\${String.fromCharCode(byte)}`);
    this.keepChar(char);
    this.state = STRING;
  }

  private hexDigit(byte: number): void {
    this.stringBytes++;
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
    this.state = STRING;
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

  private endString(): void {
    let text = '';
    if (this.stringKept) {
      if (this.collecting) this.parts.push(this.decoder.decode());
      text = this.cut(this.parts.join(''));
      this.parts = [];
    }
    if (!this.stringIsKey) return this.finish(text, this.stringKept, VALUE_COST + text.length);
    const frame = this.top as Frame;
    if (this.stringKept) {
      frame.key = text;
      this.kept += text.length;
    } else {
      frame.key = undefined;
      if (frame.value !== undefined) frame.dropped++;
    }
    this.state = COLON;
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
    return `${text.slice(0, end)}…[cut: ${formatSize(this.stringBytes)}]`;
  }

  /** Reads a number's bytes, checking JSON's grammar; a byte that ends it is read again as what follows. */
  private numberRun(chunk: Uint8Array, from: number): number {
    const n = chunk.length;
    let i = from;
    let state = this.numberState;
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
      else if (byte === 0x2d && state === N_MINUS && this.numberLength === 0 && i === from) continue;
      else break;
    }
    this.numberState = state;
    if (this.tokenKept && this.numberLength + (i - from) <= MAX_NUMBER)
      this.numberText += String.fromCharCode(...chunk.subarray(from, i));
    this.numberLength += i - from;
    if (i < n) this.endNumber();
    return i;
  }

  private endNumber(): void {
    if (this.numberState < N_ZERO) throw new NotJson('a number cut short');
    this.finish(this.numberLength <= MAX_NUMBER ? Number(this.numberText) : null, this.tokenKept, VALUE_COST);
  }
}

function literalValue(literal: string): boolean | null {
  return literal === 'null' ? null : literal === 'true';
}

/** A member as JSON.parse makes it: `__proto__` is a key like any other, not the prototype. */
function define(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

function show(byte: number): string {
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
