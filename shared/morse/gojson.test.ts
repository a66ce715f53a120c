import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareUtf8, goFloat, goMarshalSorted, goMarshalStringMap, goQuote } from "./gojson.js";

/**
 * An independent oracle: Go 1.21's `appendString(dst, src, escapeHTML=true)` run literally over
 * the UTF-8 bytes (TextEncoder already turns lone surrogates into EF BF BD, as Go's decoder does).
 */
function goQuoteOracle(s: string): string {
  const src = new TextEncoder().encode(s);
  const hex = "0123456789abcdef";
  const out: number[] = [0x22];
  const push = (t: string) => out.push(...new TextEncoder().encode(t));
  for (let i = 0; i < src.length; ) {
    const b = src[i];
    if (b < 0x80) {
      const htmlSafe = b >= 0x20 && b !== 0x22 && b !== 0x5c && b !== 0x3c && b !== 0x3e && b !== 0x26;
      if (htmlSafe) out.push(b);
      else if (b === 0x5c || b === 0x22) out.push(0x5c, b);
      else if (b === 0x0a) push("\\n");
      else if (b === 0x0d) push("\\r");
      else if (b === 0x09) push("\\t");
      else push("\\u00" + hex[b >> 4] + hex[b & 15]);
      i++;
      continue;
    }
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    if (size === 3 && b === 0xe2 && src[i + 1] === 0x80 && (src[i + 2] === 0xa8 || src[i + 2] === 0xa9)) {
      push(src[i + 2] === 0xa8 ? "\\u2028" : "\\u2029");
    } else out.push(...src.subarray(i, i + size));
    i += size;
  }
  out.push(0x22);
  return new TextDecoder().decode(new Uint8Array(out));
}

describe("goQuote", () => {
  it("escapes like Go 1.21 encoding/json", () => {
    expect(goQuote("a<b>&c")).toBe('"a\\u003cb\\u003e\\u0026c"');
    expect(goQuote('q"\\')).toBe('"q\\"\\\\"');
    expect(goQuote("\n\r\t")).toBe('"\\n\\r\\t"');
    // Go < 1.22 has no short form for \b and \f.
    expect(goQuote("\b\f\u0000\u001f")).toBe('"\\u0008\\u000c\\u0000\\u001f"');
    expect(goQuote("\u007f é 😀")).toBe('"\u007f é 😀"');
    expect(goQuote("\u2028\u2029")).toBe('"\\u2028\\u2029"');
  });
  it("writes lone surrogates as raw U+FFFD and keeps valid pairs", () => {
    expect(goQuote("a\ud800b")).toBe('"a\ufffdb"');
    expect(goQuote("\udc00")).toBe('"\ufffd"');
    expect(goQuote("\ud83d\ude00")).toBe('"\ud83d\ude00"');
  });
  it("matches a byte-level port of Go's encoder on random strings", () => {
    const chars = fc.oneof(
      fc.constantFrom("<", ">", "&", '"', "\\", "\u2028", "\u2029", "\u007f", "\ufffd", "\ud800", "\udfff", "é", "😀"),
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join("")), (s) => {
        const quoted = goQuote(s);
        expect(quoted).toBe(goQuoteOracle(s));
        expect(quoted).not.toMatch(/[<>&\u0000-\u001f\u2028\u2029]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("goMarshalSorted", () => {
  it("sorts keys in UTF-8 byte order, not UTF-16 order", () => {
    const astral = "\u{1f600}"; // UTF-16 D83D…, UTF-8 F0…
    const bmp = "\uff61"; // UTF-16 FF61, UTF-8 EF…
    expect([astral, bmp].sort()).toEqual([astral, bmp]); // JS order
    expect([astral, bmp].sort(compareUtf8)).toEqual([bmp, astral]); // Go order
    expect(goMarshalSorted({ [astral]: 1, [bmp]: 2, b: [true, null], a: "x" })).toBe(`{"a":"x","b":[true,null],"${bmp}":2,"${astral}":1}`);
  });
  it("agrees with a byte comparison on random strings", () => {
    const bytes = (s: string) => Array.from(new TextEncoder().encode(s));
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const x = bytes(a), y = bytes(b);
        let expected = 0;
        for (let i = 0; i < Math.min(x.length, y.length) && expected === 0; i++) expected = x[i] - y[i];
        if (expected === 0) expected = x.length - y.length;
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(expected));
      }),
    );
  });
  it("writes float64 numbers in Go's form and bigints as integers", () => {
    expect(goFloat(1e21)).toBe("1e+21");
    expect(goFloat(0.000001)).toBe("0.000001");
    expect(goFloat(1.5e-7)).toBe("1.5e-7");
    expect(goFloat(12345678901234567890)).toBe("12345678901234567000");
    expect(goFloat(-0)).toBe("-0");
    expect(() => goFloat(Infinity)).toThrow();
    expect(goMarshalSorted(9223372036854775807n)).toBe("9223372036854775807");
  });
  it("encodes maps as Go encodes map[string]string", () => {
    expect(goMarshalStringMap(null)).toBe("null");
    expect(goMarshalStringMap(new Map())).toBe("{}");
    expect(goMarshalStringMap(new Map([["X-B", "2"], ["Content-Type", "a&b"]]))).toBe('{"Content-Type":"a\\u0026b","X-B":"2"}');
  });
});
