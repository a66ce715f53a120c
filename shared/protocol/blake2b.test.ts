import { blake2b } from "@noble/hashes/blake2.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blake2b256 } from "./blake2b.js";
import { bytesToHex, utf8 } from "./bytes.js";

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

const noble = (input: Uint8Array) => blake2b(input, { dkLen: 32 });
const same = (input: Uint8Array) => expect(bytesToHex(blake2b256(input))).toBe(bytesToHex(noble(input)));

describe("blake2b256", () => {
  it("matches the BLAKE2b-256 known answers", () => {
    expect(bytesToHex(blake2b256(new Uint8Array(0)))).toBe(
      "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
    );
    expect(bytesToHex(blake2b256(utf8("abc")))).toBe(
      "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
    );
  });

  // A full last block is compressed as final, not followed by an empty one; 96 is a Merkle node.
  it("matches noble around the 128-byte block boundaries", () => {
    for (const length of [1, 96, 127, 128, 129, 255, 256, 257, 383, 384, 385]) {
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
    for (const offset of [1, 2, 3, 5, 128, 129]) {
      for (const length of [0, 1, 32, 96, 128, 300]) same(backing.subarray(offset, offset + length));
    }
    expect(backing).toEqual(copy);
  });

  it("carries no state from one hash to the next", () => {
    const a = bytes(96, 1);
    const first = bytesToHex(blake2b256(a));
    blake2b256(bytes(1000, 2));
    blake2b256(new Uint8Array(0));
    expect(bytesToHex(blake2b256(a))).toBe(first);
  });

  it("matches noble on random inputs up to 2 KB", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (input) => {
        expect(bytesToHex(blake2b256(input))).toBe(bytesToHex(noble(input)));
      }),
      { numRuns: 300 },
    );
  });
});
