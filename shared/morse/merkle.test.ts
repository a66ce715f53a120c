import { describe, expect, it } from "vitest";
import { bytesToHex, concatBytes, hexToBytesStrict, utf8, writeU64LE } from "../primitives/bytes.js";
import { blake2b256, sha3 } from "./hash.js";
import type { HashRange, MerkleProof } from "./merkle.js";
import {
  CODEC_UPGRADE_HEIGHT,
  isAfterCodecUpgrade,
  leafFromProofBytes,
  levelsFor,
  nextPowerOfTwo,
  paddingLeafHash,
  parentHash,
} from "./merkle.js";
import { buildMerkleTreeFromProofs } from "./merkle-build.js";
import { validateMerkleProof } from "./merkle-validate.js";
import vectors from "../../test/fixtures/morse-vectors.json";

const { relay1, merkle } = vectors;

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/**
 * Proof bytes of vector relay `entropy` (1001…1010). The vector file does not spell them out; they were
 * reverse-engineered (and are confirmed below by the leaf hashes): relay1's proof with that entropy, for a
 * request like relay1's but calling `eth_chainId` with JSON-RPC id `entropy − 1000`.
 */
function vectorProofBytes(entropy: number): Uint8Array {
  let request = replaceOnce(relay1.requestHash_preimage_utf8, String.raw`\"id\":1}`, String.raw`\"id\":${entropy - 1000}}`);
  request = replaceOnce(request, "eth_blockNumber", "eth_chainId");
  let proof = replaceOnce(relay1.proof_preimage_utf8, '"entropy":4242424242', `"entropy":${entropy}`);
  proof = replaceOnce(proof, relay1.request_hash, bytesToHex(sha3(request)));
  return utf8(proof);
}

type VectorRange = { hash: string; lower: string; upper: string };
const range = (v: VectorRange): HashRange => ({ hash: hexToBytesStrict(v.hash), lower: BigInt(v.lower), upper: BigInt(v.upper) });
const show = (r: HashRange): VectorRange => ({ hash: bytesToHex(r.hash), lower: String(r.lower), upper: String(r.upper) });
const vectorBranch = (v: { index: number; hash_ranges: VectorRange[]; target_range: VectorRange }): MerkleProof => ({
  index: v.index,
  hashRanges: v.hash_ranges.map(range),
  targetRange: range(v.target_range),
});

const inputProofs = merkle.proofs_entropy_in_input_order.map(vectorProofBytes);
const levels = levelsFor(merkle.claim_total_proofs);

describe("Merkle leaf (spec §3.4)", () => {
  it("relay1: BLAKE2b-256 of the proof bytes, upper = LE uint64 of its first 8 bytes", () => {
    const leaf = leafFromProofBytes(utf8(relay1.proof_preimage_utf8));
    expect(bytesToHex(leaf.hash)).toBe(relay1.merkle_leaf_blake2b256);
    expect(leaf.upper).toBe(BigInt(relay1.merkle_leaf_upper_u64le));
  });
});

describe("Merkle tree of the 10 vector proofs (spec §6.2)", () => {
  const built = buildMerkleTreeFromProofs(inputProofs);
  if (!built.ok) throw new Error(built.error);

  it("sorts the leaves by upper", () => {
    const entropies = built.sortedIndices.map((i) => merkle.proofs_entropy_in_input_order[i]);
    expect(entropies).toEqual(merkle.sorted_entropies);
  });

  it("gives every real leaf the range [previous upper, own upper)", () => {
    for (let k = 0; k < merkle.claim_total_proofs; k++) {
      const withBranch = buildMerkleTreeFromProofs(inputProofs, { targetIndex: k });
      if (!withBranch.ok) throw new Error(withBranch.error);
      expect(show(withBranch.proof!.targetRange)).toEqual(merkle.leaves_sorted_padded[k]);
    }
  });

  it("pads to 16 with BLAKE2b(decimal i) over [lower, lower+1)", () => {
    const padding = merkle.leaves_sorted_padded.slice(merkle.claim_total_proofs);
    expect(padding).toHaveLength(nextPowerOfTwo(merkle.claim_total_proofs) - merkle.claim_total_proofs);
    let lower = BigInt(merkle.leaves_sorted_padded[merkle.claim_total_proofs - 1].upper);
    padding.forEach((leaf, k) => {
      expect(bytesToHex(paddingLeafHash(merkle.claim_total_proofs + k))).toBe(leaf.hash);
      expect([leaf.lower, leaf.upper]).toEqual([String(lower), String(lower + 1n)]);
      lower += 1n;
    });
  });

  it("has the vector root (96-byte parent preimage)", () => {
    expect(show(built.root)).toEqual(merkle.root);
  });

  it("has the vector pre-codec-upgrade root (80-byte parent preimage)", () => {
    const legacy = buildMerkleTreeFromProofs(inputProofs, { legacy: true });
    expect(legacy.ok && show(legacy.root)).toEqual(merkle.root_legacy_pre_codec_upgrade);
  });

  for (const name of ["merkle_proof", "merkle_proof_index7"] as const) {
    const vector = merkle[name];
    it(`builds the branch of ${name} (index ${vector.index}) and it validates`, () => {
      const withBranch = buildMerkleTreeFromProofs(inputProofs, { targetIndex: vector.index });
      if (!withBranch.ok) throw new Error(withBranch.error);
      const proof = withBranch.proof!;
      expect(proof.index).toBe(vector.index);
      expect(proof.hashRanges.map(show)).toEqual(vector.hash_ranges);
      expect(show(proof.targetRange)).toEqual(vector.target_range);
      const leafPosition = withBranch.sortedIndices[vector.index];
      expect(merkle.proofs_entropy_in_input_order[leafPosition]).toBe(vector.leaf_entropy);

      const leaf = vectorProofBytes(vector.leaf_entropy);
      expect(proof.hashRanges).toHaveLength(levels);
      expect(validateMerkleProof(built.root, leaf, proof, levels)).toEqual(merkle.validates);
      // The vector's own branch, not just ours.
      expect(validateMerkleProof(range(merkle.root), leaf, vectorBranch(vector), levels)).toEqual(merkle.validates);
    });
  }

  it("validates a legacy branch only with the legacy layout", () => {
    const legacy = buildMerkleTreeFromProofs(inputProofs, { legacy: true, targetIndex: 7 });
    if (!legacy.ok) throw new Error(legacy.error);
    const leaf = vectorProofBytes(merkle.merkle_proof_index7.leaf_entropy);
    expect(validateMerkleProof(legacy.root, leaf, legacy.proof!, levels, { legacy: true })).toEqual(merkle.validates);
    // Go flags any final root mismatch as a replay attack, whatever the cause.
    expect(validateMerkleProof(legacy.root, leaf, legacy.proof!, levels)).toEqual({ isValid: false, isReplayAttack: true });
  });

  it("does not validate the wrong leaf for the branch", () => {
    const leaf = vectorProofBytes(merkle.merkle_proof_index7.leaf_entropy);
    const result = validateMerkleProof(built.root, leaf, vectorBranch(merkle.merkle_proof), levels);
    expect(result).toEqual({ isValid: false, isReplayAttack: false });
  });
});

describe("duplicate relay (spec §6.1, §7.3)", () => {
  const example = merkle.duplicate_leaf_example;
  // The tenth relay replaced by a second copy of the first (found by matching the vector root).
  const entropies = [...merkle.proofs_entropy_in_input_order.slice(0, 9), merkle.proofs_entropy_in_input_order[0]];

  it("builds the vector root and flags the second copy's branch as a replay attack", () => {
    const built = buildMerkleTreeFromProofs(entropies.map(vectorProofBytes), { targetIndex: example.index });
    if (!built.ok) throw new Error(built.error);
    expect(show(built.root)).toEqual(example.root);
    const proof = built.proof!;
    expect(proof.targetRange.lower).toBe(proof.targetRange.upper); // the empty range [u, u)
    const leaf = vectorProofBytes(entropies[built.sortedIndices[example.index]]);
    expect(validateMerkleProof(built.root, leaf, proof, levels)).toEqual(example.result);
  });
});

describe("parentHash", () => {
  const u64s = (...values: bigint[]): Uint8Array => {
    const out = new Uint8Array(8 * values.length);
    values.forEach((v, i) => writeU64LE(out, 8 * i, v));
    return out;
  };
  const left = blake2b256("left");
  const right = blake2b256("right");

  it("hashes left ‖ right ‖ LE64(i) ‖ LE64(i+1) ‖ LE64(lower) ‖ LE64(upper), or without the indices (legacy)", () => {
    expect(parentHash(left, right, 6, 5n, 9n)).toEqual(blake2b256(concatBytes(left, right, u64s(6n, 7n, 5n, 9n))));
    expect(parentHash(left, right, 6, 5n, 9n, { legacy: true })).toEqual(blake2b256(concatBytes(left, right, u64s(5n, 9n))));
    // Go's uint64(int64) of a bogus negative index wraps.
    expect(parentHash(left, right, -1, 5n, 9n)).toEqual(blake2b256(concatBytes(left, right, u64s(2n ** 64n - 1n, 0n, 5n, 9n))));
  });

  it("copies Go's MultiAppend for hashes of the wrong length: fixed 96/80 bytes, zero-filled or cut", () => {
    const short = right.subarray(0, 31);
    const tail = u64s(6n, 7n, 5n, 9n);
    expect(parentHash(left, short, 6, 5n, 9n)).toEqual(blake2b256(concatBytes(left, short, tail, new Uint8Array(1))));
    const long = concatBytes(left, new Uint8Array([1, 2]));
    expect(parentHash(long, right, 6, 5n, 9n)).toEqual(blake2b256(concatBytes(long, right, tail).subarray(0, 96)));
    expect(parentHash(long, right, 6, 5n, 9n, { legacy: true })).toEqual(blake2b256(concatBytes(long, right, u64s(5n, 9n)).subarray(0, 80)));
  });
});

describe("helpers", () => {
  it("levelsFor = ceil(log2(total)) = log2 of the padded size", () => {
    const cases: [number, number][] = [[1, 0], [2, 1], [3, 2], [4, 2], [5, 3], [10, 4], [16, 4], [17, 5], [1_000_000, 20], [2 ** 20, 20], [2 ** 20 + 1, 21]];
    for (const [total, expected] of cases) {
      expect(levelsFor(total)).toBe(expected);
      expect(levelsFor(total)).toBe(Math.ceil(Math.log2(total)));
    }
    expect(() => levelsFor(0)).toThrow(RangeError);
  });

  it("switches to the 96-byte layout at the codec upgrade height, and for height −1 as Go does", () => {
    expect(CODEC_UPGRADE_HEIGHT).toBe(30024);
    expect(isAfterCodecUpgrade(30023)).toBe(false);
    expect(isAfterCodecUpgrade(30024)).toBe(true);
    expect(isAfterCodecUpgrade(10001n)).toBe(false);
    expect(isAfterCodecUpgrade(-1)).toBe(true);
  });
});
