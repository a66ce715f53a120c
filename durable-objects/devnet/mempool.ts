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
import { CLAIM_MSG_TYPE } from "../../shared/morse/tx/msgs.js";
import { claimKeyOf, type ChainView } from "../../shared/chain/view.js";
import { done, fail, type DevnetResult } from "./api.js";
import type { ChainStore } from "./store.js";

/**
 * pocket-core's answer to a tx CheckTx refused: `NewResponseFormatBroadcastTx` keeps `code`, `raw_log`
 * (whose JSON carries the codespace), `logs` (null: the log is no list of message logs) and `txhash`;
 * everything zero is left out (`omitempty`).
 */
function refused(hash: string, error: MorseError): GoValue {
  return { code: error.code, logs: null, raw_log: abciLog(error), txhash: hash };
}

/** pocket-core's answer to a queued tx (`abci_logging` off): `{"logs":null,"txhash":…}`. */
function queued(hash: string): GoValue {
  return { logs: null, txhash: hash };
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
  return done(queued(hash));
}
