/**
 * The work `npm run bench:smst` times, shared by its Node run and its Durable Object: relays into a
 * session tree, and the claim/proof side (root, ProveClosest, compaction, gob, the chain's check).
 * Synchronous: both stores it runs over (a Map, Durable Object SQLite) answer synchronously.
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import {
  compactClosestProof,
  decodeClosestProofGob,
  encodeClosestProofGob,
  proofPath,
  verifyCompactClosestProof,
  type SparseMerkleSumTrie,
} from "../../shared/shannon/smst/index.js";

function sync<T>(value: T | Promise<T>): T {
  if (value instanceof Promise) throw new Error("the bench expects a synchronous store");
  return value;
}

/**
 * Relay `i`: a relay-sized value carrying `i`, weight 100, and a 32-byte key derived from `i` (a real
 * key is the relay hash, which the miner has already computed for the difficulty check: not trie work).
 */
export function insertRelays(trie: SparseMerkleSumTrie, from: number, count: number, valueSize: number, commitEvery: number): void {
  const value = new Uint8Array(valueSize);
  for (let k = 0; k < valueSize; k++) value[k] = (k * 31) & 0xff;
  const view = new DataView(value.buffer);
  for (let i = from; i < from + count; i++) {
    view.setUint32(0, i);
    sync(trie.update(sha256(value.subarray(0, 4)), value, 100));
    if ((i + 1) % commitEvery === 0) sync(trie.commit());
  }
}

/** Root, closest proof for a proof path, compaction, gob bytes; then decoding and verifying them as the chain does. */
export function proveAndVerify(trie: SparseMerkleSumTrie): { valid: boolean; gobBytes: number } {
  const root = trie.root();
  const path = proofPath(sha256(new TextEncoder().encode("bench block")), "bench-session");
  const proved = sync(trie.proveClosest(path));
  if (!proved.ok) throw new Error(proved.error);
  const compact = compactClosestProof(proved.proof);
  if (!compact.ok) throw new Error(compact.error);
  const gob = encodeClosestProofGob(compact.value);
  const decoded = decodeClosestProofGob(gob);
  if (!decoded.ok) throw new Error(decoded.error);
  const verified = verifyCompactClosestProof(decoded.proof, root);
  return { valid: verified.ok && verified.valid, gobBytes: gob.length };
}
