/**
 * The sparse Merkle sum trie of a Shannon session (poktroll's session tree): relays go in with
 * `update(relayHash, relayBz, computeUnits)`, the claim carries `root()`, the proof `proveClosest`.
 *
 * Storage-backed: `commit()` writes the nodes changed since the last commit to the `NodeStore` in
 * one batch and drops every node deeper than `cacheDepth` from memory, so memory holds the top of
 * the trie plus one batch of changes, whatever the number of leaves. Commit every few thousand
 * updates (and before the trie object is dropped): a commit re-hashes and rewrites the top of the trie
 * the batch touched, so larger batches cost less per relay (10,000: about half the CPU of 1,000, see
 * `npm run bench:smst`) and hold more in memory. `root()` and `proveClosest` need no commit.
 * Calls must not overlap when the store is asynchronous.
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { DIGEST_SIZE, sumDigest, SUM_COUNT_SIZE } from "./hashing.js";
import { digestOf, encodeNode, ExtensionNode, InnerNode, LazyNode, type TrieNode } from "./nodes.js";
import { proveClosest, type ProveClosestResult } from "./prove.js";
import type { MaybePromise, NodeStore } from "./store.js";
import { update, type Orphans } from "./update.js";
import { andThen, drive } from "./walk.js";

export type SmstOptions = {
  /**
   * Nodes above this depth stay in memory across commits (2^depth at most: 16 ≈ 65k inner nodes,
   * ~15 MB); deeper ones are read back from the store when a walk needs them.
   */
  readonly cacheDepth?: number;
};

const U64_LIMIT = 1n << 64n;

/** `value ‖ weight ‖ 1` (uint64 BE each): what the SMST stores for a leaf (`SMST.Update`, nil value hasher). */
export function leafValueHash(value: Uint8Array, weight: bigint): Uint8Array {
  const out = new Uint8Array(value.length + SUM_COUNT_SIZE);
  out.set(value, 0);
  const view = new DataView(out.buffer);
  view.setBigUint64(value.length, weight);
  view.setBigUint64(value.length + 8, 1n);
  return out;
}

export class SparseMerkleSumTrie {
  private rootNode: TrieNode;
  private orphans: Orphans = [];
  private readonly cacheDepth: number;

  /** A trie over `store`; `root` (48 bytes, from an earlier `root()` after `commit()`) reopens a stored one. */
  constructor(
    private readonly store: NodeStore,
    root?: Uint8Array,
    options: SmstOptions = {},
  ) {
    if (root !== undefined && root.length !== DIGEST_SIZE) throw new RangeError(`smst: a root is ${DIGEST_SIZE} bytes`);
    this.rootNode = root === undefined ? null : new LazyNode(root.slice());
    this.cacheDepth = options.cacheDepth ?? 16;
  }

  /**
   * Inserts (or replaces) the leaf of `key` (the relay hash; its path is `sha256(key)`) with `value`
   * (the relay bytes) and `weight` (compute units, uint64).
   */
  update(key: Uint8Array, value: Uint8Array, weight: bigint | number): MaybePromise<void> {
    const w = BigInt(weight);
    if (w < 0n || w >= U64_LIMIT) throw new RangeError("smst: a weight is a uint64");
    const walk = update(this.rootNode, 0, sha256(key), leafValueHash(value, w), this.orphans);
    return andThen(drive(walk, this.store), (root) => {
      this.rootNode = root;
    });
  }

  /** `hash(32) ‖ sum(8 BE) ‖ count(8 BE)`; 48 zero bytes when empty. */
  root(): Uint8Array {
    return digestOf(this.rootNode).slice();
  }

  /** The closest proof for a 32-byte path (`SMT.ProveClosest`); see `prove.ts`. */
  proveClosest(path: Uint8Array): MaybePromise<ProveClosestResult> {
    return drive(proveClosest(this.rootNode, path), this.store);
  }

  /** Writes what changed since the last commit (orphans out, new nodes in) and trims memory. */
  commit(): MaybePromise<void> {
    const sets: Array<readonly [Uint8Array, Uint8Array]> = [];
    this.rootNode = this.persist(this.rootNode, 0, sets);
    const deletes = this.orphans;
    this.orphans = [];
    return this.store.write(sets, deletes);
  }

  /** `SMT.commit` plus eviction: the node to keep at this place (a lazy stub below `cacheDepth`). */
  private persist(node: TrieNode, depth: number, sets: Array<readonly [Uint8Array, Uint8Array]>): TrieNode {
    if (node === null || node instanceof LazyNode) return node;
    if (!node.persisted) {
      if (node instanceof InnerNode) {
        node.left = this.persist(node.left, depth + 1, sets);
        node.right = this.persist(node.right, depth + 1, sets);
      } else if (node instanceof ExtensionNode) {
        node.child = this.persist(node.child, node.end, sets);
      }
      node.persisted = true;
      const preimage = encodeNode(node);
      // Leaf and inner digests hash the preimage itself: encode once (an extension hashes its expansion).
      if (node.digest === null && !(node instanceof ExtensionNode)) node.digest = sumDigest(preimage);
      sets.push([digestOf(node), preimage]);
    }
    return depth >= this.cacheDepth ? new LazyNode(digestOf(node)) : node;
  }
}

