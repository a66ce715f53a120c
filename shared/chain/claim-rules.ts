/**
 * When the chain accepts a claim (spec §7.2): `MsgClaim.ValidateBasic` and `Keeper.ValidateClaim`
 * of pocket-core (`x/pocketcore/types/msgs.go`, `keeper/claim.go`), checks and codes in Go's order,
 * plus one devnet rule: a second claim for the same key is refused (code 90) where pocket-core would
 * silently overwrite the first.
 * @module
 */
import { bytesToHex } from "../primitives/bytes.js";
import { morseError, sdkErrorString, type MorseError } from "../morse/errors.js";
import { isValidRange } from "../morse/merkle.js";
import { maxPossibleRelays } from "../morse/max-relays.js";
import { hashVerification, pubKeyVerification } from "../morse/verification.js";
import { addressOf } from "./actors.js";
import { readAddress } from "./input.js";
import { RELAY_EVIDENCE, type MsgClaim } from "../morse/tx/msgs.js";
import { computeSession } from "./session.js";
import { claimKeyOf, type ChainView } from "./view.js";

/** PC `MsgClaim.ValidateBasic`: stateless checks, in Go's order. */
export function validateClaimBasic(msg: MsgClaim): MorseError | undefined {
  if (msg.header.chain === "") return morseError(8);
  if (msg.header.session_height < 1n) return morseError(9);
  // The Merkle tree needs at least 5 leaves for the 3 levels MsgProof.ValidateBasic demands.
  if (msg.total_proofs < 5n) return morseError(11);
  const keyError = pubKeyVerification(msg.header.app_public_key);
  if (keyError) return morseError(54, sdkErrorString(keyError));
  if (!readAddress(msg.from_address, "from_address").ok) return morseError(22, "from_address must be 20 bytes of lowercase hex");
  const rootError = hashVerification(bytesToHex(msg.merkle_root.hash));
  if (rootError) return rootError;
  if (!isValidRange(msg.merkle_root)) return morseError(89);
  if (msg.merkle_root.lower !== 0n) return morseError(73);
  if (msg.evidence_type === 0) return morseError(84);
  if (msg.evidence_type !== RELAY_EVIDENCE) return morseError(5, ": the devnet accepts relay evidence (1) only");
  if (msg.expiration_height !== 0n) return morseError(88);
  return undefined;
}

/**
 * PC `Keeper.ValidateClaim` for a claim executed in the block at `height`. Heights follow Go:
 * the session must be over (`height > sbh + BPS − 1`, else 60) and the claim not mature
 * (`height ≤ sbh + ClaimSubmissionWindow·BPS`, else 69); node and app are read at the session start,
 * the session's node eligibility at the session end.
 */
export function validateClaim(view: ChainView, msg: MsgClaim, height: number): MorseError | undefined {
  const params = view.genesis.params;
  const bps = BigInt(params.blocks_per_session);
  const sbh = msg.header.session_height;
  if (BigInt(height) <= sbh + bps - 1n) {
    return morseError(60, `: the session at ${sbh} ends at height ${sbh + bps - 1n}; a claim for it can be included from height ${sbh + bps}`);
  }
  // From here sbh < height, so it is a safe integer.
  const sessionHeight = Number(sbh);
  if (msg.total_proofs < BigInt(params.minimum_number_of_proofs)) return morseError(49);
  if (!params.supported_blockchains.includes(msg.header.chain)) return morseError(53);
  if (!view.node(msg.from_address, sessionHeight)) return morseError(48);
  const app = view.app(addressOf(msg.header.app_public_key), sessionHeight);
  if (!app) return morseError(45);
  if (maxPossibleRelays(app.max_relays, app.chains.length, params.session_node_count) < msg.total_proofs) return morseError(71);
  const session = computeSession(view, msg.header.app_public_key, msg.header.chain, sessionHeight, sessionHeight + params.blocks_per_session - 1);
  if (!session.ok) return session;
  // Session.Validate: the header's key string must be the app's, the chain one of the app's, the servicer in the session.
  if (app.public_key !== msg.header.app_public_key) return morseError(61);
  if (!app.chains.includes(msg.header.chain)) return morseError(13);
  if (!session.nodes.includes(msg.from_address)) return morseError(14);
  const lastClaimHeight = sbh + BigInt(params.claim_submission_window) * bps;
  if (BigInt(height) > lastClaimHeight) {
    return morseError(69, `: a claim for the session at ${sbh} had to be included by height ${lastClaimHeight}`);
  }
  if (view.claim(claimKeyOf(msg))) return morseError(90, ": a claim for this session, chain and app already exists");
  return undefined;
}

/** The claim as stored: `expiration_height = inclusion height + ClaimExpiration·BPS` (PC `SetClaim`). */
export function storedClaim(view: ChainView, msg: MsgClaim, height: number): MsgClaim {
  const { claim_expiration, blocks_per_session } = view.genesis.params;
  return { ...msg, expiration_height: BigInt(height) + BigInt(claim_expiration) * BigInt(blocks_per_session) };
}
