/**
 * Which leaf a servicer must prove (spec §6.4): Go `getPseudorandomIndex` (pocket-core
 * `x/pocketcore/keeper/proof.go`) and `PseudorandomSelection` (`x/pocketcore/types/crypto.go`).
 * @module
 */
import { bytesToHex, hexToBytes, readU64BE } from "../primitives/bytes.js";
import { sha3 } from "./hash.js";

export type ProofIndexResult = { ok: true; index: number; seed: string } | { ok: false; error: string };

/**
 * `index = BigEndianUint64(SHA3-256(seed)[0:8]) mod totalProofs`, where
 * `seed = {"BlockHash":"<hex>","Header":"<hex>"}` is Go's `json.Marshal` of a struct without JSON tags.
 *
 * - `blockHashHex`: `LastBlockID.Hash` of the header at `proofHeight = sbh + ClaimSubmissionWindow·BPS`.
 *   Go hex-encodes the raw bytes, so the seed always has lowercase hex; tendermint's RPC prints hashes in
 *   uppercase, hence both inputs are decoded and re-encoded here.
 * - `sessionHeaderHashHex`: hex of SHA3-256 of the session header JSON (`SessionHeader.HashString()`).
 * - `totalProofs`: the claim's `total_proofs`. Go's big.Int `Mod` panics on 0; claims have ≥ 5.
 * @example pseudorandomProofIndex(lastBlockIdHash, headerHash, claim.total_proofs)
 */
export function pseudorandomProofIndex(
  blockHashHex: string,
  sessionHeaderHashHex: string,
  totalProofs: number,
): ProofIndexResult {
  const blockHash = hexToBytes(blockHashHex);
  if (!blockHash) return { ok: false, error: "block hash is not hex" };
  const headerHash = hexToBytes(sessionHeaderHashHex);
  if (!headerHash) return { ok: false, error: "session header hash is not hex" };
  if (!Number.isSafeInteger(totalProofs) || totalProofs < 1) {
    return { ok: false, error: `total proofs must be a positive integer, got ${totalProofs}` };
  }
  // Hex needs no JSON escaping, so this is byte-for-byte Go's encoding/json output.
  const seed = `{"BlockHash":"${bytesToHex(blockHash)}","Header":"${bytesToHex(headerHash)}"}`;
  const index = Number(readU64BE(sha3(seed), 0) % BigInt(totalProofs));
  return { ok: true, index, seed };
}
