/**
 * Running a transaction against chain state, in two parts:
 * - {@link prepareTx} (async, stateless, run once when the tx arrives): decode, chain id, fee form,
 *   the message's `ValidateBasic` (for a proof: the leaf's AAT and client signature), and the tx
 *   signature by the message's signer;
 * - {@link executeTx} (synchronous, stateful): the ante handler's fee payment and the message handler's
 *   rules, giving a result code and the state changes to apply. It runs when the tx arrives (as a
 *   check at the height it will be included at) and again when its block is produced.
 *
 * Keeping the stateful part synchronous lets the Durable Object check and write with no `await` in
 * between, so two requests can never interleave there.
 * @module
 */
import type { MorseError } from "../morse/errors.js";
import { addressFromPublicKey } from "../morse/hash.js";
import { verify } from "../morse/keys.js";
import { rewardAddress } from "./actors.js";
import { storedClaim, validateClaim, validateClaimBasic } from "./claim-rules.js";
import { CLAIM_MSG_TYPE, type MsgClaim } from "../morse/tx/msgs.js";
import { validateProof, validateProofMsgBasic } from "./proof-rules.js";
import { relayReward, replayAttackBurn } from "./rewards.js";
import { abciLog, sdkError } from "./tx-errors.js";
import { DENOM, decodeTx, MSG_FEE, msgSigner, txHash, txSignBytes, type StdTx } from "../morse/tx/tx.js";
import type { ChainView } from "./view.js";

/** A tx that passed its stateless checks. */
export interface PreparedTx {
  readonly bytes: Uint8Array;
  /** Uppercase hex SHA-256 of `bytes`. */
  readonly hash: string;
  readonly tx: StdTx;
  /** The signer's address (verified). */
  readonly signer: string;
  /** The fee in upokt. */
  readonly fee: bigint;
}

export type PrepareResult = { readonly ok: true; readonly prepared: PreparedTx } | { readonly ok: false; readonly hash: string; readonly error: MorseError };

/**
 * Decodes `bytes` and runs every check that does not read state. The sign bytes are rebuilt from the
 * decoded tx with this chain's id, as pocket-core's ante handler rebuilds them: a tx signed for
 * another chain fails its signature check.
 */
export async function prepareTx(bytes: Uint8Array, chainId: string): Promise<PrepareResult> {
  const hash = txHash(bytes);
  const fail = (error: MorseError): PrepareResult => ({ ok: false, hash, error });
  const decoded = decodeTx(bytes);
  if (!decoded.ok) return fail(sdkError("txDecode", `error decoding transaction: ${decoded.error}`));
  const tx = decoded.value;
  const basic = tx.msg.type === CLAIM_MSG_TYPE ? validateClaimBasic(tx.msg.value) : await validateProofMsgBasic(tx.msg.value);
  if (basic) return fail(basic);
  if (tx.fee.length !== 1 || tx.fee[0].denom !== DENOM || tx.fee[0].amount < MSG_FEE) {
    return fail(sdkError("insufficientFee", `insufficient fee: the fee must be one coin of at least ${MSG_FEE}${DENOM}`));
  }
  const { publicKey, signature } = tx.signature;
  if (!(await verify(publicKey, txSignBytes(tx, chainId), signature))) {
    return fail(sdkError("unauthorized", "signature verification failed for the transaction"));
  }
  const signer = addressFromPublicKey(publicKey);
  const expected = msgSigner(tx.msg);
  if (expected !== signer) {
    return fail(sdkError("unauthorized", `the message must be signed by its servicer ${expected ?? "(undecodable key)"}, not by ${signer}`));
  }
  return { ok: true, prepared: { bytes, hash, tx, signer, fee: tx.fee[0].amount } };
}

/**
 * Rebuilds a {@link PreparedTx} from a tx that {@link prepareTx} accepted earlier (same bytes, so the
 * same verdict), without repeating the asynchronous signature checks. Only a decoder changed between
 * acceptance and delivery (an upgrade with a full mempool) can make it fail.
 */
export function preparedFromAccepted(bytes: Uint8Array, signer: string, fee: bigint): { readonly ok: true; readonly prepared: PreparedTx } | { readonly ok: false; readonly error: MorseError } {
  const decoded = decodeTx(bytes);
  if (!decoded.ok) return { ok: false, error: sdkError("txDecode", `error decoding transaction: ${decoded.error}`) };
  return { ok: true, prepared: { bytes, hash: txHash(bytes), tx: decoded.value, signer, fee } };
}

/** A state change a tx makes. Amounts in upokt. */
export type TxEffect =
  | { readonly kind: "debit"; readonly address: string; readonly amount: bigint }
  | { readonly kind: "credit"; readonly address: string; readonly amount: bigint }
  | { readonly kind: "set_claim"; readonly claim: MsgClaim }
  | { readonly kind: "delete_claim"; readonly claim: MsgClaim }
  | { readonly kind: "burn_stake"; readonly address: string; readonly amount: bigint };

/** The result of executing a tx: an ABCI-style code and log, and the state changes. */
export interface TxOutcome {
  readonly code: number;
  readonly codespace: string;
  readonly log: string;
  readonly effects: readonly TxEffect[];
  /** The error of a failed tx (`code ≠ 0`). */
  readonly error?: MorseError;
  /**
   * True when the tx fails but must still be included because its failure is punished on chain
   * (a replay attack, code 86): checking it at submission must not keep it out of the block.
   */
  readonly punishable: boolean;
}

function success(message: string, effects: TxEffect[]): TxOutcome {
  return { code: 0, codespace: "", log: JSON.stringify([{ msg_index: 0, success: true, log: message }]), effects, punishable: false };
}

function failure(error: MorseError, effects: TxEffect[], punishable = false): TxOutcome {
  return { code: error.code, codespace: error.codespace, log: abciLog(error), effects, error, punishable };
}

/** The outcome of a tx that can no longer be executed at all (see {@link preparedFromAccepted}). */
export function undeliverable(error: MorseError): TxOutcome {
  return failure(error, []);
}

/**
 * Executes `prepared` in the block at `height` (the view holds the state before it). The fee is paid
 * first, as cosmos' ante handler pays it, so a message that fails in its handler still costs the
 * fee; a signer who cannot pay gets code 5 and nothing changes.
 */
export function executeTx(view: ChainView, prepared: PreparedTx, height: number): TxOutcome {
  const { tx, signer, fee } = prepared;
  const balance = view.balance(signer);
  if (balance < fee) {
    const message = `insufficient funds to pay the fee: ${signer} can spend ${balance}${DENOM} (fees of its pending transactions excluded), the fee is ${fee}${DENOM}`;
    return failure(sdkError("insufficientFunds", message), []);
  }
  const payFee: TxEffect = { kind: "debit", address: signer, amount: fee };

  if (tx.msg.type === CLAIM_MSG_TYPE) {
    const error = validateClaim(view, tx.msg.value, height);
    if (error) return failure(error, [payFee]);
    const claim = storedClaim(view, tx.msg.value, height);
    return success(`claim stored; it expires at height ${claim.expiration_height}`, [payFee, { kind: "set_claim", claim }]);
  }

  const verdict = validateProof(view, tx.msg.value, signer, height);
  const node = view.node(signer, view.latestHeight());
  if (!verdict.ok) {
    const claim = verdict.replayAttack;
    if (!claim) return failure(verdict.error, [payFee]);
    const burned = node ? replayAttackBurn(view.genesis.params, claim.total_proofs, node.tokens) : 0n;
    const effects: TxEffect[] = [payFee, { kind: "delete_claim", claim }];
    if (burned > 0n) effects.push({ kind: "burn_stake", address: signer, amount: burned });
    return failure({ ...verdict.error, message: `${verdict.error.message}: ${burned}${DENOM} burned from the stake of ${signer}` }, effects, true);
  }
  const claim = verdict.claim;
  const reward = relayReward(view.genesis.params, claim.header.chain, claim.total_proofs);
  const effects: TxEffect[] = [payFee, { kind: "delete_claim", claim }];
  // PC mints nothing when the validator is gone (GetValidatorOutputAddress not found).
  const recipient = node ? rewardAddress(node) : undefined;
  if (recipient && reward.nodeReward > 0n) effects.push({ kind: "credit", address: recipient, amount: reward.nodeReward });
  return success(
    recipient
      ? `reward of ${reward.nodeReward}${DENOM} minted to ${recipient} (${reward.coins} for ${claim.total_proofs} relays, less ${reward.fees} DAO and proposer allocation)`
      : `no reward: the node ${signer} is no longer staked`,
    effects,
  );
}
