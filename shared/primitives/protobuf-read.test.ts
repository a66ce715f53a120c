import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { U64_MAX, concatBytes, hexToBytesStrict } from "./bytes.js";
import { bytesField, encodeVarint, messageField, stringField, varintField } from "./protobuf.js";
import {
  fieldBytes,
  fieldInt64,
  fieldRepeatedBytes,
  fieldString,
  fieldUint64,
  readMessage,
  readVarint,
} from "./protobuf-read.js";

describe("readVarint", () => {
  it("reads what encodeVarint writes, across the whole uint64 range", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: U64_MAX }), (v) => {
        const r = readVarint(encodeVarint(v), 0);
        expect(r).toEqual({ ok: true, value: v, next: encodeVarint(v).length });
      }),
    );
  });
  it("refuses truncated, over-long and overflowing varints", () => {
    expect(readVarint(hexToBytesStrict("80"), 0).ok).toBe(false);
    expect(readVarint(hexToBytesStrict("ffffffffffffffffff02"), 0)).toMatchObject({ ok: false, error: /overflows/ });
    expect(readVarint(hexToBytesStrict("ffffffffffffffffff8001"), 0)).toMatchObject({ ok: false });
    expect(readVarint(new Uint8Array(0), 0).ok).toBe(false);
  });
});

describe("readMessage", () => {
  const msg = concatBytes(
    varintField(1, -5n),
    stringField(2, "héllo"),
    messageField(3, concatBytes(varintField(1, 7n))),
    bytesField(4, Uint8Array.of(1)),
    bytesField(4, Uint8Array.of(2)),
    varintField(1, 42n),
  );
  it("splits fields in wire order; the last scalar wins; repeated fields are kept", () => {
    const r = readMessage(msg);
    if (!r.ok) throw new Error(r.error);
    expect(fieldUint64(r.fields, 1)).toEqual({ ok: true, value: 42n });
    expect(fieldString(r.fields, 2)).toEqual({ ok: true, value: "héllo" });
    expect(fieldRepeatedBytes(r.fields, 4)).toEqual({ ok: true, value: [Uint8Array.of(1), Uint8Array.of(2)] });
    const inner = fieldBytes(r.fields, 3);
    if (!inner.ok) throw new Error(inner.error);
    const ir = readMessage(inner.value);
    expect(ir.ok && fieldUint64(ir.fields, 1)).toEqual({ ok: true, value: 7n });
    expect(fieldUint64(r.fields, 9)).toEqual({ ok: true, value: 0n });
  });
  it("reads negative int64 as two's complement", () => {
    const r = readMessage(varintField(1, -5n));
    expect(r.ok && fieldInt64(r.fields, 1)).toEqual({ ok: true, value: -5n });
  });
  it("refuses wrong wire types, bad lengths, groups, field 0, bad UTF-8, too many fields", () => {
    const r = readMessage(msg);
    expect(r.ok && fieldString(r.fields, 1)).toMatchObject({ ok: false, error: /wire type 0/ });
    expect(readMessage(hexToBytesStrict("0a05616263"))).toMatchObject({ ok: false, error: /past the end/ });
    expect(readMessage(hexToBytesStrict("0b"))).toMatchObject({ ok: false, error: /wire type 3/ });
    expect(readMessage(hexToBytesStrict("0001"))).toMatchObject({ ok: false, error: /field number 0/ });
    const bad = readMessage(hexToBytesStrict("0a02c328"));
    expect(bad.ok && fieldString(bad.fields, 1)).toMatchObject({ ok: false, error: /UTF-8/ });
    expect(readMessage(hexToBytesStrict("08010801080108"), 2)).toMatchObject({ ok: false, error: /more than 2/ });
    expect(readMessage(hexToBytesStrict("0d0102"))).toMatchObject({ ok: false, error: /fixed32/ });
  });
  it("never throws on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = readMessage(bytes);
        if (r.ok) for (const f of r.fields) fieldString(r.fields, f.field);
      }),
      { numRuns: 2000 },
    );
  });
});
