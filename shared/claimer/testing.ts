/**
 * Test support for the claimer's unit tests: a chain that answers the claimer's RPC calls from the
 * devnet's own rules (`shared/chain/`: `prepareTx`, `executeTx` over a {@link MemoryChain}, with a
 * mempool and blocks produced on demand) and an in-memory session store. Never used by a deployment.
 * @module
 */
import { blockHash } from "../chain/block.js";
import { executeTx, prepareTx, type PreparedTx } from "../chain/deliver.js";
import { RELAY_EVIDENCE, relayProofToJSON, type MsgClaim } from "../morse/tx/msgs.js";
import { allParams } from "../chain/params.js";
import type { MemoryChain } from "../chain/testing.js";
import { abciLog } from "../chain/tx-errors.js";
import { bytesToHex, hexToBytes } from "../primitives/bytes.js";
import { proofBytes } from "../morse/relay.js";
import type { RelayProof } from "../morse/relay-types.js";
import { rowKeyForProofBytes } from "../evidence/row-key.js";
import type { BlockSummary, RpcResult, TxLookup, TxResponse } from "../rpc/pocket-rpc.js";
import type { EvidenceHeader } from "../evidence/api.js";
import type { LifecycleRecord } from "./record.js";
import type { ClaimerChain, EvidencePort } from "./step.js";

const ok = <T>(value: T): RpcResult<T> => ({ ok: true, value });

/** The claimer's view of a {@link MemoryChain}: queries, a mempool checked on arrival, blocks on demand. */
export class MemoryRpc implements ClaimerChain {
  private readonly mempool: PreparedTx[] = [];
  private readonly results = new Map<string, Extract<TxLookup, { status: "committed" }>>();
  /** Claims stored by executed transactions, to delete when they expire (BeginBlock). */
  private readonly stored: MsgClaim[] = [];
  /** Every `submitTx` call, in order (hex). */
  readonly sent: string[] = [];
  /** When set, the chain is unreachable: every call fails as a lost connection does. */
  down = false;
  /** The next this-many sends fail as a lost connection does (nothing reaches the chain). */
  lostSends = 0;

  constructor(readonly chain: MemoryChain) {}

  private unreachable<T>(): RpcResult<T> {
    return { ok: false, status: 0, error: "the chain is unreachable: Network connection lost." };
  }

  async height(): Promise<RpcResult<number>> {
    return this.down ? this.unreachable() : ok(this.chain.latestHeight());
  }

  async allParams(): Promise<RpcResult<ReadonlyMap<string, string>>> {
    if (this.down) return this.unreachable();
    return ok(new Map(Object.values(allParams(this.chain.genesis.params)).flat().map((e) => [e.param_key, e.param_value] as const)));
  }

  async block(height: number): Promise<RpcResult<BlockSummary>> {
    if (this.down) return this.unreachable();
    if (height > this.chain.latestHeight()) return { ok: false, status: 400, error: `height ${height} is in the future` };
    return ok({ height, chainId: this.chain.genesis.chain_id, lastBlockHash: height > 1 ? blockHash(this.chain.identity.genesis_hash, height - 1) : "" });
  }

  async nodeClaim(address: string, appPublicKey: string, chain: string, sessionHeight: number): Promise<RpcResult<MsgClaim | undefined>> {
    if (this.down) return this.unreachable();
    return ok(this.chain.claim({ from_address: address, app_public_key: appPublicKey, chain, session_height: BigInt(sessionHeight), evidence_type: RELAY_EVIDENCE }));
  }

  async tx(hash: string): Promise<RpcResult<TxLookup>> {
    if (this.down) return this.unreachable();
    if (this.results.has(hash)) return ok(this.results.get(hash)!);
    return ok(this.mempool.some((t) => t.hash === hash) ? { status: "pending" } : { status: "unknown" });
  }

  async balance(address: string): Promise<RpcResult<bigint>> {
    return this.down ? this.unreachable() : ok(this.chain.balance(address));
  }

  async submitTx(_address: string, hex: string): Promise<RpcResult<TxResponse>> {
    if (this.down) return this.unreachable();
    this.sent.push(hex);
    if (this.lostSends > 0) {
      this.lostSends--;
      return this.unreachable();
    }
    const prepared = await prepareTx(hexToBytes(hex)!, this.chain.genesis.chain_id);
    if (!prepared.ok) return ok({ txhash: prepared.hash, code: prepared.error.code, codespace: prepared.error.codespace, rawLog: abciLog(prepared.error) });
    const tx = prepared.prepared;
    if (this.results.has(tx.hash) || this.mempool.some((t) => t.hash === tx.hash)) return { ok: false, status: 400, error: "tx already exists in cache" };
    const check = executeTx(this.chain, tx, this.chain.latestHeight() + 1);
    if (check.error && !check.punishable) return ok({ txhash: tx.hash, code: check.code, codespace: check.codespace, rawLog: check.log });
    this.mempool.push(tx);
    return ok({ txhash: tx.hash, code: 0, codespace: "", rawLog: "[]" });
  }

  /** Forgets the queued transactions, as a mempool that drops them. */
  dropMempool(): void {
    this.mempool.length = 0;
  }

  /** Produces `blocks` blocks; the first executes the mempool. */
  advance(blocks = 1): void {
    for (let i = 0; i < blocks; i++) {
      const height = this.chain.latestHeight() + 1;
      this.chain.height = height;
      for (const claim of this.stored.filter((c) => c.expiration_height <= BigInt(height))) {
        this.chain.apply([{ kind: "delete_claim", claim }]);
        this.stored.splice(this.stored.indexOf(claim), 1);
      }
      for (const tx of this.mempool.splice(0)) {
        const outcome = executeTx(this.chain, tx, height);
        this.chain.apply(outcome.effects);
        for (const effect of outcome.effects) if (effect.kind === "set_claim") this.stored.push(effect.claim);
        this.results.set(tx.hash, { status: "committed", height, code: outcome.code, codespace: outcome.codespace, log: outcome.log });
      }
    }
  }

  advanceTo(height: number): void {
    this.advance(height - this.chain.latestHeight());
  }
}

/** A session's relays and record in memory, sorted as the Durable Object's rows are. */
export class MemoryEvidence implements EvidencePort {
  rows: { key: Uint8Array; proof: string }[];
  sealed = false;
  record: LifecycleRecord | undefined;

  constructor(
    readonly header: EvidenceHeader,
    proofs: readonly RelayProof[],
  ) {
    this.rows = proofs.map((p) => ({ key: rowKeyForProofBytes(proofBytes(p)), proof: JSON.stringify(relayProofToJSON(p)) })).sort((a, b) => (bytesToHex(a.key) < bytesToHex(b.key) ? -1 : 1));
  }

  count(): number {
    return this.rows.length;
  }
  seal(): void {
    this.sealed = true;
  }
  sortedKeys(): Iterable<Uint8Array> {
    return this.rows.map((r) => r.key);
  }
  proofAt(index: number): string | undefined {
    return this.rows[index]?.proof;
  }
  save(record: LifecycleRecord, dropRelays = false): void {
    this.record = record;
    if (dropRelays) this.rows = [];
  }
}
