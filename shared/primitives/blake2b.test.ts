import { blake2b } from "@noble/hashes/blake2.js";
import { describe, expect, it } from "vitest";
import { blake2b256 } from "./blake2b.js";
import { bytesToHex, utf8 } from "./bytes.js";
import { hashConformance } from "./hash-conformance.testing.js";

describe("blake2b256", () => {
  it("matches the BLAKE2b-256 known answers", () => {
    expect(bytesToHex(blake2b256(new Uint8Array(0)))).toBe(
      "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
    );
    expect(bytesToHex(blake2b256(utf8("abc")))).toBe(
      "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
    );
  });

  // Against noble. A full last block is compressed as final, not followed by an empty one (128-byte
  // blocks); 96 bytes is a Merkle node.
  hashConformance(blake2b256, (input) => blake2b(input, { dkLen: 32 }), {
    boundaryLengths: [1, 96, 127, 128, 129, 255, 256, 257, 383, 384, 385],
    viewOffsets: [1, 2, 3, 5, 128, 129],
    viewLengths: [0, 1, 32, 96, 128, 300],
    stateLength: 96,
  });
});
