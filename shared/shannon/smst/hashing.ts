/**
 * Node encodings and digests of the sparse Merkle sum trie exactly as pokt-network/smt v0.14.1
 * computes them for poktroll (`NewSparseMerkleSumTrie(store, sha256.New(), WithValueHasher(nil))`;
 * spec `shannon-protocol.md` §6.1, `SMT:node_encoders.go`, `SMT:trie_spec.go`, `SMT:hasher.go`).
 *
 * A digest is 48 bytes: `sha256(preimage) ‖ sum(8 BE) ‖ count(8 BE)`, where sum and count are the
 * preimage's own last 16 bytes. Preimages:
 * - leaf      `00 ‖ path(32) ‖ valueHash`            (valueHash = value ‖ weight ‖ count 1: its tail is the sum)
 * - inner     `01 ‖ left ‖ right ‖ sumL+sumR ‖ countL+countR`   (uint64, wrapping as Go's do)
 * - extension `02 ‖ start ‖ end ‖ path(32) ‖ child ‖ child's sum ‖ count`, hashed as its expansion
 *   (a chain of inner nodes whose other side is the placeholder), so the root never shows it.
 * The empty subtree (placeholder) is 48 zero bytes.
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";

/** Bytes of a path (a SHA-256 of the key). */
export const PATH_SIZE = 32;
/** Bits of a path: the trie's maximum depth. */
export const MAX_DEPTH = PATH_SIZE * 8;
/** Bytes of a node digest and of the root: hash ‖ sum ‖ count. */
export const DIGEST_SIZE = 48;
/** Bytes of sum ‖ count at the end of every digest and preimage. */
export const SUM_COUNT_SIZE = 16;
export const LEAF_PREFIX = 0;
export const INNER_PREFIX = 1;
export const EXT_PREFIX = 2;

/** The empty subtree. Never mutate it. */
export const PLACEHOLDER: Uint8Array = new Uint8Array(DIGEST_SIZE);

/** Bit `position` of `data`, most significant bit first (0 = left). The caller keeps `position` in range. */
export function getPathBit(data: Uint8Array, position: number): number {
  return (data[position >> 3] >> (7 - (position & 7))) & 1;
}

export function flipPathBit(data: Uint8Array, position: number): void {
  data[position >> 3] ^= 1 << (7 - (position & 7));
}

export function setPathBit(data: Uint8Array, position: number): void {
  data[position >> 3] |= 1 << (7 - (position & 7));
}

export function isPlaceholder(digest: Uint8Array): boolean {
  if (digest.length !== DIGEST_SIZE) return false;
  for (let i = 0; i < DIGEST_SIZE; i++) if (digest[i] !== 0) return false;
  return true;
}

/** `sha256(preimage) ‖ preimage[-16:]` (`hashSumSerialization` for leaf and inner preimages). Needs ≥ 16 bytes. */
export function sumDigest(preimage: Uint8Array): Uint8Array {
  const out = new Uint8Array(DIGEST_SIZE);
  out.set(sha256(preimage), 0);
  out.set(preimage.subarray(preimage.length - SUM_COUNT_SIZE), 32);
  return out;
}

export function encodeLeaf(path: Uint8Array, valueHash: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + path.length + valueHash.length);
  out[0] = LEAF_PREFIX;
  out.set(path, 1);
  out.set(valueHash, 1 + path.length);
  return out;
}

/** Adds the big-endian uint64 at `a[ai..ai+8)` and `b[bi..bi+8)` into `out[oi..oi+8)`, modulo 2^64. */
function addU64(a: Uint8Array, ai: number, b: Uint8Array, bi: number, out: Uint8Array, oi: number): void {
  let carry = 0;
  for (let i = 7; i >= 0; i--) {
    const s = a[ai + i] + b[bi + i] + carry;
    out[oi + i] = s & 0xff;
    carry = s >> 8;
  }
}

/**
 * Inner preimage from two child digests (`encodeSumInnerNode`). Children are 48 bytes in a trie; a
 * hostile extension in a proof may carry another length (≥ 16), which Go encodes the same way.
 */
export function encodeInner(left: Uint8Array, right: Uint8Array): Uint8Array {
  const size = 1 + left.length + right.length;
  const out = new Uint8Array(size + SUM_COUNT_SIZE);
  out[0] = INNER_PREFIX;
  out.set(left, 1);
  out.set(right, 1 + left.length);
  const ls = left.length - SUM_COUNT_SIZE;
  const rs = right.length - SUM_COUNT_SIZE;
  addU64(left, ls, right, rs, out, size);
  addU64(left, ls + 8, right, rs + 8, out, size + 8);
  return out;
}

export function innerDigest(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sumDigest(encodeInner(left, right));
}

export function encodeExtension(start: number, end: number, path: Uint8Array, child: Uint8Array): Uint8Array {
  const out = new Uint8Array(3 + path.length + child.length + SUM_COUNT_SIZE);
  out[0] = EXT_PREFIX;
  out[1] = start;
  out[2] = end;
  out.set(path, 3);
  out.set(child, 3 + path.length);
  out.set(child.subarray(child.length - SUM_COUNT_SIZE), 3 + path.length + child.length);
  return out;
}

/** Digest of an extension: its expansion, bottom up, the placeholder on the side its path does not take. */
export function extensionDigest(start: number, end: number, path: Uint8Array, child: Uint8Array): Uint8Array {
  let current = child;
  for (let i = end - 1; i >= start; i--) {
    current = getPathBit(path, i) === 0 ? innerDigest(current, PLACEHOLDER) : innerDigest(PLACEHOLDER, current);
  }
  return current;
}

/**
 * The digest a proof's SiblingData stands for (`TrieSpec.hashSumSerialization`), or `undefined` for
 * data on which Go's slicing would panic (shorter than its fixed parts).
 */
export function hashPreimage(data: Uint8Array): Uint8Array | undefined {
  if (data.length < SUM_COUNT_SIZE) return undefined;
  if (data[0] !== EXT_PREFIX) return sumDigest(data);
  const childEnd = data.length - SUM_COUNT_SIZE;
  if (childEnd < 3 + PATH_SIZE) return undefined;
  const start = data[1];
  const end = data[2];
  const child = data.subarray(3 + PATH_SIZE, childEnd);
  // A zero-length chain is its child itself; any longer one reads the child's sum and count.
  if (end > start && child.length < SUM_COUNT_SIZE) return undefined;
  return extensionDigest(start, end, data.subarray(3, 3 + PATH_SIZE), child);
}
