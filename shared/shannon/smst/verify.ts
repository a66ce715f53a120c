/**
 * Closest-proof verification as the chain runs it at the proof EndBlocker (`SMT:proofs.go`
 * VerifyClosestProof → VerifySumProof → verifyProofWithUpdates, through poktroll's
 * `x/proof/keeper/proof_validation.go verifyClosestProof` with `protocol.SmtSpec`; spec §6.4). The
 * leaf digest is rebuilt from ClosestPath and ClosestValueHash, hashed up through the side nodes by
 * the bits of ClosestPath, and must equal the claim's 48-byte root: digest, sum and count alike.
 * Never throws: where Go returns an error or would panic on short data, the answer is `ok: false`.
 * @module
 */
import { equalBytes } from "../../primitives/bytes.js";
import { decompactClosestProof } from "./compact.js";
import { DIGEST_SIZE, encodeLeaf, getPathBit, innerDigest, PATH_SIZE, PLACEHOLDER, sumDigest, SUM_COUNT_SIZE } from "./hashing.js";
import { checkClosestProof, type SparseCompactMerkleClosestProof, type SparseMerkleClosestProof } from "./proof.js";

/** `valid` is Go's boolean; `ok: false` is Go's error (the proof is malformed, not merely wrong). */
export type VerifyResult = { readonly ok: true; readonly valid: boolean } | { readonly ok: false; readonly error: string };

/** The leaf digest the proof starts from, or an error (`verifyProofWithUpdates`' first half). */
function leafDigest(proof: SparseMerkleClosestProof, path: Uint8Array): { digest: Uint8Array } | { error: string } {
  const data = proof.closestValueHash;
  // VerifySumProof splits value ‖ sum ‖ count and joins them again; an empty value with sum 0 means "no leaf".
  let empty = data.length === 0;
  if (!empty) {
    if (data.length < SUM_COUNT_SIZE) return { error: "closest value hash shorter than its sum and count" };
    empty = data.length === SUM_COUNT_SIZE && data.subarray(0, 8).every((b) => b === 0);
  }
  if (!empty) return { digest: sumDigest(encodeLeaf(path, data)) };
  const other = proof.closestProof.nonMembershipLeafData;
  if (other.length === 0) return { digest: PLACEHOLDER };
  if (other[0] !== 0) return { error: "non-membership leaf data is not a leaf" };
  const otherPath = other.subarray(1, 1 + PATH_SIZE);
  if (equalBytes(otherPath, path)) return { error: "non-membership proof on related leaf" };
  return { digest: sumDigest(encodeLeaf(otherPath, other.subarray(1 + PATH_SIZE))) };
}

export function verifyClosestProof(proof: SparseMerkleClosestProof, root: Uint8Array): VerifyResult {
  const invalid = checkClosestProof(proof);
  if (invalid !== undefined) return { ok: false, error: `bad proof: ${invalid}` };
  if (proof.closestPath.length < PATH_SIZE) return { ok: false, error: "closest path shorter than a path" };
  const path = proof.closestPath.subarray(0, PATH_SIZE);
  const leaf = leafDigest(proof, path);
  if ("error" in leaf) return { ok: false, error: `bad proof: ${leaf.error}` };
  const sides = proof.closestProof.sideNodes;
  let current = leaf.digest;
  for (let i = 0; i < sides.length; i++) {
    // Go copies each side node into a digest-sized buffer: shorter ones are zero-padded, longer cut.
    const side = new Uint8Array(DIGEST_SIZE);
    side.set(sides[i].subarray(0, DIGEST_SIZE));
    current = getPathBit(path, sides.length - 1 - i) === 0 ? innerDigest(current, side) : innerDigest(side, current);
  }
  return { ok: true, valid: equalBytes(current, root) };
}

/** `VerifyCompactClosestProof`: decompact (with its checks), then verify. */
export function verifyCompactClosestProof(proof: SparseCompactMerkleClosestProof, root: Uint8Array): VerifyResult {
  const decompacted = decompactClosestProof(proof);
  if (!decompacted.ok) return { ok: false, error: `bad proof: ${decompacted.error}` };
  return verifyClosestProof(decompacted.value, root);
}
