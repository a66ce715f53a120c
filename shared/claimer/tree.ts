/**
 * The claim's Merkle root and the proof's branch (spec §6.2–6.3), streamed from stored row keys.
 * A row key is `upperBigEndian(8) ‖ leafHash(32)` (`shared/evidence/row-key.ts`), so rows read in key
 * order are the leaves in tree order, and the builder keeps O(log n) of them: a session's relays are
 * never all in memory at once.
 * @module
 */
import { buildMerkleTree, type MerkleBuildResult } from "../morse/merkle-build.js";
import { leafFromHash, type MerkleLeaf } from "../morse/merkle.js";

/** What the tree is built from: the stored relays, read in row-key order. */
export interface StoredLeaves {
  /** Every row key in ascending order, read lazily (a SQL cursor). */
  sortedKeys(): Iterable<Uint8Array>;
  /** The proof text of the row at `index` in key order. */
  proofAt(index: number): string | undefined;
}

function* leavesOf(keys: Iterable<Uint8Array>): Generator<MerkleLeaf> {
  for (const key of keys) yield leafFromHash(key.subarray(8));
}

// The devnet builds every tree with the post-codec-upgrade layout (`shared/chain/proof-rules.ts`).
const LAYOUT = { legacy: false } as const;

/** The root over `count` stored relays. */
export function claimTree(stored: StoredLeaves, count: number): MerkleBuildResult {
  return buildMerkleTree(leavesOf(stored.sortedKeys()), count, LAYOUT);
}

export type BranchResult = (MerkleBuildResult & { readonly ok: true; readonly leaf: string }) | { readonly ok: false; readonly error: string };

/** The root, the branch of the leaf at `index` and that relay's proof text, over `count` stored relays. */
export function proofBranch(stored: StoredLeaves, count: number, index: number): BranchResult {
  const built = buildMerkleTree(leavesOf(stored.sortedKeys()), count, { ...LAYOUT, targetIndex: index });
  if (!built.ok) return built;
  const leaf = stored.proofAt(index);
  return leaf === undefined ? { ok: false, error: `no stored relay at leaf ${index}` } : { ...built, leaf };
}
