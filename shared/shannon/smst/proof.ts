/**
 * Closest proofs as pokt-network/smt defines them (`SMT:proofs.go`), and their `validateBasic`
 * checks. Byte fields use an empty array for Go's nil: gob never carries an empty slice, so the two
 * cannot differ in anything the chain sees.
 * @module
 */
import { equalBytes } from "../../primitives/bytes.js";
import { DIGEST_SIZE, flipPathBit, getPathBit, hashPreimage, MAX_DEPTH, PATH_SIZE } from "./hashing.js";

export type SparseMerkleProof = {
  /** Digests of the siblings on the way up, deepest first; the placeholder for an empty one. */
  readonly sideNodes: readonly Uint8Array[];
  readonly nonMembershipLeafData: Uint8Array;
  /** Preimage of the deepest sibling (`sideNodes[0]`); empty when there is none. */
  readonly siblingData: Uint8Array;
};

export type SparseMerkleClosestProof = {
  /** The path asked for (`SHA-256(blockHash ‖ sessionId)`). */
  readonly path: Uint8Array;
  /** Depths at which the walk met an empty side and took the other one. */
  readonly flippedBits: readonly number[];
  readonly depth: number;
  readonly closestPath: Uint8Array;
  /** The leaf's value: relay bytes ‖ weight ‖ count; empty for an empty trie. */
  readonly closestValueHash: Uint8Array;
  readonly closestProof: SparseMerkleProof;
};

export type SparseCompactMerkleProof = {
  readonly sideNodes: readonly Uint8Array[];
  readonly nonMembershipLeafData: Uint8Array;
  /** Bit i (MSB first) set: side node i is the placeholder and is not sent. */
  readonly bitMask: Uint8Array;
  readonly numSideNodes: number;
  readonly siblingData: Uint8Array;
};

/** What MsgSubmitProof carries (gob-encoded, `gob.ts`). `closestProof` is null only in hostile input. */
export type SparseCompactMerkleClosestProof = {
  readonly path: Uint8Array;
  /** Each a minimal big-endian integer. */
  readonly flippedBits: readonly Uint8Array[];
  readonly depth: Uint8Array;
  readonly closestPath: Uint8Array;
  readonly closestValueHash: Uint8Array;
  readonly closestProof: SparseCompactMerkleProof | null;
};

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** `SparseMerkleProof.validateBasic`; where Go would panic on short data, an error too. */
export function checkProof(proof: SparseMerkleProof): string | undefined {
  if (proof.sideNodes.length > MAX_DEPTH) return `too many side nodes: got ${proof.sideNodes.length} but max is ${MAX_DEPTH}`;
  const leafData = proof.nonMembershipLeafData;
  if (leafData.length > 0 && leafData.length < 1 + PATH_SIZE) {
    return `invalid non-membership leaf data size: got ${leafData.length} but min is ${1 + PATH_SIZE}`;
  }
  if (proof.siblingData.length === 0 || proof.sideNodes.length === 0) return undefined;
  for (const side of proof.sideNodes) {
    if (side.length !== DIGEST_SIZE) return `invalid side node size: got ${side.length} but want ${DIGEST_SIZE}`;
  }
  const siblingHash = hashPreimage(proof.siblingData);
  if (siblingHash === undefined) return "sibling data too short for its node type";
  if (!equalBytes(siblingHash, proof.sideNodes[0])) return "invalid sibling data hash";
  return undefined;
}

/** `SparseMerkleClosestProof.validateBasic`. */
export function checkClosestProof(proof: SparseMerkleClosestProof): string | undefined {
  if (proof.path.length !== PATH_SIZE) return `invalid path length: got ${proof.path.length}, want ${PATH_SIZE}`;
  if (proof.depth < 0 || proof.depth > MAX_DEPTH) return `invalid depth: got ${proof.depth}, outside of [0, ${MAX_DEPTH}]`;
  for (const bit of proof.flippedBits) {
    if (bit < 0 || bit > proof.depth) return `invalid flipped bit index: got ${bit}, outside of [0, ${proof.depth}]`;
  }
  const workingPath = proof.path.slice();
  // A flip at index 256 (= depth 256) is past the path: Go would panic.
  for (const bit of proof.flippedBits) {
    if (bit >= MAX_DEPTH) return "flipped bit past the path";
    flipPathBit(workingPath, bit);
  }
  if (proof.closestPath.length * 8 < proof.depth) return "closest path shorter than the depth";
  for (let i = 0; i < proof.depth; i++) {
    if (getPathBit(workingPath, i) !== getPathBit(proof.closestPath, i)) return `invalid closest path (not equal at bit: ${i})`;
  }
  const inner = checkProof(proof.closestProof);
  return inner === undefined ? undefined : `invalid closest proof: ${inner}`;
}
