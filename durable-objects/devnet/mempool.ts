/**
 * `/v1/client/rawtx` on the devnet: a transaction is checked at once against the state it would be
 * executed in (the next block), refused with its code and not stored, or queued for that block. The
 * answer is Morse's broadcast-sync `TxResponse` either way.
 * @module
 */
import { morseError, type MorseError } from "../../shared/morse/errors.js";
import type { GoValue } from "../../shared/morse/gojson.js";
import { executeTx, prepareTx } from "../../shared/chain/deliver.js";
import { abciLog, sdkError } from "../../shared/chain/tx-errors.js";
import { CLAIM_MSG_TYPE } from "../../shared/chain/tx.js";
import { claimKeyOf, type ChainView } from "../../shared/chain/view.js";
import { done, fail, type DevnetResult } from "./api.js";
import type { ChainStore } from "./store.js";

/** Morse's `TxResponse` of a refused tx (amino JSON: the int64 height is a string, 0 in sync mode). */
function refused(hash: string, error: MorseError): GoValue {
  return { height: "0", txhash: hash, code: error.code, codespace: error.codespace, raw_log: abciLog(error) };
}

/** The view a new tx is checked against: fees of the signer's pending transactions are not spendable. */
function spendableView(store: ChainStore): ChainView {
  return {
    genesis: store.genesis,
    identity: store.identity,
    latestHeight: () => store.latestHeight(),
    block: (h) => store.block(h),
    node: (a, h) => store.node(a, h),
    app: (a, h) => store.app(a, h),
    nodes: (h) => store.nodes(h),
    claim: (k) => store.claim(k),
    balance: (a) => store.balance(a) - store.pendingFees(a),
  };
}

/** Checks `bytes` (sent by `address`) and queues it for the next block if it may be included. */
export async function submitTx(store: ChainStore, address: string, bytes: Uint8Array): Promise<DevnetResult> {
  // Signatures are checked before any state is read, so this await cannot split a read from its write.
  const prepared = await prepareTx(bytes, store.genesis.chain_id);
  if (!prepared.ok) return done(refused(prepared.hash, prepared.error));
  const { hash, signer, tx, fee } = prepared.prepared;
  if (address !== signer) return done(refused(hash, sdkError("invalidAddress", `address ${address} is not the signer of the transaction (${signer})`)));
  // Tendermint's mempool cache answers this one as an RPC error, not as a tx result.
  if (store.tx(hash)) return fail(400, "tx already exists in cache");
  const claimKey = tx.msg.type === CLAIM_MSG_TYPE ? claimKeyOf(tx.msg.value) : undefined;
  if (claimKey && store.hasPendingClaim(claimKey)) {
    return done(refused(hash, morseError(90, ": a claim for this session, chain and app already waits in the mempool")));
  }
  const outcome = executeTx(spendableView(store), prepared.prepared, store.latestHeight() + 1);
  // A punishable failure (replay attack) must reach the block, where it is punished.
  if (outcome.error && !outcome.punishable) return done(refused(hash, outcome.error));
  store.addPendingTx(hash, bytes, signer, fee, claimKey);
  const info = outcome.punishable ? `accepted, and will fail in the next block with code ${outcome.code}: ${outcome.log}` : undefined;
  return done({ height: "0", txhash: hash, code: 0, raw_log: "[]", info });
}
