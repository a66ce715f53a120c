/**
 * The Merkle "range" tree of relay evidence (spec §6.2), the pieces shared by building and validating:
 * leaves, padding leaves, the parent hash and the level count.
 *
 * Ported from pocket-core `x/pocketcore/types/merkle.go`. Each node covers a half-open range
 * `[lower, upper)` of the uint64 line; leaves are sorted by `upper`, so ranges are disjoint and adjacent,
 * which is what makes a duplicated relay show up as an empty range (a replay attack, §7.3).
 * Building lives in `merkle-build.ts`, `MerkleProof.Validate` in `merkle-validate.ts`.
 * @module
 */
import { readU64LE } from "../primitives/bytes.js";
import { blake2b256 } from "./hash.js";

/**
 * First session height whose tree hashes the child positions into each parent (96-byte preimage).
 * pocket-core `codec.UpgradeCodecHeight`; below it the 80-byte legacy preimage applies.
 */
export const CODEC_UPGRADE_HEIGHT = 30024;

/** Bytes of a BLAKE2b-256 digest, Go's `MerkleHashLength`. */
export const MERKLE_HASH_LENGTH = 32;

/** A node of the tree: its hash and the range `[lower, upper)` it covers (Go `HashRange`). */
export interface HashRange {
  hash: Uint8Array;
  lower: bigint;
  upper: bigint;
}

/** A relay's leaf before its `lower` is known: `lower` is the previous leaf's `upper` once sorted. */
export interface MerkleLeaf {
  hash: Uint8Array;
  upper: bigint;
}

/**
 * A branch from one leaf to the root (Go `MerkleProof`).
 * `index` is the leaf's position among the sorted leaves; `hashRanges` holds one sibling per level,
 * leaf level first; `targetRange` is the leaf itself.
 */
export interface MerkleProof {
  index: number;
  hashRanges: HashRange[];
  targetRange: HashRange;
}

/** Which parent-hash layout to use; see {@link isAfterCodecUpgrade}. */
export interface MerkleOptions {
  /** Pre-codec-upgrade layout (session height < {@link CODEC_UPGRADE_HEIGHT}): no child positions. */
  legacy?: boolean;
}

/**
 * Go `Codec.IsAfterCodecUpgrade(height)`, called with the session block height.
 * Height −1 counts as "after" in Go (it means "latest" in queries), so it does here too.
 * Go compares with `GetCodecUpgradeHeight()`, which is 30024 on mainnet; a test network configured with
 * a lower upgrade height would differ.
 * @example merkleOptions = { legacy: !isAfterCodecUpgrade(sessionHeader.session_height) }
 */
export function isAfterCodecUpgrade(height: number | bigint): boolean {
  const h = BigInt(height);
  return h >= BigInt(CODEC_UPGRADE_HEIGHT) || h === -1n;
}

/** Go `sumFromHash`: the little-endian uint64 in the first 8 bytes of a leaf hash. */
export function sumFromHash(hash: Uint8Array): bigint {
  return readU64LE(hash, 0);
}

/** The leaf of one relay: `BLAKE2b-256(proofBytes)` (the proof JSON without signature, spec §3.2). */
export function leafFromProofBytes(proofBytes: Uint8Array): MerkleLeaf {
  return leafFromHash(blake2b256(proofBytes));
}

/** The leaf of a stored 32-byte leaf hash: `upper` is derived from it, so storage need not keep both. */
export function leafFromHash(hash: Uint8Array): MerkleLeaf {
  return { hash, upper: sumFromHash(hash) };
}

/** Hash of the padding leaf at position `i`: BLAKE2b-256 of `strconv.Itoa(i)`. */
export function paddingLeafHash(i: number): Uint8Array {
  return blake2b256(String(i));
}

// One scratch preimage reused for every parent (blake2b copies its input): a 1M-relay tree has a
// million parents, and per-node buffers and BigInt byte loops (`writeU64LE`) were ~20% of the build time,
// hence the native DataView writes here.
const preimage = new Uint8Array(MERKLE_HASH_LENGTH * 2 + 32);
const preimageView = new DataView(preimage.buffer);

/**
 * Go `parentHash`: BLAKE2b-256 of `left ‖ right ‖ LE64(leftIndex) ‖ LE64(leftIndex+1) ‖ LE64(lower) ‖ LE64(upper)`
 * (96 bytes), or without the two indices when `legacy` (80 bytes). `leftIndex` is the left child's
 * position within its level; Go converts it with `uint64(...)`, so a negative value wraps (reachable only
 * from a bogus proof index).
 */
export function parentHash(
  left: Uint8Array,
  right: Uint8Array,
  leftIndex: number,
  lower: bigint,
  upper: bigint,
  options: MerkleOptions = {},
): Uint8Array {
  const size = MERKLE_HASH_LENGTH * 2 + (options.legacy ? 16 : 32);
  let at = MERKLE_HASH_LENGTH * 2;
  if (!options.legacy) {
    // setBigUint64 reduces modulo 2^64, which is Go's uint64(int64) conversion.
    preimageView.setBigUint64(at, BigInt(leftIndex), true);
    preimageView.setBigUint64(at + 8, BigInt(leftIndex + 1), true);
    at += 16;
  }
  preimageView.setBigUint64(at, lower, true);
  preimageView.setBigUint64(at + 8, upper, true);
  if (left.length === MERKLE_HASH_LENGTH && right.length === MERKLE_HASH_LENGTH) {
    preimage.set(left, 0);
    preimage.set(right, MERKLE_HASH_LENGTH);
    return blake2b256(preimage.subarray(0, size));
  }
  // Go's MultiAppend copies the parts one after another into a buffer of the fixed size, so a sibling
  // hash of the wrong length (from a malformed proof) shifts what follows, and the end is cut off or
  // left zero. Copied so that validation verdicts match Go's for any input.
  const odd = new Uint8Array(size);
  at = 0;
  for (const part of [left, right, preimage.subarray(MERKLE_HASH_LENGTH * 2, size)]) {
    const n = Math.min(part.length, size - at);
    odd.set(part.subarray(0, n), at);
    at += n;
  }
  return blake2b256(odd);
}

/** Go `HashRange.isValidRange`: `upper ≠ 0` and `lower < upper`. */
export function isValidRange(range: HashRange): boolean {
  return range.upper !== 0n && range.lower < range.upper;
}

/**
 * Padded leaf count L: the smallest power of two ≥ `n` (1 for n = 1).
 * Go's bit-folding version only folds 32 bits, so it differs above 2^32 leaves, far past any session's
 * `maxPossibleRelays`.
 */
export function nextPowerOfTwo(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`nextPowerOfTwo: bad count ${n}`);
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

/**
 * Number of levels of a tree of `totalProofs` leaves, `ceil(log2(totalProofs))` (= log2 of the padded
 * size); the chain requires `len(hash_ranges)` to equal it (spec §7.2).
 * Go computes it in float64 (`math.Ceil(math.Log2(...))`), which agrees with this exact count for every
 * total below about 2^47.
 */
export function levelsFor(totalProofs: number): number {
  return Math.log2(nextPowerOfTwo(totalProofs));
}
