import { describe, expect, it } from "vitest";
import { bytesToHex } from "../primitives/bytes.js";
import { sha3 } from "./hash.js";
import { pseudorandomProofIndex } from "./merkle-proof-index.js";
import vectors from "../../test/fixtures/morse-vectors.json";

const { merkle, session } = vectors;
const seedFields = JSON.parse(merkle.proof_index_seed_utf8) as { BlockHash: string; Header: string };

describe("pseudorandom proof index (spec §6.4)", () => {
  it("reproduces the vector seed and index", () => {
    expect(seedFields.Header).toBe(bytesToHex(sha3(session.header_json)));
    const result = pseudorandomProofIndex(seedFields.BlockHash, seedFields.Header, merkle.claim_total_proofs);
    expect(result).toEqual({ ok: true, seed: merkle.proof_index_seed_utf8, index: Number(merkle.proof_index) });
  });

  it("takes the first 8 digest bytes big-endian, mod total", () => {
    // BE uint64 of the seed's SHA3 is 0xb9f7a9661475a60e; remainders computed independently (Python).
    const expected: [number, number][] = [[7, 5], [1000, 70], [999_983, 11_235], [2 ** 31 - 1, 140_835_037], [2 ** 53 - 1, 6_660_180_359_359_453]];
    for (const [total, index] of expected) {
      const result = pseudorandomProofIndex(seedFields.BlockHash, seedFields.Header, total);
      expect(result.ok && result.index).toBe(index);
    }
  });

  it("lowercases hex as Go's hex.EncodeToString would (tendermint RPC prints uppercase)", () => {
    const result = pseudorandomProofIndex(seedFields.BlockHash.toUpperCase(), seedFields.Header.toUpperCase(), 10);
    expect(result.ok && result.seed).toBe(merkle.proof_index_seed_utf8);
  });

  it("refuses bad input as values", () => {
    expect(pseudorandomProofIndex("zz", seedFields.Header, 10).ok).toBe(false);
    expect(pseudorandomProofIndex(seedFields.BlockHash, "abc", 10).ok).toBe(false);
    expect(pseudorandomProofIndex(seedFields.BlockHash, seedFields.Header, 0).ok).toBe(false);
    expect(pseudorandomProofIndex(seedFields.BlockHash, seedFields.Header, 1.5).ok).toBe(false);
  });
});
