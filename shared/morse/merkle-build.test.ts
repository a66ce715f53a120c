import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { U64_MAX, utf8 } from "../primitives/bytes.js";
import type { HashRange, MerkleLeaf, MerkleOptions, MerkleProof } from "./merkle.js";
import { leafFromHash, leafFromProofBytes, levelsFor, nextPowerOfTwo, paddingLeafHash, parentHash } from "./merkle.js";
import { buildMerkleTree, buildMerkleTreeFromProofs } from "./merkle-build.js";
import { validateMerkleProof } from "./merkle-validate.js";

/** Go's algorithm as written: every level materialised (the reference the streaming build must match). */
function naiveLevels(sorted: MerkleLeaf[], options: MerkleOptions): HashRange[][] {
  const leaves: HashRange[] = [];
  let lower = 0n;
  for (const leaf of sorted) {
    leaves.push({ hash: leaf.hash, lower, upper: leaf.upper });
    lower = leaf.upper;
  }
  for (let i = sorted.length; i < nextPowerOfTwo(sorted.length); i++) {
    const upper = BigInt.asUintN(64, lower + 1n);
    leaves.push({ hash: paddingLeafHash(i), lower, upper });
    lower = upper;
  }
  const levels = [leaves];
  for (let level = leaves; level.length > 1; ) {
    const next: HashRange[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const [left, right] = [level[i], level[i + 1]];
      next.push({ hash: parentHash(left.hash, right.hash, i, left.lower, right.upper, options), lower: left.lower, upper: right.upper });
    }
    levels.push(next);
    level = next;
  }
  return levels;
}

function naiveBranch(levels: HashRange[][], index: number): MerkleProof {
  const hashRanges = levels.slice(0, -1).map((level, k) => level[Math.floor(index / 2 ** k) ^ 1]);
  return { index, hashRanges, targetRange: levels[0][index] };
}

function sortedLeavesOf(proofs: Uint8Array[]): MerkleLeaf[] {
  return proofs.map(leafFromProofBytes).sort((a, b) => (a.upper < b.upper ? -1 : a.upper > b.upper ? 1 : 0));
}

const proofsOf = (n: number, salt: number): Uint8Array[] => Array.from({ length: n }, (_, i) => utf8(`{"entropy":${i},"salt":${salt}}`));

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[(bit >> 3) % out.length] ^= 1 << (bit & 7);
  return out;
}

const treeCase = fc.record({
  n: fc.integer({ min: 2, max: 1000 }),
  salt: fc.integer(),
  legacy: fc.boolean(),
  target: fc.nat(),
  bit: fc.nat({ max: 255 }),
  level: fc.nat(),
});

describe("streaming build = Go's level-by-level build (property)", () => {
  it("same root and branch for 2…1000 leaves; the branch validates, tampered ones do not", () => {
    fc.assert(
      fc.property(treeCase, ({ n, salt, legacy, target, bit, level }) => {
        const proofs = proofsOf(n, salt);
        const sorted = sortedLeavesOf(proofs);
        const index = target % n;
        const options = { legacy };
        const levels = naiveLevels(sorted, options);
        const built = buildMerkleTree(sorted, n, { ...options, targetIndex: index });
        expect(built.ok).toBe(true);
        if (!built.ok) return;
        expect(built.root).toEqual(levels.at(-1)![0]);
        expect(built.proof).toEqual(naiveBranch(levels, index));

        const proof = built.proof!;
        const depth = levelsFor(n);
        const leafBytes = proofs[proofs.findIndex((p) => leafFromProofBytes(p).upper === proof.targetRange.upper)];
        expect(validateMerkleProof(built.root, leafBytes, proof, depth, options)).toEqual({ isValid: true, isReplayAttack: false });

        // A wrong sibling hash only shows at the root, which Go reports as a replay attack.
        const k = level % depth;
        const badSibling = proof.hashRanges.map((r, i) => (i === k ? { ...r, hash: flipBit(r.hash, bit) } : r));
        expect(validateMerkleProof(built.root, leafBytes, { ...proof, hashRanges: badSibling }, depth, options)).toEqual({
          isValid: false,
          isReplayAttack: true,
        });
        expect(validateMerkleProof(built.root, flipBit(leafBytes, bit), proof, depth, options).isValid).toBe(false);
        expect(validateMerkleProof({ ...built.root, hash: flipBit(built.root.hash, bit) }, leafBytes, proof, depth, options).isValid).toBe(false);
        expect(validateMerkleProof(built.root, leafBytes, { ...proof, index: index ^ 1 }, depth, options).isValid).toBe(false);
        expect(validateMerkleProof(built.root, leafBytes, proof, depth, { legacy: !legacy }).isValid).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it("in-memory build truncates to maxPossibleRelays in insertion order, before sorting", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.integer({ min: 2, max: 200 }), fc.integer(), (n, max, salt) => {
        const proofs = proofsOf(n, salt);
        const kept = proofs.slice(0, Math.min(n, max));
        const truncated = buildMerkleTreeFromProofs(proofs, { maxPossibleRelays: BigInt(max) });
        const reference = buildMerkleTree(sortedLeavesOf(kept), kept.length);
        expect(truncated.ok && reference.ok).toBe(true);
        if (truncated.ok && reference.ok) {
          expect(truncated.root).toEqual(reference.root);
          expect(truncated.sortedIndices.map((i) => leafFromProofBytes(proofs[i]).upper)).toEqual(sortedLeavesOf(kept).map((l) => l.upper));
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe("streaming build input checks", () => {
  const sorted = sortedLeavesOf(proofsOf(5, 7));
  const errorOf = (result: ReturnType<typeof buildMerkleTree>): string => (result.ok ? "" : result.error);

  it("reads a cursor of stored hashes once, lazily", () => {
    let pulled = 0;
    function* cursor(): Generator<MerkleLeaf> {
      for (const leaf of sorted) {
        pulled++;
        yield leafFromHash(leaf.hash.slice());
      }
    }
    const result = buildMerkleTree(cursor(), sorted.length, { targetIndex: 4 });
    expect(result.ok && result.root).toEqual(naiveLevels(sorted, {}).at(-1)![0]);
    expect(pulled).toBe(5);
  });

  it("refuses fewer than 2 leaves (Go panics on 1)", () => {
    expect(errorOf(buildMerkleTree(sorted.slice(0, 1), 1))).toMatch(/at least 2/);
    expect(errorOf(buildMerkleTree([], 0))).toMatch(/at least 2/);
    expect(buildMerkleTreeFromProofs(proofsOf(1, 0)).ok).toBe(false);
    expect(buildMerkleTreeFromProofs(proofsOf(5, 0), { maxPossibleRelays: 1 }).ok).toBe(false);
    expect(buildMerkleTreeFromProofs(proofsOf(5, 0), { maxPossibleRelays: 1.5 }).ok).toBe(false);
    expect(buildMerkleTreeFromProofs(proofsOf(5, 0), { maxPossibleRelays: -1n }).ok).toBe(false);
  });

  it("refuses a count that does not match the leaves", () => {
    expect(errorOf(buildMerkleTree(sorted, 4))).toMatch(/more than 4/);
    expect(errorOf(buildMerkleTree(sorted, 6))).toMatch(/expected 6 leaves, got 5/);
  });

  it("refuses unsorted leaves", () => {
    const unsorted = [sorted[1], sorted[0], ...sorted.slice(2)];
    expect(errorOf(buildMerkleTree(unsorted, 5))).toMatch(/sorted/);
  });

  it("accepts equal uppers (duplicates) but not an upper that is not the hash's", () => {
    expect(buildMerkleTree([sorted[0], sorted[0], sorted[1]], 3).ok).toBe(true);
    expect(errorOf(buildMerkleTree([sorted[0], { ...sorted[1], upper: sorted[1].upper + 1n }], 2))).toMatch(/first 8 bytes/);
    expect(errorOf(buildMerkleTree([sorted[0], { hash: sorted[1].hash.subarray(0, 31), upper: sorted[1].upper }], 2))).toMatch(/32/);
  });

  it("refuses a target outside the real leaves", () => {
    expect(errorOf(buildMerkleTree(sorted, 5, { targetIndex: 5 }))).toMatch(/target index/);
    expect(errorOf(buildMerkleTree(sorted, 5, { targetIndex: -1 }))).toMatch(/target index/);
    expect(buildMerkleTree(sorted, 5).ok && buildMerkleTree(sorted, 5)).not.toHaveProperty("proof");
  });

  it("wraps the padding range past 2^64−1 as Go's uint64 does", () => {
    const top = new Uint8Array(32).fill(0xff);
    const leaves = [...sorted.slice(0, 2), { hash: top, upper: U64_MAX }];
    const built = buildMerkleTree(leaves, 3, { targetIndex: 2 });
    const levels = naiveLevels(leaves, {});
    expect(built.ok && built.root).toEqual(levels.at(-1)![0]);
    expect(levels[0][3]).toMatchObject({ lower: U64_MAX, upper: 0n });
    expect(built.ok && built.proof).toEqual(naiveBranch(levels, 2));
  });
});
