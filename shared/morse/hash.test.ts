import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytesStrict } from "../primitives/bytes.js";
import { addressFromPublicKey, blake2b256, sha256, sha3 } from "./hash.js";
import vectors from "../../test/fixtures/morse-vectors.json";

describe("hashes", () => {
  it("SHA3-256 is FIPS-202, not Keccak", () => {
    expect(bytesToHex(sha3(""))).toBe("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
  });
  it("BLAKE2b-256 and SHA-256 known answers", () => {
    expect(bytesToHex(blake2b256("abc"))).toBe("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    expect(bytesToHex(sha256("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("derives every vector key's address (spec §3.5)", () => {
    for (const key of [vectors.keys.app, vectors.keys.client, vectors.keys.servicer]) {
      expect(addressFromPublicKey(hexToBytesStrict(key.publicKey))).toBe(key.address);
    }
  });
});
