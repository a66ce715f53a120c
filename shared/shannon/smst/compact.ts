/**
 * Proof compaction (`SMT:proofs.go` CompactClosestProof / DecompactClosestProof): placeholder side
 * nodes become bits of a mask, depths and flipped bits become minimal big-endian bytes. Decompaction
 * runs every check Go runs; where Go would index past the data and panic, it returns an error.
 * @module
 */
import { equalBytes } from "../../primitives/bytes.js";
import { getPathBit, MAX_DEPTH, PATH_SIZE, PLACEHOLDER, setPathBit } from "./hashing.js";
import {
  checkClosestProof,
  checkProof,
  type Checked,
  type SparseCompactMerkleClosestProof,
  type SparseCompactMerkleProof,
  type SparseMerkleClosestProof,
  type SparseMerkleProof,
} from "./proof.js";

/** Bytes a compacted integer may take: `minBytes(256)`. */
const MAX_INT_BYTES = 2;

/** Go's `intToBytes`: minimal big-endian, `00` for 0. */
function intToBytes(value: number): Uint8Array {
  const out: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return Uint8Array.from(out.length === 0 ? [0] : out);
}

/** Go's `bytesToInt` for at most 2 bytes (longer ones are refused before). */
function bytesToInt(bytes: Uint8Array): number {
  let v = 0;
  for (const b of bytes) v = v * 256 + b;
  return v;
}

function popCount(bytes: Uint8Array): number {
  let n = 0;
  for (let b of bytes) for (; b !== 0; b &= b - 1) n++;
  return n;
}

export function compactProof(proof: SparseMerkleProof): Checked<SparseCompactMerkleProof> {
  const invalid = checkProof(proof);
  if (invalid !== undefined) return { ok: false, error: invalid };
  const bitMask = new Uint8Array(Math.ceil(proof.sideNodes.length / 8));
  const sideNodes: Uint8Array[] = [];
  proof.sideNodes.forEach((node, i) => {
    if (equalBytes(node, PLACEHOLDER)) setPathBit(bitMask, i);
    else sideNodes.push(node);
  });
  return {
    ok: true,
    value: {
      sideNodes,
      nonMembershipLeafData: proof.nonMembershipLeafData,
      bitMask,
      numSideNodes: proof.sideNodes.length,
      siblingData: proof.siblingData,
    },
  };
}

export function decompactProof(proof: SparseCompactMerkleProof): Checked<SparseMerkleProof> {
  const n = proof.numSideNodes;
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_DEPTH) return { ok: false, error: `invalid number of side nodes: ${n}` };
  if (proof.bitMask.length !== Math.ceil(n / 8)) {
    return { ok: false, error: `invalid bit mask length: got ${proof.bitMask.length} want ${Math.ceil(n / 8)}` };
  }
  const sent = n - popCount(proof.bitMask);
  if (n > 0 && proof.sideNodes.length !== sent) {
    return { ok: false, error: `invalid number of side nodes: got ${proof.sideNodes.length} want ${sent}` };
  }
  const sideNodes: Uint8Array[] = [];
  let position = 0;
  for (let i = 0; i < n; i++) {
    if (getPathBit(proof.bitMask, i) === 1) {
      sideNodes.push(PLACEHOLDER);
    } else {
      // Mask bits past `n` counted as placeholders above: Go indexes past the side nodes here and panics.
      if (position >= proof.sideNodes.length) return { ok: false, error: "bit mask names fewer placeholders than side nodes are missing" };
      sideNodes.push(proof.sideNodes[position++]);
    }
  }
  return { ok: true, value: { sideNodes, nonMembershipLeafData: proof.nonMembershipLeafData, siblingData: proof.siblingData } };
}

export function compactClosestProof(proof: SparseMerkleClosestProof): Checked<SparseCompactMerkleClosestProof> {
  const invalid = checkClosestProof(proof);
  if (invalid !== undefined) return { ok: false, error: invalid };
  const compacted = compactProof(proof.closestProof);
  if (!compacted.ok) return compacted;
  return {
    ok: true,
    value: {
      path: proof.path,
      flippedBits: proof.flippedBits.map(intToBytes),
      depth: intToBytes(proof.depth),
      closestPath: proof.closestPath,
      closestValueHash: proof.closestValueHash,
      closestProof: compacted.value,
    },
  };
}

export function decompactClosestProof(proof: SparseCompactMerkleClosestProof): Checked<SparseMerkleClosestProof> {
  if (proof.path.length !== PATH_SIZE) return { ok: false, error: `invalid path length: got ${proof.path.length}, want ${PATH_SIZE}` };
  if (proof.depth.length > MAX_INT_BYTES) return { ok: false, error: `invalid depth: ${proof.depth.length} bytes, max is ${MAX_INT_BYTES}` };
  for (const bit of proof.flippedBits) {
    if (bit.length > MAX_INT_BYTES) return { ok: false, error: `invalid compressed flipped bit: ${bit.length} bytes, max is ${MAX_INT_BYTES}` };
  }
  if (proof.closestProof === null) return { ok: false, error: "closest proof missing" };
  const inner = decompactProof(proof.closestProof);
  if (!inner.ok) return { ok: false, error: `invalid closest proof: ${inner.error}` };
  return {
    ok: true,
    value: {
      path: proof.path,
      flippedBits: proof.flippedBits.map(bytesToInt),
      depth: bytesToInt(proof.depth),
      closestPath: proof.closestPath,
      closestValueHash: proof.closestValueHash,
      closestProof: inner.value,
    },
  };
}
