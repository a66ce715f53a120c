import { describe, expect, it } from "vitest";
import { utf8 } from "../primitives/bytes.js";
import type { HashRange, MerkleProof } from "./merkle.js";
import { levelsFor } from "./merkle.js";
import { buildMerkleTreeFromProofs } from "./merkle-build.js";
import { validateMerkleProof } from "./merkle-validate.js";

// Which failures Go's MerkleProof.Validate reports as a replay attack, case by case.
const proofs = Array.from({ length: 6 }, (_, i) => utf8(`{"entropy":${i}}`));
const target = 2;
const built = buildMerkleTreeFromProofs(proofs, { targetIndex: target });
if (!built.ok) throw new Error(built.error);
const { root } = built;
const branch = built.proof!;
const leaf = proofs[built.sortedIndices[target]];
const levels = levelsFor(proofs.length);

const INVALID = { isValid: false, isReplayAttack: false };
const REPLAY = { isValid: false, isReplayAttack: true };
const withSibling = (k: number, change: Partial<HashRange>): MerkleProof => ({
  ...branch,
  hashRanges: branch.hashRanges.map((r, i) => (i === k ? { ...r, ...change } : r)),
});

describe("validateMerkleProof: Go's verdicts", () => {
  it("accepts the honest branch", () => {
    expect(validateMerkleProof(root, leaf, branch, levels)).toEqual({ isValid: true, isReplayAttack: false });
  });

  it("root lower ≠ 0: invalid, not a replay", () => {
    expect(validateMerkleProof({ ...root, lower: 1n }, leaf, branch, levels)).toEqual(INVALID);
  });

  it("target hash ≠ leaf hash, or target upper ≠ its hash's sum: invalid, not a replay", () => {
    expect(validateMerkleProof(root, proofs[0], branch, levels)).toEqual(INVALID);
    const badUpper = { ...branch, targetRange: { ...branch.targetRange, upper: branch.targetRange.upper + 1n } };
    expect(validateMerkleProof(root, leaf, badUpper, levels)).toEqual(INVALID);
  });

  it("an empty or zero range on a sibling: replay attack", () => {
    expect(validateMerkleProof(root, leaf, withSibling(1, { upper: 0n }), levels)).toEqual(REPLAY);
    expect(validateMerkleProof(root, leaf, withSibling(1, { lower: branch.hashRanges[1].upper }), levels)).toEqual(REPLAY);
  });

  it("an empty target range: replay attack", () => {
    const empty = { ...branch, targetRange: { ...branch.targetRange, lower: branch.targetRange.upper } };
    expect(validateMerkleProof(root, leaf, empty, levels)).toEqual(REPLAY);
  });

  it("ranges that do not touch: invalid, not a replay", () => {
    const sibling = branch.hashRanges[0]; // target 2 is even: its right neighbour must start at its upper
    expect(validateMerkleProof(root, leaf, withSibling(0, { lower: sibling.lower + 1n }), levels)).toEqual(INVALID);
  });

  it("a root mismatch at the end: replay attack, even for a mere wrong hash", () => {
    expect(validateMerkleProof({ ...root, upper: root.upper + 1n }, leaf, branch, levels)).toEqual(REPLAY);
    expect(validateMerkleProof(root, leaf, withSibling(2, { hash: new Uint8Array(32) }), levels)).toEqual(REPLAY);
  });

  it("too few levels: the climb stops early and misses the root", () => {
    expect(validateMerkleProof(root, leaf, branch, levels - 1)).toEqual(REPLAY);
  });

  it("more levels than siblings: invalid (Go would panic; the chain checks the count first)", () => {
    expect(validateMerkleProof(root, leaf, branch, levels + 1)).toEqual(INVALID);
  });

  it("does not modify the branch it checks", () => {
    const before = structuredClone(branch);
    validateMerkleProof(root, leaf, branch, levels);
    expect(branch).toEqual(before);
  });
});
