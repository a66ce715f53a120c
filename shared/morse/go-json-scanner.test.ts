import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8 } from "../primitives/bytes.js";
import { goJsonSyntaxError, goQuoteChar } from "./go-json-scanner.js";

const check = (text: string | Uint8Array) => goJsonSyntaxError(typeof text === "string" ? utf8(text) : text);

describe("goJsonSyntaxError (Go's checkValid)", () => {
  it("reports Go's message and byte Offset", () => {
    // Each row is what Go 1.21's json.Unmarshal returns as *json.SyntaxError for the input.
    const rows: [string, number, string][] = [
      ["", 0, "unexpected end of JSON input"],
      ["{", 1, "unexpected end of JSON input"],
      ["tru", 3, "invalid character ' ' in literal true (expecting 'e')"],
      ["-", 1, "invalid character ' ' in numeric literal"],
      ["1.", 2, "invalid character ' ' after decimal point in numeric literal"],
      ["[1,]", 4, "invalid character ']' looking for beginning of value"],
      ['{"a" 1}', 6, "invalid character '1' after object key"],
      ['{"a":1 "b"}', 8, "invalid character '\"' after object key:value pair"],
      ["[1 2]", 4, "invalid character '2' after array element"],
      ['"\u0001"', 2, "invalid character '\\x01' in string literal"],
      ['"\\q"', 3, "invalid character 'q' in string escape code"],
      ['"\\u12g4"', 6, "invalid character 'g' in \\u hexadecimal character escape"],
      ["nul!", 4, "invalid character '!' in literal null (expecting 'l')"],
      ["01", 2, "invalid character '1' after top-level value"],
      ["1e+", 3, "invalid character ' ' in exponent of numeric literal"],
      ["{,", 2, "invalid character ',' looking for beginning of object key string"],
      ["'", 1, "invalid character '\\'' looking for beginning of value"],
    ];
    for (const [input, offset, message] of rows) expect(check(input), JSON.stringify(input)).toEqual({ offset, message });
  });

  it("counts bytes and quotes a non-ASCII byte as its Latin-1 rune", () => {
    expect(check(Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d))).toEqual({ offset: 1, message: "invalid character 'ï' looking for beginning of value" });
    expect(check('["é", x]')).toEqual({ offset: 8, message: "invalid character 'x' looking for beginning of value" });
    expect(goQuoteChar(0x85)).toBe("'\\u0085'");
    expect(goQuoteChar(0x0a)).toBe("'\\n'");
  });

  it("accepts what Go accepts, up to Go's nesting limit", () => {
    for (const ok of ["1", " {} ", '{"a":[1,-0.5e+3,true,false,null,"\\u00e9\\n"]}', "[".repeat(10000) + "]".repeat(10000)]) {
      expect(check(ok), ok.slice(0, 20)).toBeUndefined();
    }
    expect(check("[".repeat(10001))).toEqual({ offset: 10001, message: "invalid character '[' exceeded max depth" });
  });

  it("agrees with JSON.parse on what is valid, and never throws", () => {
    const jsonish = fc.stringMatching(/^[\s{}[\]",:0-9eE.+\-tuefalsnr\\a-z]{0,24}$/);
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.json()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        // JSON.parse also allows whitespace Go does not (none in RFC 8259 terms) — equal on this alphabet.
        if (/[\v\f\u00a0\ufeff\u2028\u2029]/.test(text)) return;
        expect(check(text) === undefined, text).toBe(valid);
      }),
      { numRuns: 800 },
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => void check(bytes)), { numRuns: 500 });
  });
});
