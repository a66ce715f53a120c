/**
 * `RelayProof.ValidateBasic()` (spec §5 row 13, PC `x/pocketcore/types/proof.go`): the stateless
 * checks of a relay proof, in pocket-core's order, with its codes.
 * @module
 */
import { validateAAT } from "./aat.js";
import { morseError, type MorseError } from "./errors.js";
import type { RelayProof } from "./relay-types.js";
import { hashVerification, networkIdentifierVerification, pubKeyVerification, signatureVerification } from "./verification.js";

/**
 * @param proofHash the proof's SHA3 digest (the client signs it), computed once by the caller
 * @param tokenHex  the hex AAT hash, computed once by the caller
 */
export async function validateProofBasic(proof: RelayProof, proofHash: Uint8Array, tokenHex: string): Promise<MorseError | undefined> {
  if (proof.session_block_height < 1n) return morseError(60);
  const err =
    pubKeyVerification(proof.servicer_pub_key) ??
    networkIdentifierVerification(proof.blockchain) ??
    hashVerification(proof.request_hash) ??
    (proof.entropy < 0n ? morseError(29) : undefined);
  if (err) return err;
  return (await validateAAT(proof.aat, tokenHex)) ?? (await signatureVerification(proof.aat.client_pub_key, proofHash, proof.signature));
}
