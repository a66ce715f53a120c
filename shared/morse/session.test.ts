import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { bytesToBase64, bytesToHex } from "../primitives/bytes.js";
import {
  isProofSessionHeightWithinTolerance,
  isSessionBlock,
  latestSessionBlockHeight,
  sessionHeaderHash,
  sessionHeaderJSON,
  sessionKey,
  validateSessionHeader,
} from "./session.js";

const v = vectors.session;
const APP = vectors.keys.app.publicKey;
const BLOCK_HASH = v.blockHash_used_as_seed;
const header = { app_public_key: APP, chain: "0021", session_height: 10001n };

describe("session heights (spec §4.1)", () => {
  it("reproduces every latestSessionBlockHeight vector (BPS 4)", () => {
    for (const row of v.latestSessionBlockHeight_bps4) {
      expect(latestSessionBlockHeight(BigInt(row.height), 4n)).toBe(BigInt(row.sbh));
      expect(latestSessionBlockHeight(row.height, 4)).toBe(BigInt(row.sbh));
    }
  });
  it("session blocks are 1, 1+BPS, 1+2·BPS, …", () => {
    expect([1, 2, 4, 5, 9, 10001, 10004].map((h) => isSessionBlock(h, 4))).toEqual([true, false, false, true, true, true, false]);
    for (let h = 1n; h < 50n; h++) expect(latestSessionBlockHeight(h, 4n) === h).toBe(isSessionBlock(h, 4n));
  });
  it("copies Go with BPS = 1: every height is its own session, none is a session block", () => {
    expect(latestSessionBlockHeight(7n, 1n)).toBe(7n);
    expect(isSessionBlock(7n, 1n)).toBe(false);
  });
  it("stays exact above 2^53", () => {
    const h = (1n << 62n) + 3n;
    expect(latestSessionBlockHeight(h, 4n)).toBe(h - 2n);
  });
  it("throws on a value that is not an int64 or a zero BPS (caller bugs)", () => {
    expect(() => latestSessionBlockHeight(1.5, 4)).toThrow(RangeError);
    expect(() => latestSessionBlockHeight(2 ** 60, 4)).toThrow(RangeError);
    expect(() => latestSessionBlockHeight(1n << 63n, 4n)).toThrow(RangeError);
    expect(() => latestSessionBlockHeight(10n, 0n)).toThrow(RangeError);
  });
});

describe("isProofSessionHeightWithinTolerance (spec §4.1)", () => {
  it("with allowance 0 accepts only the latest session", () => {
    expect(isProofSessionHeightWithinTolerance(10001n, 10001n, 0n, 4n)).toBe(true);
    expect(isProofSessionHeightWithinTolerance(9997n, 10001n, 0n, 4n)).toBe(false);
    expect(isProofSessionHeightWithinTolerance(10002n, 10001n, 0n, 4n)).toBe(false);
  });
  it("has inclusive bounds latestSBH − allowance·BPS ≤ sbh ≤ latestSBH", () => {
    const within = (sbh: bigint) => isProofSessionHeightWithinTolerance(sbh, 10001n, 2n, 4n);
    expect(within(9993n)).toBe(true);
    expect(within(9992n)).toBe(false);
    expect(within(10001n)).toBe(true);
    expect(within(10002n)).toBe(false);
    expect(within(9995n)).toBe(true); // not a session start: Go does not check alignment
  });
  it("refuses sbh ≤ 0 even when the window reaches below zero", () => {
    expect(isProofSessionHeightWithinTolerance(0n, 1n, 5n, 4n)).toBe(false);
    expect(isProofSessionHeightWithinTolerance(-3n, 1n, 5n, 4n)).toBe(false);
    expect(isProofSessionHeightWithinTolerance(1n, 1n, 5n, 4n)).toBe(true);
  });
});

describe("session header (spec §4.3 cache key)", () => {
  it("reproduces the header JSON and its SHA3", () => {
    expect(sessionHeaderJSON(header)).toEqual({ ok: true, json: v.header_json });
    const hash = sessionHeaderHash({ ...header, session_height: 10001 });
    expect(hash.ok && bytesToHex(hash.hash)).toBe(v.header_hash_sha3);
  });
  it("validates like ValidateHeader, in Go's order", () => {
    const code = (h: Partial<typeof header>) => validateSessionHeader({ ...header, ...h })?.code;
    expect(code({})).toBeUndefined();
    expect(code({ app_public_key: APP.toUpperCase() })).toBeUndefined(); // Go's hex decoder accepts it
    expect(code({ app_public_key: "zz" + APP.slice(2) })).toBe(6);
    expect(code({ app_public_key: APP.slice(2) })).toBe(42);
    expect(code({ app_public_key: APP.slice(2), chain: "" })).toBe(42);
    expect(code({ chain: "" })).toBe(23);
    expect(code({ chain: "0021000000" })).toBe(62);
    expect(code({ chain: "00210", session_height: 0n })).toBe(52);
    expect(code({ session_height: 0n })).toBe(60);
    expect(code({ session_height: -1n })).toBe(60);
  });
  it("returns the Morse error as a value, with Go's hex error text for code 52", () => {
    expect(sessionHeaderJSON({ ...header, chain: "00zz" })).toEqual({
      ok: false,
      code: 52,
      codespace: "pocketcore",
      message: "the hex string could not be decoded: encoding/hex: invalid byte: U+007A 'z'",
    });
    expect(sessionHeaderHash({ ...header, session_height: 0n })).toMatchObject({ ok: false, code: 60 });
  });
});

describe("sessionKey (spec §4.2)", () => {
  it("reproduces the vector's seed, key and dispatch base64", () => {
    const r = sessionKey(APP, "0021", BLOCK_HASH);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.seed).toBe(v.session_key_preimage_utf8);
    expect(bytesToHex(r.key)).toBe(v.session_key_hex);
    expect(bytesToBase64(r.key)).toBe(v.session_key_base64_as_in_dispatch);
  });
  it("validates app key (6, 42), then chain (always 8), then block hash (52, 23, 62)", () => {
    const code = (app: string, chain: string, hash: string) => {
      const r = sessionKey(app, chain, hash);
      return r.ok ? undefined : r.code;
    };
    expect(code("xx", "", "")).toBe(6);
    expect(code(APP + "00", "", "")).toBe(42);
    for (const chain of ["", "zz", "002", "0021000000"]) expect(code(APP, chain, BLOCK_HASH)).toBe(8);
    expect(code(APP, "0021", "")).toBe(23);
    expect(code(APP, "0021", BLOCK_HASH.slice(2))).toBe(62);
    expect(code(APP, "0021", BLOCK_HASH + "0")).toBe(52);
    expect(sessionKey(APP, "0021", "g" + BLOCK_HASH.slice(1))).toMatchObject({
      ok: false,
      code: 52,
      message: "the hex string could not be decoded: encoding/hex: invalid byte: U+0067 'g'",
    });
  });
  it("hashes the strings as given: case changes the key", () => {
    const lower = sessionKey(APP, "0021", BLOCK_HASH);
    const upper = sessionKey(APP, "0021", BLOCK_HASH.toUpperCase());
    expect(lower.ok && upper.ok && bytesToHex(lower.key) !== bytesToHex(upper.key)).toBe(true);
  });
});
