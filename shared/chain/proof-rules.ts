/**
 * When the chain accepts a proof (spec §7.2): `MsgProof.ValidateBasic` and `Keeper.ValidateProof`
 * of pocket-core (`x/pocketcore/types/msgs.go`, `keeper/proof.go`), checks and codes in Go's order.
 *
 * Two outcomes are not plain rejections: a Merkle branch flagged as a replay attack (code 86) burns
 * the servicer's stake and deletes the claim, so {@link validateProof} returns the claim with the
 * error; and a proof whose pseudorandom block does not exist yet fails as Go fails there (`sdk` 1,
 * `GetPrevBlockHash` on a future height).
 *
 * The devnet models today's network: every height is past the codec upgrade, so the Merkle tree
 * uses the 96-byte parent preimage whatever the session height (`legacy: false`).
 * @module
 */
import { bytesToHex, utf8 } from "../primitives/bytes.js";
import { internalError, morseError, type MorseError } from "../morse/errors.js";
import { aatHashHex } from "../morse/aat.js";
import { isValidRange, levelsFor } from "../morse/merkle.js";
import { pseudorandomProofIndex } from "../morse/merkle-proof-index.js";
import { validateMerkleProof } from "../morse/merkle-validate.js";
import { validateProofBasic } from "../morse/proof-validate.js";
import { proofBytes, proofHash } from "../morse/relay.js";
import { sessionHeaderHash } from "../morse/session.js";
import { addressOf } from "./actors.js";
import { blockHash } from "./block.js";
import { RELAY_EVIDENCE, type MsgClaim, type MsgProof } from "../morse/tx/msgs.js";
import type { ChainView } from "./view.js";

/** PC `MsgProof.ValidateBasic`, including the leaf's AAT and client signature (hence async). */
export async function validateProofMsgBasic(msg: MsgProof): Promise<MorseError | undefined> {
  if (msg.merkle_proofs.hashRanges.length < 3) return morseError(63);
  if (!isValidRange(msg.merkle_proofs.targetRange)) return morseError(89);
  const token = aatHashHex(msg.leaf.aat);
  const leafError = await validateProofBasic(msg.leaf, proofHash(msg.leaf, token), token);
  if (leafError) return leafError;
  if (msg.evidence_type !== RELAY_EVIDENCE) return morseError(5, ": the devnet accepts relay evidence (1) only");
  return undefined;
}

/** The verdict on a proof: its claim, or the error (with the claim to punish for a replay attack). */
export type ProofVerdict =
  | { readonly ok: true; readonly claim: MsgClaim }
  | { readonly ok: false; readonly error: MorseError; /** set for code 86: the claim to delete and burn for */ readonly replayAttack?: MsgClaim };

const reject = (error: MorseError): ProofVerdict => ({ ok: false, error });

/** The height whose `last_block_id.hash` picks the leaf to prove: `sbh + ClaimSubmissionWindow·BPS`. */
export function proofHeight(view: ChainView, sessionHeight: bigint): bigint {
  const { claim_submission_window, blocks_per_session } = view.genesis.params;
  return sessionHeight + BigInt(claim_submission_window) * BigInt(blocks_per_session);
}

/** PC `Keeper.ValidateProof` for a proof signed by `signer`, executed in the block at `height`. */
export function validateProof(view: ChainView, msg: MsgProof, signer: string, height: number): ProofVerdict {
  const { leaf, merkle_proofs: branch } = msg;
  const claim = view.claim({
    from_address: signer,
    app_public_key: leaf.aat.app_pub_key,
    chain: leaf.blockchain,
    session_height: leaf.session_block_height,
    evidence_type: msg.evidence_type,
  });
  if (!claim) return reject(morseError(65));
  // total_proofs ≤ maxPossibleRelays was checked at claim time; any real claim is far below 2^53.
  const total = Number(claim.total_proofs);
  const levels = branch.hashRanges.length;
  if (levels !== levelsFor(total)) return reject(morseError(49));
  const rootUpper = claim.merkle_root.upper;
  if (!branch.hashRanges.some((r) => r.upper === rootUpper) && branch.targetRange.upper !== rootUpper) return reject(morseError(66));

  const pickHeight = proofHeight(view, claim.header.session_height);
  if (pickHeight > BigInt(height)) {
    return reject(
      internalError(
        `the proof for the session at ${claim.header.session_height} can be included from height ${pickHeight} on: ` +
          `the block whose last_block_id picks the leaf does not exist yet`,
      ),
    );
  }
  const headerHash = sessionHeaderHash(claim.header);
  if (!headerHash.ok) return reject(headerHash);
  const index = pseudorandomProofIndex(blockHash(view.identity.genesis_hash, Number(pickHeight) - 1), bytesToHex(headerHash.hash), total);
  if (!index.ok) return reject(internalError(index.error));
  if (branch.index !== index.index) return reject(morseError(49));

  const verdict = validateMerkleProof(claim.merkle_root, utf8(proofBytes(leaf)), branch, levels);
  if (!verdict.isValid) {
    return verdict.isReplayAttack ? { ok: false, error: morseError(86), replayAttack: claim } : reject(morseError(66));
  }
  const app = view.app(addressOf(claim.header.app_public_key), Number(claim.header.session_height));
  if (!app) return reject(morseError(45));
  // RelayProof.Validate: the leaf belongs to the claimed session and to one of the app's chains.
  if (leaf.session_block_height !== claim.header.session_height) return reject(morseError(60));
  if (!app.chains.includes(leaf.blockchain)) return reject(morseError(13));
  return { ok: true, claim };
}
