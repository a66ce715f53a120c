import fc from "fast-check";
import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { bytesToHex, hexToBytesStrict, utf8 } from "../primitives/bytes.js";
import { blake2b256 } from "../morse/hash.js";
import { sumFromHash } from "../morse/merkle.js";
import { evidenceObjectName, isRowKey, leafHashOf, rowKey, rowKeyForProofBytes, upperOf } from "./row-key.js";

const { relay1, merkle } = vectors;
const leafHash = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** memcmp, the order SQLite gives BLOBs. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

describe("rowKey", () => {
  it("orders keys as their leaves' uppers, unsigned (memcmp order = Merkle leaf order)", () => {
    fc.assert(
      fc.property(leafHash, leafHash, (a, b) => {
        const byKey = Math.sign(compareBytes(rowKey(a), rowKey(b)));
        const ua = sumFromHash(a);
        const ub = sumFromHash(b);
        if (ua !== ub) expect(byKey).toBe(ua < ub ? -1 : 1);
        else expect(byKey).toBe(Math.sign(compareBytes(a, b)));
      }),
    );
  });

  it("sorts uppers with the top bit set after all others (an INTEGER column would not)", () => {
    const low = new Uint8Array(32).fill(0xff);
    low[7] = 0x7f; // upper = 2^63 − 1
    const high = new Uint8Array(32);
    high[7] = 0x80; // upper = 2^63
    expect(compareBytes(rowKey(low), rowKey(high))).toBeLessThan(0);
    expect(upperOf(rowKey(high))).toBe(1n << 63n);
  });

  it("round-trips the leaf hash and its upper", () => {
    fc.assert(
      fc.property(leafHash, (hash) => {
        const key = rowKey(hash);
        expect(key).toHaveLength(40);
        expect(isRowKey(key)).toBe(true);
        expect(leafHashOf(key)).toEqual(hash);
        expect(upperOf(key)).toBe(sumFromHash(hash));
      }),
    );
  });

  it("gives the vector leaves' uppers, in the vector's sorted order (spec §6.2)", () => {
    // After the relays come padding leaves, whose ranges are not derived from their hashes.
    const leaves = merkle.leaves_sorted_padded.slice(0, merkle.claim_total_proofs);
    const keys = leaves.map((leaf) => rowKey(hexToBytesStrict(leaf.hash)));
    expect(keys.map(upperOf)).toEqual(leaves.map((leaf) => BigInt(leaf.upper)));
    expect([...keys].sort(compareBytes)).toEqual(keys);
  });

  it("refuses hashes and keys of the wrong shape", () => {
    expect(() => rowKey(new Uint8Array(31))).toThrow(TypeError);
    expect(() => upperOf(new Uint8Array(40))).not.toThrow(); // all zeros is a valid key (upper 0)
    const key = rowKey(blake2b256("x"));
    const tampered = key.slice();
    tampered[0] ^= 1;
    expect(isRowKey(tampered)).toBe(false);
    expect(isRowKey(key.subarray(0, 39))).toBe(false);
    expect(() => leafHashOf(tampered)).toThrow(TypeError);
  });
});

describe("rowKeyForProofBytes", () => {
  it("is the row key of BLAKE2b-256 of the proof bytes (relay1 vector, spec §3.4)", () => {
    const key = rowKeyForProofBytes(relay1.proof_preimage_utf8);
    expect(bytesToHex(leafHashOf(key))).toBe(relay1.merkle_leaf_blake2b256);
    expect(upperOf(key)).toBe(BigInt(relay1.merkle_leaf_upper_u64le));
    expect(key).toEqual(rowKey(blake2b256(utf8(relay1.proof_preimage_utf8))));
  });
});

describe("evidenceObjectName", () => {
  const header = {
    servicerPubKey: "ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d1",
    appPubKey: "b243b27bc9fbe5580457a46370ae5f03a6f6753633e51efdaf2cf534fdc26cc3",
    chain: "0021",
    sessionHeight: "10001",
  };

  it("joins the header's fields", () => {
    expect(evidenceObjectName(header)).toEqual({ ok: true, value: `${header.servicerPubKey}/${header.appPubKey}/0021/10001` });
    expect(evidenceObjectName({ ...header, chain: "000C", sessionHeight: "9223372036854775807" }).ok).toBe(true);
  });

  it.each([
    ["servicerPubKey", header.servicerPubKey.toUpperCase()],
    ["servicerPubKey", header.servicerPubKey.slice(2)],
    ["appPubKey", `${header.appPubKey.slice(1)}g`],
    ["chain", "021"],
    ["chain", ""],
    ["chain", "0021002100"],
    ["chain", "00/1"],
    ["sessionHeight", "0"],
    ["sessionHeight", "010001"],
    ["sessionHeight", "-1"],
    ["sessionHeight", "1e4"],
    ["sessionHeight", "9223372036854775808"],
  ])("refuses a bad %s (%s)", (field, value) => {
    const result = evidenceObjectName({ ...header, [field]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(field);
  });

  it("refuses fields that are not strings", () => {
    expect(evidenceObjectName({ ...header, sessionHeight: 10001 as unknown as string }).ok).toBe(false);
  });
});
