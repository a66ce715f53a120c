/**
 * Block production for the devnet (one tendermint block, ABCI style): BeginBlock deletes expired
 * claims, every mempool transaction is delivered in arrival order (its result and state changes
 * recorded even when it fails, as tendermint keeps failed transactions in the block), then the block
 * is committed. Synchronous, so a caller can wrap many blocks in one `transactionSync`.
 * @module
 */
import { executeTx, preparedFromAccepted, undeliverable } from "../../shared/chain/deliver.js";
import type { ChainStore } from "./store.js";

/** Produces the next block; returns its height. */
export function produceBlock(store: ChainStore): number {
  const height = store.latestHeight() + 1;
  store.deleteExpiredClaims(height);
  const pending = store.pendingTxs();
  pending.forEach((row, index) => {
    // The view still answers "latest" with the previous height while this block is built, and
    // effects of earlier transactions of this block are already applied: DeliverTx semantics.
    const accepted = preparedFromAccepted(row.bytes, row.signer, row.fee);
    const outcome = accepted.ok ? executeTx(store, accepted.prepared, height) : undeliverable(accepted.error);
    store.applyEffects(outcome.effects, height);
    store.recordTxResult(row.seq, height, index, outcome);
  });
  store.insertBlock(height, pending.length);
  return height;
}
