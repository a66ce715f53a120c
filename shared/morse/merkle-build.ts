/**
 * Building the Merkle range tree (spec §6.2) in one streaming pass, plus an in-memory convenience.
 *
 * Go (`GenerateRoot`, `GenerateProofs`) materialises every leaf and rewrites the slice level by level.
 * A Durable Object holding a million relays cannot afford that within 128 MB, so {@link buildMerkleTree}
 * reads leaves from an iterator (a SQL cursor `ORDER BY upper`) and keeps only a stack of pending subtree
 * roots, one per set bit of the position, like a binary counter: O(log n) memory. Each node is produced
 * exactly once, so the branch of a target leaf is collected on the way, in the same pass.
 * @module
 */
import { U64_MAX } from "../primitives/bytes.js";
import type { HashRange, MerkleLeaf, MerkleOptions, MerkleProof } from "./merkle.js";
import {
  MERKLE_HASH_LENGTH,
  leafFromProofBytes,
  levelsFor,
  nextPowerOfTwo,
  paddingLeafHash,
  parentHash,
  sumFromHash,
} from "./merkle.js";

/** Options of {@link buildMerkleTree}. */
export interface MerkleBuildOptions extends MerkleOptions {
  /** Position (among the sorted leaves) of the leaf whose branch to return; omit for the root only. */
  targetIndex?: number;
}

export type MerkleBuildResult =
  | { ok: true; root: HashRange; proof?: MerkleProof }
  | { ok: false; error: string };

/**
 * Root of the tree over `sortedLeaves` and, if `targetIndex` is given, that leaf's branch.
 *
 * `sortedLeaves` must yield exactly `count` leaves in non-decreasing `upper` order; anything else
 * (unsorted, too few or too many, an `upper` that is not the hash's, a hash that is not 32 bytes)
 * is an error result, because a wrong root would only be discovered on chain. At least 2 leaves are
 * required: Go panics on 1.
 *
 * The order is unsigned: SQLite integers are signed 64-bit, so a column holding `upper` as-is would sort
 * every upper ≥ 2^63 first. Store a sort key that orders like the uint64 (e.g. `upper − 2^63`, or the
 * 8 bytes big-endian as a BLOB); the unsorted input would be reported here, not silently hashed.
 * @example
 * const rows = sql.exec("SELECT hash FROM relays ORDER BY upper_key"); // hash as a BLOB
 * const leaves = (function* () { for (const row of rows) yield leafFromHash(row.hash); })();
 * const built = buildMerkleTree(leaves, count, { targetIndex, legacy: !isAfterCodecUpgrade(sbh) });
 */
export function buildMerkleTree(
  sortedLeaves: Iterable<MerkleLeaf>,
  count: number,
  options: MerkleBuildOptions = {},
): MerkleBuildResult {
  if (!Number.isSafeInteger(count) || count < 2) {
    return { ok: false, error: `a Merkle tree needs at least 2 leaves, got ${count}` };
  }
  const { targetIndex } = options;
  if (targetIndex !== undefined && !(Number.isSafeInteger(targetIndex) && targetIndex >= 0 && targetIndex < count)) {
    return { ok: false, error: `target index ${targetIndex} is outside 0…${count - 1}` };
  }
  const size = nextPowerOfTwo(count);
  const levels = levelsFor(count);

  // Position of the target's sibling at each level: the node to record when it is produced.
  const siblingPositions: number[] = [];
  const siblings: HashRange[] = [];
  let targetRange: HashRange | undefined;
  if (targetIndex !== undefined) {
    for (let level = 0, at = targetIndex; level < levels; level++, at = Math.floor(at / 2)) {
      siblingPositions.push(at % 2 === 1 ? at - 1 : at + 1);
    }
  }

  const pending: HashRange[] = []; // roots of complete subtrees still waiting for a right sibling, highest level at the bottom
  let position = 0; // leaf-level position of the next leaf
  const add = (leaf: HashRange): void => {
    let node = leaf;
    let at = position;
    if (at === targetIndex) targetRange = leaf;
    for (let level = 0; ; level++) {
      if (siblingPositions[level] === at) siblings[level] = node;
      if (at % 2 === 0) break;
      const left = pending.pop()!;
      // Go's levelUp: parent.lower = left.lower, parent.upper = right.upper, indices of the pair (at−1, at).
      node = {
        hash: parentHash(left.hash, node.hash, at - 1, left.lower, node.upper, options),
        lower: left.lower,
        upper: node.upper,
      };
      at = (at - 1) / 2;
    }
    pending.push(node);
    position++;
  };

  let lower = 0n;
  for (const leaf of sortedLeaves) {
    if (position === count) return { ok: false, error: `more than ${count} leaves` };
    if (leaf.hash.length !== MERKLE_HASH_LENGTH) {
      return { ok: false, error: `leaf ${position}: hash is ${leaf.hash.length} bytes, not ${MERKLE_HASH_LENGTH}` };
    }
    if (leaf.upper !== sumFromHash(leaf.hash)) {
      return { ok: false, error: `leaf ${position}: upper ${leaf.upper} is not the hash's first 8 bytes (LE)` };
    }
    if (leaf.upper < lower) {
      return { ok: false, error: `leaf ${position}: upper ${leaf.upper} < previous ${lower}; leaves must be sorted by upper` };
    }
    add({ hash: leaf.hash, lower, upper: leaf.upper });
    lower = leaf.upper;
  }
  if (position !== count) return { ok: false, error: `expected ${count} leaves, got ${position}` };

  for (let i = count; i < size; i++) {
    // Go adds 1 in uint64, so after an upper of 2^64−1 the padding range wraps to [max, 0).
    const upper = lower === U64_MAX ? 0n : lower + 1n;
    add({ hash: paddingLeafHash(i), lower, upper });
    lower = upper;
  }

  const root = pending[0];
  if (targetIndex === undefined) return { ok: true, root };
  return { ok: true, root, proof: { index: targetIndex, hashRanges: siblings, targetRange: targetRange! } };
}

/** Options of {@link buildMerkleTreeFromProofs}. */
export interface MerkleFromProofsOptions extends MerkleBuildOptions {
  /** Keep only the first `maxPossibleRelays` proofs, in insertion order, before sorting (as Go does). */
  maxPossibleRelays?: number | bigint;
}

export type MerkleFromProofsResult =
  | { ok: true; root: HashRange; proof?: MerkleProof; sortedIndices: number[] }
  | { ok: false; error: string };

/**
 * In-memory convenience for the devnet and tests: the tree of a list of relay `proofBytes` in insertion
 * order. Truncates to `maxPossibleRelays`, computes the leaves, sorts them by `upper` and streams them
 * through {@link buildMerkleTree}. `sortedIndices[k]` is the input position of the k-th sorted leaf, so
 * `proofs[sortedIndices[targetIndex]]` is the leaf to send with the branch.
 *
 * Go's `sort.Sort` is not stable; JS's sort is. They agree unless two different proofs share the first
 * 8 bytes of their hash (2^-64 per pair); identical proofs give identical leaves either way.
 */
export function buildMerkleTreeFromProofs(
  proofs: readonly Uint8Array[],
  options: MerkleFromProofsOptions = {},
): MerkleFromProofsResult {
  const max = options.maxPossibleRelays;
  if (max !== undefined && ((typeof max === "number" && !Number.isSafeInteger(max)) || max < 0)) {
    return { ok: false, error: `bad maxPossibleRelays ${max}` };
  }
  const kept = max !== undefined && BigInt(proofs.length) > BigInt(max) ? proofs.slice(0, Number(max)) : proofs;
  const leaves = kept.map(leafFromProofBytes);
  const sortedIndices = leaves.map((_, i) => i);
  sortedIndices.sort((a, b) => (leaves[a].upper < leaves[b].upper ? -1 : leaves[a].upper > leaves[b].upper ? 1 : 0));
  const built = buildMerkleTree(
    sortedIndices.map((i) => leaves[i]),
    leaves.length,
    options,
  );
  return built.ok ? { ...built, sortedIndices } : built;
}
