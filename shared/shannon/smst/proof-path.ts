/**
 * The path a session's closest proof is taken for (`PR:pkg/crypto/protocol/hasher.go GetPathForProof`,
 * spec §6.2): `SHA-256(blockHash ‖ sessionId)`, where the block is the one at `proofOpen − 1` (its
 * CometBFT `block_id.hash`, 32 bytes) and the session id is the header's ASCII hex string.
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, utf8 } from "../../primitives/bytes.js";

export function proofPath(blockHash: Uint8Array, sessionId: string): Uint8Array {
  return sha256(concatBytes(blockHash, utf8(sessionId)));
}
