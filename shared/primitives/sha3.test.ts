import { sha3_256 as nobleSha3 } from "@noble/hashes/sha3.js";
import { describe, expect, it } from "vitest";
import { bytesToHex, utf8 } from "./bytes.js";
import { hashConformance } from "./hash-conformance.testing.js";
import { sha3_256 } from "./sha3.js";

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

  // Against noble. The padding byte and the final 0x80 share a byte at 135, and land in a block of
  // their own at 136 (the rate is 136 bytes).
  hashConformance(sha3_256, nobleSha3, {
    boundaryLengths: [135, 136, 137, 271, 272, 273, 407, 408, 409],
    viewOffsets: [1, 2, 3, 5, 136, 137],
    viewLengths: [0, 1, 32, 135, 136, 300],
    stateLength: 300,
  });
});
