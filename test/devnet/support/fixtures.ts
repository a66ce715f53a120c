/**
 * The devnet test world (keys and genesis of `shared/chain/testing.ts`, under short names) and
 * builders for the signed relay proofs, claims and proofs a servicer would send.
 * @module
 */
import type { MorseKey } from "../../../shared/morse/keys.js";
import type { RelayProof } from "../../../shared/morse/relay-types.js";
import { claimFromEvidence, proofFromEvidence } from "../../../shared/chain/evidence.js";
import type { MsgClaim, MsgProof } from "../../../shared/morse/tx/msgs.js";
import { signedRelayProofs, TEST_APP as APP, TEST_CHAIN as CHAIN, TEST_CHAIN_ID as CHAIN_ID, TEST_CLIENT as CLIENT } from "../../../shared/chain/testing.js";
import { CLAIM_MSG_TYPE, PROOF_MSG_TYPE } from "../../../shared/morse/tx/msgs.js";
import { signTx, unsignedTx } from "../../../shared/morse/tx/tx.js";

export { APP, CHAIN, CHAIN_ID, CLIENT };
export {
  testGenesisJSON as testGenesis,
  TEST_NODE_BALANCE as NODE_BALANCE,
  TEST_NODE_TOKENS as NODE_TOKENS,
  TEST_NODES as NODES,
  TEST_SMALL_APP as SMALL_APP,
} from "../../../shared/chain/testing.js";

/** `count` relay proofs served by `servicer` to the client of `app` in the session at `sessionHeight`. */
export function relayProofs(servicer: MorseKey, sessionHeight: number, count: number, app: MorseKey = APP): Promise<RelayProof[]> {
  return signedRelayProofs({ app, client: CLIENT, servicerPublicKey: servicer.publicKeyHex, chain: CHAIN, sessionHeight: BigInt(sessionHeight), count });
}

/** The claim `servicer` would send for `proofs`, with optional edits. */
export function claimFor(servicer: MorseKey, proofs: RelayProof[], edit: (claim: MsgClaim) => MsgClaim = (c) => c): MsgClaim {
  const claim = claimFromEvidence(proofs, servicer.address);
  if (!claim.ok) throw new Error(claim.error);
  return edit(claim.value);
}

/** The proof of the leaf at `index` of `proofs`' tree. */
export function proofFor(proofs: RelayProof[], index: number): MsgProof {
  const proof = proofFromEvidence(proofs, index);
  if (!proof.ok) throw new Error(proof.error);
  return proof.value;
}

/** `raw_hex_bytes` of a claim tx signed by `signer`. */
export async function claimTxHex(signer: MorseKey, claim: MsgClaim, chainId = CHAIN_ID): Promise<string> {
  return (await signTx(unsignedTx({ type: CLAIM_MSG_TYPE, value: claim }), chainId, signer)).hex;
}

/** `raw_hex_bytes` of a proof tx signed by `signer`. */
export async function proofTxHex(signer: MorseKey, proof: MsgProof, chainId = CHAIN_ID): Promise<string> {
  return (await signTx(unsignedTx({ type: PROOF_MSG_TYPE, value: proof }), chainId, signer)).hex;
}
