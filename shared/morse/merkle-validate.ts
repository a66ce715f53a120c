/**
 * Checking a Merkle branch against a claimed root: an exact port of Go `MerkleProof.Validate`
 * (pocket-core `x/pocketcore/types/merkle.go`, spec §6.3), including when it raises the replay-attack flag.
 *
 * Which failures count as a replay attack follows the Go code, not intuition:
 * - root lower ≠ 0, leaf hash ≠ target hash, target upper ≠ its hash's sum, or two ranges that do not
 *   touch: invalid, **not** a replay attack (chain error 66);
 * - an empty or zero range on the target or a sibling at any level: replay attack (86 after REPBR);
 * - any mismatch with the root at the end: **also** a replay attack, so a branch with one wrong sibling
 *   hash is punished like a replayed relay.
 * @module
 */
import { equalBytes } from "../primitives/bytes.js";
import { blake2b256 } from "./hash.js";
import type { HashRange, MerkleOptions, MerkleProof } from "./merkle.js";
import { isValidRange, parentHash, sumFromHash } from "./merkle.js";

/** Go's two return values of `MerkleProof.Validate`. */
export interface MerkleValidation {
  isValid: boolean;
  isReplayAttack: boolean;
}

const INVALID: MerkleValidation = { isValid: false, isReplayAttack: false };
const REPLAY: MerkleValidation = { isValid: false, isReplayAttack: true };

/**
 * Verifies that `leafProofBytes` (the relay proof JSON without signature) is at `proof.index` in the tree
 * whose root is `root`. `levels` is what the chain passes: `len(hash_ranges)` after checking that it equals
 * `levelsFor(total_proofs)`. Use `legacy` for sessions before the codec upgrade.
 * @example
 * const { isValid, isReplayAttack } = validateMerkleProof(claim.root, proofBytes, branch, levelsFor(total));
 */
export function validateMerkleProof(
  root: HashRange,
  leafProofBytes: Uint8Array,
  proof: MerkleProof,
  levels: number,
  options: MerkleOptions = {},
): MerkleValidation {
  if (root.lower !== 0n) return INVALID;
  const target = { ...proof.targetRange };
  if (!equalBytes(target.hash, blake2b256(leafProofBytes))) return INVALID;
  if (target.upper !== sumFromHash(target.hash)) return INVALID;
  // Go's TargetIndex is an int64: `%` and `/` truncate toward zero exactly as JS `%` and Math.trunc do.
  let index = proof.index;
  for (let i = 0; i < levels; i++) {
    if (!isValidRange(target)) return REPLAY;
    const sibling = proof.hashRanges[i];
    // Go would panic (index out of range); the chain checks the level count first, so never gets here.
    if (sibling === undefined) return INVALID;
    if (!isValidRange(sibling)) return REPLAY;
    if (index % 2 === 1) {
      if (target.lower !== sibling.upper) return INVALID;
      target.lower = sibling.lower;
      target.hash = parentHash(sibling.hash, target.hash, index - 1, target.lower, target.upper, options);
    } else {
      if (target.upper !== sibling.lower) return INVALID;
      target.upper = sibling.upper;
      target.hash = parentHash(target.hash, sibling.hash, index, target.lower, target.upper, options);
    }
    index = Math.trunc(index / 2);
  }
  const isValid = equalBytes(root.hash, target.hash) && root.lower === target.lower && root.upper === target.upper;
  return isValid ? { isValid: true, isReplayAttack: false } : REPLAY;
}
