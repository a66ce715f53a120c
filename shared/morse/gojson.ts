/**
 * Go `encoding/json` output, byte for byte (spec §0.4).
 *
 * Every hash and signature in Morse covers bytes that Go's `json.Marshal` produced, so the
 * encoder here copies Go 1.21 exactly: HTML-safe escaping (`<>&` → `\u003c\u003e\u0026`),
 * `\u2028`/`\u2029`, short escapes only for `\n \r \t` (Go < 1.22 writes `\u0008`/`\u000c`),
 * lowercase `\u00XX` for other control bytes, DEL and non-ASCII raw, map keys sorted byte-wise,
 * and float64 numbers in Go's shortest form.
 * @module
 */

// Characters that force the slow path: controls, `"`, `\`, `<`, `>`, `&`, U+2028/9, surrogates.
const NEEDS_ESCAPE = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;
const HEX = "0123456789abcdef";

/**
 * Quotes `s` as Go's `json.Marshal` quotes a string.
 *
 * A lone UTF-16 surrogate becomes a raw U+FFFD: Go's decoder turns unpaired `\uD800` escapes into
 * U+FFFD before the string is ever re-encoded (spec §0.4), so a JS string holding one stands for a
 * Go string holding U+FFFD.
 */
export function goQuote(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      rep = c === 10 ? "\\n" : c === 13 ? "\\r" : c === 9 ? "\\t" : "\\u00" + HEX[c >> 4] + HEX[c & 15];
    } else if (c === 34) rep = '\\"';
    else if (c === 92) rep = "\\\\";
    else if (c === 60) rep = "\\u003c";
    else if (c === 62) rep = "\\u003e";
    else if (c === 38) rep = "\\u0026";
    else if (c === 0x2028) rep = "\\u2028";
    else if (c === 0x2029) rep = "\\u2029";
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid pair is written raw
        continue;
      }
      rep = "\ufffd";
    } else if (c >= 0xdc00 && c <= 0xdfff) rep = "\ufffd";
    if (rep === undefined) continue;
    out += s.slice(start, i) + rep;
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

/**
 * Compares strings in UTF-8 byte order, the order Go sorts map keys in. JS's default `<` compares
 * UTF-16 code units, which puts U+E000–U+FFFF after astral characters; byte order does not.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only when both are in the BMP-above-surrogates vs surrogate ranges does UTF-16 order differ.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (x >= 0xe000 || y >= 0xe000)) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Go's `float64` encoding in `encoding/json` (`floatEncoder`), which matches JS's shortest digits. */
export function goFloat(f: number): string {
  if (!Number.isFinite(f)) throw new RangeError(`json: unsupported value: ${f}`);
  if (Object.is(f, -0)) return "-0";
  // Go switches to exponent form below 1e-6 and from 1e21; JS switches below 1e-6 too (it
  // prints 1e-7 as "1e-7"), and Go trims "e-07" to "e-7", so the strings agree.
  return String(f);
}

/** A value the generic encoder accepts. `bigint` is an integer written as-is (Go int64/uint64). */
export type GoValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly GoValue[]
  | { readonly [key: string]: GoValue | undefined };

/**
 * Encodes `value` as Go would after decoding it into `interface{}`: objects become maps, so their
 * keys are sorted byte-wise (pocket-core's `WriteJSONResponse` and `sortJSONResponse` both do this).
 * `undefined` properties are skipped.
 */
export function goMarshalSorted(value: GoValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return goQuote(value);
    case "number":
      return goFloat(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + goMarshalSorted(value[i]);
    return out + "]";
  }
  const obj = value as { readonly [key: string]: GoValue | undefined };
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  keys.sort(compareUtf8);
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    out += (i ? "," : "") + goQuote(keys[i]) + ":" + goMarshalSorted(obj[keys[i]] as GoValue);
  }
  return out + "}";
}

/** Go's `map[string]string` encoding: keys sorted byte-wise; `null` for a nil map. */
export function goMarshalStringMap(map: ReadonlyMap<string, string> | null): string {
  if (map === null) return "null";
  const keys = [...map.keys()].sort(compareUtf8);
  let out = "{";
  for (let i = 0; i < keys.length; i++) out += (i ? "," : "") + goQuote(keys[i]) + ":" + goQuote(map.get(keys[i])!);
  return out + "}";
}
