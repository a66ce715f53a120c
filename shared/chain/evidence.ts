/**
 * From a session's stored relay proofs to the messages a servicer sends (spec §6–7): the claim
 * (`MsgClaim` with the Merkle root and the relay count) and the proof (`MsgProof` with the branch of
 * the leaf at the pseudorandom index). In-memory, for the devnet's tests, demos and small sessions;
 * a large session streams its leaves through `buildMerkleTree` instead.
 * @module
 */
import { utf8 } from "../primitives/bytes.js";
import { buildMerkleTreeFromProofs } from "../morse/merkle-build.js";
import { proofBytes } from "../morse/relay.js";
import type { RelayProof } from "../morse/relay-types.js";
import { RELAY_EVIDENCE, type MsgClaim, type MsgProof } from "../morse/tx/msgs.js";

export type EvidenceResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

function tree(proofs: readonly RelayProof[], targetIndex?: number) {
  // The devnet models the network after the codec upgrade at every height (see proof-rules.ts).
  return buildMerkleTreeFromProofs(
    proofs.map((p) => utf8(proofBytes(p))),
    { targetIndex, legacy: false },
  );
}

/**
 * The claim for `proofs` (all of one session: same app, chain and session height, in the order the
 * relays were served), sent by `fromAddress`.
 */
export function claimFromEvidence(proofs: readonly RelayProof[], fromAddress: string): EvidenceResult<MsgClaim> {
  if (proofs.length === 0) return { ok: false, error: "no relay proofs" };
  const first = proofs[0];
  const built = tree(proofs);
  if (!built.ok) return built;
  return {
    ok: true,
    value: {
      header: { app_public_key: first.aat.app_pub_key, chain: first.blockchain, session_height: first.session_block_height },
      merkle_root: built.root,
      total_proofs: BigInt(proofs.length),
      from_address: fromAddress,
      evidence_type: RELAY_EVIDENCE,
      expiration_height: 0n,
    },
  };
}

/** The proof of the leaf at `index` (a position among the *sorted* leaves, as the chain picks it). */
export function proofFromEvidence(proofs: readonly RelayProof[], index: number): EvidenceResult<MsgProof> {
  const built = tree(proofs, index);
  if (!built.ok) return built;
  return {
    ok: true,
    value: { merkle_proofs: built.proof!, leaf: proofs[built.sortedIndices[index]], evidence_type: RELAY_EVIDENCE },
  };
}
