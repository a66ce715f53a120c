/**
 * The `smst` section of the Go-produced vectors (`test/fixtures/shannon-vectors.json`), typed, with
 * the trie of each set built as the Go generator built it (leaves inserted in file order).
 * @module
 */
import vectors from "../../../test/fixtures/shannon-vectors.json";
import { hexToBytesStrict } from "../../primitives/bytes.js";
import { MemoryNodeStore } from "./store.js";
import { SparseMerkleSumTrie, type SmstOptions } from "./trie.js";

export type ProofVector = (typeof vectors.smst.sets)[number]["proofs"][number];
export type SetVector = (typeof vectors.smst.sets)[number];

export const SMST = vectors.smst;

export const hex = hexToBytesStrict;
/** Go's nil byte slices appear as `null`; the library uses an empty array for them. */
export const hexOrEmpty = (value: string | null | undefined): Uint8Array => (value ? hex(value) : new Uint8Array(0));

export async function buildSet(set: SetVector, options: SmstOptions & { reverse?: boolean } = {}) {
  const store = new MemoryNodeStore();
  const trie = new SparseMerkleSumTrie(store, undefined, options);
  const leaves = options.reverse ? [...set.leaves].reverse() : set.leaves;
  for (const leaf of leaves) await trie.update(hex(leaf.key), hex(leaf.value), leaf.weight);
  return { store, trie };
}
