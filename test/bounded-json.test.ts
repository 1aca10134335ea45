import { describe, expect, it } from 'vitest';
import {
  BoundedJson,
  JSON_LIMITS,
  NotJson,
  droppedItems,
  formatSize,
  type JsonLimits,
  type JsonOptions,
} from '../src/feldera/bounded-json.ts';

const encode = (text: string) => new TextEncoder().encode(text);

/** Parses `bytes` written in pieces that end at each of `cuts`. */
function parse(bytes: Uint8Array | string, cuts: number[] = [], options: JsonOptions = {}): unknown {
  const body = typeof bytes === 'string' ? encode(bytes) : bytes;
  const parser = new BoundedJson(options);
  let at = 0;
  for (const cut of [...cuts, body.length]) {
    parser.write(body.subarray(at, cut));
    at = cut;
  }
  return parser.end();
}

/** Every way to split `text` in two, and one byte at a time. */
function everySplit(text: string, options: JsonOptions = {}): unknown[] {
  const body = encode(text);
  const results = Array.from({ length: body.length + 1 }, (_, cut) => parse(body, [cut], options));
  results.push(
    parse(
      body,
      Array.from({ length: body.length }, (_, i) => i),
    ),
  );
  return results;
}

const limits = (overrides: Partial<JsonLimits>): JsonLimits => ({ ...JSON_LIMITS, ...overrides });

describe('the bounded JSON reader', () => {
  it('reads what JSON.parse reads: numbers, true, false, null, strings, arrays, objects', () => {
    const text =
      ' {"n": [0, -0, 12, -3.25, 1e3, 2E-2, 0.5e+1, 123456789012345678901234567890], "t": true, "f": false, "z": null, "s": "x", "a": [], "o": {}} ';
    for (const value of everySplit(text)) expect(value).toStrictEqual(JSON.parse(text));
    expect(Object.is((parse('-0') as number) + 0, 0)).toBe(true);
    expect(Object.is(parse('-0'), -0)).toBe(true);
  });

  it('decodes escapes and multibyte UTF-8 wherever the chunks split them', () => {
    const text = '"tab\\t quote\\" slash\\/ back\\\\ \\b\\f\\n\\r é 😀 \\u00e9 \\ud83d\\ude00 \\u0041"';
    for (const value of everySplit(text)) expect(value).toBe(JSON.parse(text));
  });

  it('keeps a lone surrogate escape, as JSON.parse does, and replaces broken UTF-8 as TextDecoder does', () => {
    expect(parse('"\\ud83d!"')).toBe('\ud83d!');
    const broken = Uint8Array.from([0x22, 0x61, 0xe2, 0x82, 0x22]);
    expect(parse(broken)).toBe(new TextDecoder().decode(broken).slice(1, -1));
    // The broken character comes before the escape that follows it.
    expect(parse(Uint8Array.from([0x22, 0xe2, 0x82, 0x5c, 0x6e, 0x22]))).toBe('\ufffd\n');
  });

  it('makes `__proto__` a member, not the prototype', () => {
    const value = parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('skips a byte order mark at the start, as TextDecoder does', () => {
    expect(parse(Uint8Array.from([0xef, 0xbb, 0xbf, ...encode('{"a": 1}')]), [1, 2])).toEqual({ a: 1 });
    expect(() => parse(Uint8Array.from([0xef, 0xbb, 0x7b, 0x7d]))).toThrow(NotJson);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'only spaces'],
    ['<html><body>Bad gateway</body></html>', 'a proxy page'],
    ['{"a": 1', 'cut short'],
    ['{"a" 1}', 'no colon'],
    ['{"a": 1,}', 'a trailing comma in an object'],
    ['[1,]', 'a trailing comma in an array'],
    ['[1 2]', 'no comma'],
    ['{a: 1}', 'a bare key'],
    ['{"a": 1]', 'the wrong bracket'],
    ['01', 'a leading zero'],
    ['-', 'a lone minus'],
    ['1.', 'no fraction digits'],
    ['1e+', 'no exponent digits'],
    ['.5', 'no integer part'],
    ['+1', 'a plus sign'],
    ['tru', 'a literal cut short'],
    ['nul1', 'a broken literal'],
    ['"a\u0001b"', 'a control character in a string'],
    ['"\\x"', 'an unknown escape'],
    ['"\\u12g4"', 'a broken \\u escape'],
    ['"abc', 'an unterminated string'],
    ['{} {}', 'two values'],
    ['1 x', 'garbage after the value'],
    ["'a'", 'single quotes'],
    ['NaN', 'NaN'],
  ])('refuses %j (%s) as not JSON, as JSON.parse does', (text) => {
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    for (let cut = 0; cut <= encode(text).length; cut++) expect(() => parse(text, [cut])).toThrow(NotJson);
  });

  it('cuts a long string to its limit and says how large it was, wherever the chunks end', () => {
    const long = `first line\n${'é'.repeat(3000)}`;
    const text = JSON.stringify({ message: long });
    const expected = `${long.slice(0, 100)}…[cut: ${formatSize(encode(JSON.stringify(long)).length - 2)}]`;
    for (const cuts of [[], [7], [20, 60, 61, 62, 300]]) {
      expect(parse(text, cuts, { limits: limits({ maxString: 100 }) })).toEqual({ message: expected });
    }
    expect(expected).toMatch(/^first line\né+…\[cut: 6\.0 kB\]$/);
  });

  it('keeps a string at its limit whole', () => {
    expect(parse(JSON.stringify('x'.repeat(100)), [50], { limits: limits({ maxString: 100 }) })).toBe('x'.repeat(100));
  });

  it('cuts keys too', () => {
    expect(parse(JSON.stringify({ ['k'.repeat(30)]: 1 }), [], { limits: limits({ maxString: 10 }) })).toEqual({
      'kkkkkkkkkk…[cut: 30 B]': 1,
    });
  });

  it('never cuts inside a secret, so that redaction still finds it, nor inside a surrogate pair', () => {
    const secret = 'apikey:s3cr3t';
    const text = JSON.stringify(`${'x'.repeat(95)}${secret}${'y'.repeat(50)}`);
    expect(parse(text, [], { limits: limits({ maxString: 100 }), secrets: [secret] })).toBe(
      `${'x'.repeat(95)}…[cut: 158 B]`,
    );
    // Without the secret to protect, the cut falls at the limit.
    expect(parse(text, [], { limits: limits({ maxString: 100 }) })).toBe(`${'x'.repeat(95)}apike…[cut: 158 B]`);
    expect(
      parse(JSON.stringify(`${'x'.repeat(99)}😀${'y'.repeat(10)}`), [], { limits: limits({ maxString: 100 }) }),
    ).toBe(`${'x'.repeat(99)}…[cut: 113 B]`);
  });

  it('counts the size of a cut string as the body has it, escapes included', () => {
    expect(parse(JSON.stringify('\n'.repeat(10)), [], { limits: limits({ maxString: 2 }) })).toBe('\n\n…[cut: 20 B]');
  });

  it('keeps the first items of a long array and the first members of a large object, and counts the others', () => {
    const value = parse(
      JSON.stringify({
        list: Array.from({ length: 25 }, (_, i) => ({ i })),
        o: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i])),
      }),
      [33],
      {
        limits: limits({ maxItems: 10 }),
      },
    ) as { list: unknown[]; o: Record<string, number> };
    expect(value.list).toEqual(Array.from({ length: 10 }, (_, i) => ({ i })));
    expect(droppedItems(value.list)).toBe(15);
    expect(Object.keys(value.o)).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`));
    expect(droppedItems(value.o)).toBe(2);
    expect(droppedItems(value)).toBe(0);
  });

  it('stops keeping once the kept values reach their budget, and still reads the rest for syntax', () => {
    const strings = Array.from({ length: 100 }, (_, i) => `${i}`.padStart(50, '-'));
    const value = parse(JSON.stringify([strings, { after: 'the budget' }]), [], {
      limits: limits({ maxKept: 1000 }),
    }) as unknown[];
    const kept = value[0] as string[];
    // The last string kept is cut where the budget ran out.
    expect(kept.length).toBeGreaterThan(5);
    expect(kept.length).toBeLessThan(20);
    expect(kept.slice(0, -1)).toEqual(strings.slice(0, kept.length - 1));
    expect(kept.at(-1)).toMatch(/^-+\d*…\[cut: 50 B\]$/);
    expect(droppedItems(kept)).toBe(100 - kept.length);
    expect(value).toHaveLength(1);
    expect(droppedItems(value)).toBe(1);
    expect(() => parse(`${JSON.stringify([strings])}]`, [], { limits: limits({ maxKept: 1000 }) })).toThrow(NotJson);
  });

  it('refuses nesting deeper than its limit, as serde_json does past 128 levels', () => {
    expect(parse(`${'['.repeat(128)}${']'.repeat(128)}`)).toBeInstanceOf(Array);
    expect(() => parse(`${'['.repeat(129)}${']'.repeat(129)}`)).toThrow(/nested deeper than 128 levels/);
    expect(parse(`{"a": ${'{"b": '.repeat(127)}1${'}'.repeat(128)}`)).toBeInstanceOf(Object);
    expect(() => parse(`{"a": ${'{"b": '.repeat(128)}1${'}'.repeat(129)}`)).toThrow(NotJson);
  });

  it('reads a number too long to keep as null', () => {
    expect(parse(`[${'9'.repeat(2000)}, 1]`, [500])).toEqual([null, 1]);
    expect(parse(`[${'9'.repeat(400)}]`)).toEqual(JSON.parse(`[${'9'.repeat(400)}]`));
  });

  it('keeps only the items of a top-level list that `keepItem` wants, and they alone take the budget', () => {
    const list = Array.from({ length: 300 }, (_, i) => ({ name: `p${i}`, pad: 'x'.repeat(100) }));
    const wanted = new Set(['p3', 'p299']);
    const keepItem = (item: unknown) => wanted.has((item as { name: string }).name);
    // 300 items of some 130 bytes each: far more than the budget, of which the two kept take little.
    expect(parse(JSON.stringify(list), [1000, 5000], { keepItem, limits: limits({ maxKept: 2000 }) })).toEqual([
      list[3],
      list[299],
    ]);
    // A cap on the items counts the kept ones only.
    const names = list.map(({ name }) => name);
    expect(
      parse(JSON.stringify(names), [], {
        keepItem: (name) => wanted.has(name as string),
        limits: limits({ maxItems: 1 }),
      }),
    ).toEqual(['p3']);
  });

  it('reads the same values as JSON.parse for random documents split at random', () => {
    let seed = 18;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const value = (depth: number): unknown => {
      switch (random(depth > 3 ? 5 : 7)) {
        case 0:
          return random(2000) - 1000;
        case 1:
          return (random(1e6) - 5e5) / 7e3;
        case 2:
          return 'é😀\n"\\ab'.slice(random(6)) + String.fromCharCode(random(0x3000));
        case 3:
          return random(2) === 0;
        case 4:
          return null;
        case 5:
          return Array.from({ length: random(4) }, () => value(depth + 1));
        default:
          return Object.fromEntries(Array.from({ length: random(4) }, () => [`k${random(9)}é`, value(depth + 1)]));
      }
    };
    for (let n = 0; n < 500; n++) {
      const text = JSON.stringify(value(0), null, random(2) ? 1 : undefined);
      const body = encode(text);
      const cuts = Array.from({ length: random(6) }, () => random(body.length + 1)).sort((a, b) => a - b);
      expect(parse(body, cuts)).toStrictEqual(JSON.parse(text));
    }
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [65_536, '65.5 kB'],
    [3_000_000, '3.0 MB'],
    [200_000_000, '200.0 MB'],
    [4e9, '4.0 GB'],
  ])('%d bytes: %s', (bytes, text) => expect(formatSize(bytes)).toBe(text));
});
