/**
 * A lossless JSON parser: numbers keep their exact token text, so int64 fields such as `entropy`
 * (legacy pocket-js draws it up to ~1e17, above 2^53) keep every digit (spec §0.5).
 *
 * Strings are decoded as Go's decoder decodes them: an unpaired `\uD800`-style escape becomes
 * U+FFFD. Objects keep every entry in document order, duplicates included, so a Go-style decoder
 * can apply "last one wins" and case-insensitive key matching exactly.
 * @module
 */

/** A JSON number kept as its token text. */
export class JsonNumber {
  constructor(readonly raw: string) {}
}

/** A JSON object, entries in document order (duplicates kept). */
export class JsonObject {
  constructor(readonly entries: ReadonlyArray<readonly [string, JsonNode]>) {}
}

export type JsonNode = null | boolean | string | JsonNumber | JsonObject | JsonNode[];

export type ParseResult = { ok: true; value: JsonNode } | { ok: false; offset: number; error: string };

// Relay bodies are shallow; a bound keeps hostile nesting from exhausting the stack.
const MAX_DEPTH = 256;

class ParseError {
  constructor(readonly offset: number, readonly error: string) {}
}

/** Parses one JSON value (RFC 8259, as strict as Go: no trailing commas, no comments). */
export function parseJsonLossless(text: string): ParseResult {
  const p = new Parser(text);
  try {
    p.ws();
    const value = p.value(0);
    p.ws();
    if (p.i !== text.length) p.fail("invalid character after top-level value");
    return { ok: true, value };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, offset: e.offset, error: e.error };
    throw e;
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(error: string): never {
    throw new ParseError(this.i, error);
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else break;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail("exceeded max depth");
    const c = this.s[this.i];
    switch (c) {
      case "{":
        return this.object(depth);
      case "[":
        return this.array(depth);
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
      default: {
        NUMBER.lastIndex = this.i;
        const m = NUMBER.exec(this.s);
        if (!m) this.fail(c === undefined ? "unexpected end of JSON input" : `invalid character ${JSON.stringify(c)} looking for beginning of value`);
        this.i += m[0].length;
        return new JsonNumber(m[0]);
      }
    }
  }

  literal<T>(word: string, value: T): T {
    if (!this.s.startsWith(word, this.i)) this.fail(`invalid literal, expected ${word}`);
    this.i += word.length;
    return value;
  }

  object(depth: number): JsonObject {
    this.i++; // {
    const entries: [string, JsonNode][] = [];
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return new JsonObject(entries);
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail("invalid character looking for beginning of object key string");
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ":") this.fail("invalid character after object key");
      this.i++;
      this.ws();
      entries.push([key, this.value(depth + 1)]);
      this.ws();
      const c = this.s[this.i++];
      if (c === "}") return new JsonObject(entries);
      if (c !== ",") {
        this.i--;
        this.fail("invalid character after object key:value pair");
      }
    }
  }

  array(depth: number): JsonNode[] {
    this.i++; // [
    const items: JsonNode[] = [];
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      return items;
    }
    for (;;) {
      this.ws();
      items.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === "]") return items;
      if (c !== ",") {
        this.i--;
        this.fail("invalid character after array element");
      }
    }
  }

  string(): string {
    const s = this.s;
    const start = ++this.i; // opening quote
    // Fast path: no escapes.
    for (let j = start; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 34) {
        this.i = j + 1;
        return wellFormed(s.slice(start, j));
      }
      if (c === 92) break;
      if (c < 0x20) {
        this.i = j;
        this.fail("invalid character in string literal");
      }
    }
    let out = "";
    let j = start;
    for (;;) {
      if (j >= s.length) {
        this.i = j;
        this.fail("unexpected end of JSON input");
      }
      const c = s.charCodeAt(j);
      if (c === 34) break;
      if (c < 0x20) {
        this.i = j;
        this.fail("invalid character in string literal");
      }
      if (c !== 92) {
        out += s[j++];
        continue;
      }
      const e = s[j + 1];
      j += 2;
      switch (e) {
        case '"': out += '"'; break;
        case "\\": out += "\\"; break;
        case "/": out += "/"; break;
        case "b": out += "\b"; break;
        case "f": out += "\f"; break;
        case "n": out += "\n"; break;
        case "r": out += "\r"; break;
        case "t": out += "\t"; break;
        case "u": {
          const hex = s.slice(j, j + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.i = j;
            this.fail("invalid character in \\u hexadecimal character escape");
          }
          out += String.fromCharCode(parseInt(hex, 16));
          j += 4;
          break;
        }
        default:
          this.i = j - 1;
          this.fail("invalid character in string escape code");
      }
    }
    this.i = j + 1;
    return wellFormed(out);
  }
}

/** Replaces each unpaired UTF-16 surrogate with U+FFFD, as Go's decoder does. */
export function wellFormed(s: string): string {
  // Go replaces each unpaired surrogate with U+FFFD while decoding.
  return /[\ud800-\udfff]/.test(s) ? s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd") : s;
}
