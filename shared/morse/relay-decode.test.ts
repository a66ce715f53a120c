import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { parseJsonLossless } from "./json-parse.js";
import { decodeRelay, parseInt64 } from "./relay-decode.js";

const body = vectors.relay1.http_request_body;
const decode = (text: string) => {
  const r = decodeRelay(text);
  if (!r.ok) throw new Error(r.error);
  return r.relay;
};

describe("decodeRelay", () => {
  it("decodes the pocket-js request body of relay1", () => {
    const relay = decode(body);
    expect(relay.payload).toEqual({ ...vectors.relay1.payload, headers: null });
    expect(relay.meta.block_height).toBe(10003n);
    expect(relay.proof.entropy).toBe(4242424242n);
    expect(relay.proof.session_block_height).toBe(10001n);
    expect(relay.proof.aat).toEqual(vectors.aat.json);
    expect(relay.proof.signature).toBe(vectors.relay1.client_signature);
    expect(relay.proof.request_hash).toBe(vectors.relay1.request_hash);
  });

  it("keeps int64 digits beyond 2^53 exactly", () => {
    const big = body.replace('"entropy":4242424242', '"entropy":99999999999999999');
    expect(decode(big).proof.entropy).toBe(99999999999999999n);
    const max = body.replace('"entropy":4242424242', '"entropy":9223372036854775807');
    expect(decode(max).proof.entropy).toBe(9223372036854775807n);
    const neg = body.replace('"entropy":4242424242', '"entropy":-5');
    expect(decode(neg).proof.entropy).toBe(-5n);
  });

  it("rejects what Go's int64 decoding rejects", () => {
    for (const token of ["1.0", "1e3", "9223372036854775808", "-9223372036854775809", '"5"', "true"]) {
      const r = decodeRelay(body.replace('"entropy":4242424242', `"entropy":${token}`));
      expect(r.ok, token).toBe(false);
    }
    expect(parseInt64("-0")).toBe(0n);
  });

  it("refuses int64 texts longer than 20 characters before converting them", () => {
    expect(parseInt64("-9223372036854775808")).toBe(-9223372036854775808n);
    expect(parseInt64("000000000000000000001")).toBeUndefined();
    expect(parseInt64("1".repeat(100_000))).toBeUndefined();
    const r = decodeRelay(body.replace('"entropy":4242424242', `"entropy":${"9".repeat(50_000)}`));
    expect(r.ok).toBe(false);
  });

  it("refuses a UTF-8 byte-order mark as Go does, at byte offset 1", () => {
    const raw = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]);
    const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(raw);
    expect(decodeRelay(text, raw)).toEqual({ ok: false, offset: 1, error: "invalid character 'ï' looking for beginning of value" });
  });

  it("counts Go's syntax-error Offset in bytes, not UTF-16 units", () => {
    // "é" is two bytes, "😀" four: the stray "x" is byte index 15, so Go reports Offset 16 (UTF-16 index 13).
    expect(decodeRelay('{"a":"é😀"} x')).toMatchObject({ ok: false, offset: 16, error: "invalid character 'x' after top-level value" });
  });

  it("matches keys case-insensitively, with Go's Unicode folds", () => {
    const relay = decode('{"PAYLOAD":{"Data":"x"},"Meta":{"bloc\u212a_height":7},"proof":{"aat":{"ver\u017fion":"0.0.1"}}}');
    expect(relay.payload.data).toBe("x");
    expect(relay.meta.block_height).toBe(7n);
    expect(relay.proof.aat.version).toBe("0.0.1");
  });

  it("applies repeated keys in order: last scalar wins, structs and maps merge", () => {
    const relay = decode('{"payload":{"data":"a","headers":{"x":"1"}},"Payload":{"method":"GET","headers":{"y":"2"}},"payload":{"data":"b"}}');
    expect(relay.payload.data).toBe("b");
    expect(relay.payload.method).toBe("GET");
    expect([...relay.payload.headers!]).toEqual([["x", "1"], ["y", "2"]]);
  });

  it("treats null as Go does and ignores unknown keys", () => {
    const relay = decode('{"payload":{"data":null,"headers":{"a":null}},"meta":null,"extra":[1,{"x":2}]}');
    expect(relay.payload.data).toBe("");
    expect([...relay.payload.headers!]).toEqual([["a", ""]]);
    expect(decode('{"payload":{"headers":{"a":"1"}},"payload":{"headers":null}}').payload.headers).toBeNull();
  });

  it("fails on type mismatches and malformed JSON with a position", () => {
    expect(decodeRelay('{"payload":"x"}')).toMatchObject({ ok: false, error: expect.stringContaining("Go struct field Relay.payload") });
    expect(decodeRelay('{"payload":{"headers":{"a":1}}}')).toMatchObject({ ok: false });
    expect(decodeRelay('{"proof":{"aat":{"version":1}}}')).toMatchObject({ ok: false, error: expect.stringContaining("AAT.proof.aat.version") });
    expect(decodeRelay('{"payload":{"data":"x"},}')).toMatchObject({ ok: false, offset: 25, error: "invalid character '}' looking for beginning of object key string" });
    expect(decodeRelay("")).toMatchObject({ ok: false });
    expect(decodeRelay('{"a":1} x')).toMatchObject({ ok: false, error: expect.stringContaining("after top-level value") });
    expect(decodeRelay("[".repeat(10_000))).toMatchObject({ ok: false, offset: 10_000, error: "unexpected end of JSON input" });
  });
});

describe("parseJsonLossless", () => {
  it("turns unpaired surrogate escapes into U+FFFD and keeps pairs", () => {
    const r = parseJsonLossless('["\\ud800x","\\udc00","\\ud83d\\ude00","\\u0041\\n\\/"]');
    expect(r).toEqual({ ok: true, value: ["\ufffdx", "\ufffd", "😀", "A\n/"] });
  });
  it("rejects raw control characters, bad escapes and bad numbers", () => {
    for (const bad of ['"a\u0001"', '"\\x"', '"\\u12"', "01", "1.", "-", ".5", "+1", "[1,]", "{'a':1}", "nul", "tru"]) {
      expect(parseJsonLossless(bad).ok, bad).toBe(false);
    }
  });
  it("agrees with JSON.parse on what it accepts", () => {
    for (const good of ["0", "-0.5e+10", '{"a":[1,2,{"b":null}]}', ' \n"x" ', "[]", "{}", "true"]) {
      expect(parseJsonLossless(good).ok, good).toBe(true);
      expect(() => JSON.parse(good)).not.toThrow();
    }
  });
});
