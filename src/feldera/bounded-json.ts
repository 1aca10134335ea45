// A JSON parser that reads a body as it arrives and keeps a bounded copy of its value: however large
// the answer, what is kept stays under `maxKept` (long strings cut with a marker, arrays and objects
// shortened), while the rest is still parsed, so that a body that is not JSON is still told as such.
// This file builds the values and keeps them within the limits; json-tokens.ts reads strings and numbers.
import { NotJson, NumberToken, show, StringToken } from './json-tokens.ts';

export { formatSize, NotJson } from './json-tokens.ts';

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
const NUMBER = 9;
const LITERAL = 10;
const DONE = 11;

/** What one kept value costs besides its text: enough to bound the objects and arrays built. */
const VALUE_COST = 16;
const BOM_BYTES = [0xef, 0xbb, 0xbf];

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
  private readonly keepItem: ((item: unknown) => boolean) | undefined;
  private readonly stack: Frame[] = [];
  private top: Frame | undefined;
  private state = START;
  private result: unknown;
  /** What the kept values take, and what it was when the current item of the top-level array began. */
  private kept = 0;
  private itemStart = 0;
  private bom = 0;

  // The token being read: a string (a value, or a key when `stringIsKey`), a number, a literal.
  private readonly string: StringToken;
  private stringIsKey = false;
  private readonly number = new NumberToken();
  private literalKept = false;
  private literal = '';
  private literalAt = 0;

  constructor(options: JsonOptions = {}) {
    this.limits = options.limits ?? JSON_LIMITS;
    this.keepItem = options.keepItem;
    this.string = new StringToken((options.secrets ?? []).filter((secret) => secret.length > 0));
  }

  /** Reads the next bytes of the body; throws `NotJson` at the first byte that cannot be JSON. */
  write(chunk: Uint8Array): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      switch (this.state) {
        case STRING:
          i = this.string.read(chunk, i);
          if (this.string.ended) this.endString();
          continue;
        case NUMBER:
          i = this.number.read(chunk, i);
          if (i < n) this.endNumber();
          continue;
        case LITERAL:
          if (chunk[i] !== this.literal.charCodeAt(this.literalAt))
            throw new NotJson(`an unexpected byte in ${this.literal}`);
          i++;
          if (++this.literalAt === this.literal.length)
            this.finish(literalValue(this.literal), this.literalKept, VALUE_COST);
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
      this.number.begin(this.beginValue());
      this.state = NUMBER;
      return false;
    }
    const literal = byte === 0x74 ? 'true' : byte === 0x66 ? 'false' : byte === 0x6e ? 'null' : undefined;
    if (literal === undefined) throw new NotJson(`an unexpected ${show(byte)} where a value should be`);
    this.literalKept = this.beginValue();
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
    this.string.begin(kept, Math.min(this.limits.maxString, Math.max(0, this.limits.maxKept - this.kept)));
    this.state = STRING;
  }

  private endString(): void {
    const text = this.string.text();
    if (!this.stringIsKey) return this.finish(text, this.string.kept, VALUE_COST + text.length);
    const frame = this.top as Frame;
    if (this.string.kept) {
      frame.key = text;
      this.kept += text.length;
    } else {
      frame.key = undefined;
      if (frame.value !== undefined) frame.dropped++;
    }
    this.state = COLON;
  }

  private endNumber(): void {
    this.finish(this.number.value(), this.number.kept, VALUE_COST);
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
