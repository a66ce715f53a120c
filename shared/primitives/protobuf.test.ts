import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { U64_MAX, bytesToHex, concatBytes } from "./bytes.js";
import {
  bytesField,
  encodeTimestamp,
  encodeVarint,
  messageField,
  parseTimestamp,
  stringField,
  varintField,
} from "./protobuf.js";

describe("encodeVarint", () => {
  it("writes base-128 little-endian groups", () => {
    expect(bytesToHex(encodeVarint(0n))).toBe("00");
    expect(bytesToHex(encodeVarint(1n))).toBe("01");
    expect(bytesToHex(encodeVarint(127n))).toBe("7f");
    expect(bytesToHex(encodeVarint(128n))).toBe("8001");
    expect(bytesToHex(encodeVarint(300n))).toBe("ac02");
    expect(bytesToHex(encodeVarint(10001n))).toBe("914e");
    expect(bytesToHex(encodeVarint(U64_MAX))).toBe("ffffffffffffffffff01");
  });
  it("writes negative int32/int64 as ten bytes, like Go's uint64 cast", () => {
    expect(bytesToHex(encodeVarint(-1n))).toBe("ffffffffffffffffff01");
    expect(bytesToHex(encodeVarint(-(1n << 63n)))).toBe("80808080808080808001");
    expect(encodeVarint(BigInt.asIntN(32, 0x80000000n))).toHaveLength(10);
  });
  it("refuses values no protobuf integer type holds", () => {
    expect(() => encodeVarint(U64_MAX + 1n)).toThrow(RangeError);
    expect(() => encodeVarint(-(1n << 63n) - 1n)).toThrow(RangeError);
  });
  it("round-trips every uint64 (property)", () => {
    const decode = (bytes: Uint8Array): bigint =>
      bytes.reduceRight((acc, b) => (acc << 7n) | BigInt(b & 0x7f), 0n);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: U64_MAX }), (v) => {
        const bytes = encodeVarint(v);
        expect(decode(bytes)).toBe(v);
        expect(bytes.slice(0, -1).every((b) => b >= 0x80)).toBe(true);
        expect(bytes[bytes.length - 1]).toBeLessThan(0x80);
      }),
    );
  });
});

describe("fields", () => {
  it("omits zero scalars and empty bytes/strings (proto3)", () => {
    expect(varintField(3, 0n)).toHaveLength(0);
    expect(bytesField(8, new Uint8Array(0))).toHaveLength(0);
    expect(stringField(2, "")).toHaveLength(0);
  });
  it("always writes an embedded message, even empty (gogoproto non-nullable)", () => {
    expect(bytesToHex(messageField(1, new Uint8Array(0)))).toBe("0a00");
  });
  it("encodes keys as field·8 + wire type, including two-byte keys", () => {
    expect(bytesToHex(varintField(1, 10n))).toBe("080a");
    expect(bytesToHex(stringField(2, "mainnet"))).toBe("12076d61696e6e6574");
    expect(bytesToHex(bytesField(16, Uint8Array.of(0x28)))).toBe("82010128");
    expect(() => varintField(0, 1n)).toThrow(RangeError);
  });
  it("builds messages by concatenation", () => {
    const version = concatBytes(varintField(1, 10n), varintField(2, 0n));
    expect(bytesToHex(messageField(1, version))).toBe("0a02080a");
  });
});

describe("Timestamp", () => {
  it("parses RFC 3339 with nanoseconds exactly and encodes {seconds=1, nanos=2}", () => {
    const ts = parseTimestamp("2023-04-26T21:52:12.123456789Z");
    expect(ts).toEqual({ seconds: 1682545932n, nanos: 123456789 });
    expect(bytesToHex(encodeTimestamp(ts!))).toBe("088cbaa6a20610959aef3a");
  });
  it("accepts 0 to 9 fractional digits", () => {
    const digits = "123456789";
    for (let n = 0; n <= 9; n++) {
      const text = `2020-01-01T00:00:00${n ? "." + digits.slice(0, n) : ""}Z`;
      expect(parseTimestamp(text)).toEqual({ seconds: 1577836800n, nanos: Number(digits.slice(0, n).padEnd(9, "0")) });
    }
    expect(parseTimestamp("2020-01-01T00:00:00.1234567890Z")).toBeUndefined();
    expect(parseTimestamp("2020-01-01T00:00:00.Z")).toBeUndefined();
  });
  it("applies numeric offsets", () => {
    expect(parseTimestamp("2020-01-01T02:30:00+02:30")).toEqual({ seconds: 1577836800n, nanos: 0 });
    expect(parseTimestamp("2019-12-31T23:00:00.5-01:00")).toEqual({ seconds: 1577836800n, nanos: 500000000 });
  });
  it("handles the epoch, leap days and times before 1970", () => {
    expect(parseTimestamp("1970-01-01T00:00:00Z")).toEqual({ seconds: 0n, nanos: 0 });
    expect(bytesToHex(encodeTimestamp({ seconds: 0n, nanos: 0 }))).toBe("");
    expect(parseTimestamp("2024-02-29T00:00:00Z")?.seconds).toBe(1709164800n);
    expect(parseTimestamp("1969-12-31T23:59:59.5Z")).toEqual({ seconds: -1n, nanos: 500000000 });
    expect(parseTimestamp("0001-01-01T00:00:00Z")?.seconds).toBe(-62135596800n);
  });
  it("refuses malformed or impossible times", () => {
    for (const bad of [
      "",
      "2023-04-26 21:52:12Z",
      "2023-04-26T21:52:12",
      "2023-02-29T00:00:00Z",
      "1900-02-29T00:00:00Z",
      "2023-13-01T00:00:00Z",
      "2023-04-31T00:00:00Z",
      "2023-04-26T24:00:00Z",
      "2023-04-26T23:60:00Z",
      "2023-04-26T23:59:60Z",
      "2023-04-26T23:59:59+24:00",
      "0000-12-31T23:59:59Z",
      "+2023-04-26T21:52:12Z",
    ]) {
      expect(parseTimestamp(bad), bad).toBeUndefined();
    }
  });
  it("agrees with Date on millisecond times (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999999 }),
        (date, subMillisecond) => {
          const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
          const text = iso.slice(0, 23) + String(subMillisecond).padStart(6, "0") + "Z";
          const ts = parseTimestamp(text);
          expect(ts).toBeDefined();
          expect(ts!.seconds * 1000n + BigInt(Math.floor(ts!.nanos / 1e6))).toBe(BigInt(date.getTime()));
          expect(ts!.nanos % 1e6).toBe(subMillisecond);
        },
      ),
    );
  });
});
