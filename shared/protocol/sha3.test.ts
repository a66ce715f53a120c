import { sha3_256 as nobleSha3 } from "@noble/hashes/sha3.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, utf8 } from "./bytes.js";
import { sha3_256 } from "./sha3.js";

/** Deterministic bytes covering all 256 values, different for each length and seed. */
function bytes(length: number, seed = length): Uint8Array {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const same = (input: Uint8Array) => expect(bytesToHex(sha3_256(input))).toBe(bytesToHex(nobleSha3(input)));

describe("sha3_256", () => {
  it("matches the FIPS 202 known answers", () => {
    expect(bytesToHex(sha3_256(new Uint8Array(0)))).toBe(
      "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
    );
    expect(bytesToHex(sha3_256(utf8("abc")))).toBe(
      "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532",
    );
    // NIST's SHA3-256 example for the 1600-bit message of 0xa3 bytes (longer than one 136-byte block).
    expect(bytesToHex(sha3_256(new Uint8Array(200).fill(0xa3)))).toBe(
      "79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787",
    );
  });

  it("is SHA3-256, not Keccak-256 (padding 0x06, not 0x01)", () => {
    expect(bytesToHex(sha3_256(new Uint8Array(0)))).not.toBe(
      "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
  });

  // The padding byte and the final 0x80 share a byte at 135, and land in a block of their own at 136.
  it("matches noble around the 136-byte rate boundaries", () => {
    for (const length of [135, 136, 137, 271, 272, 273, 407, 408, 409]) {
      same(bytes(length));
      same(new Uint8Array(length).fill(0xff));
      same(new Uint8Array(length));
    }
  });

  it("matches noble for every length 0…600", () => {
    for (let length = 0; length <= 600; length++) same(bytes(length));
  });

  it("reads views at any byte offset and leaves the input alone", () => {
    const backing = bytes(700, 7);
    const copy = backing.slice();
    for (const offset of [1, 2, 3, 5, 136, 137]) {
      for (const length of [0, 1, 32, 135, 136, 300]) same(backing.subarray(offset, offset + length));
    }
    expect(backing).toEqual(copy);
  });

  it("carries no state from one hash to the next", () => {
    const a = bytes(300, 1);
    const first = bytesToHex(sha3_256(a));
    sha3_256(bytes(1000, 2));
    sha3_256(new Uint8Array(0));
    expect(bytesToHex(sha3_256(a))).toBe(first);
  });

  it("matches noble on random inputs up to 2 KB", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (input) => {
        expect(bytesToHex(sha3_256(input))).toBe(bytesToHex(nobleSha3(input)));
      }),
      { numRuns: 300 },
    );
  });
});
