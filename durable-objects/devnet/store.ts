/**
 * The devnet chain state in the Durable Object's SQLite database: a {@link ChainView} for the pure
 * chain rules plus the writes that blocks, transactions and admin routes make. Every method is
 * synchronous (SQL in a Durable Object is), and cursors are consumed before returning, so callers can
 * group reads and writes with no `await` in between.
 * @module
 */
import { bytesToHex, hexToBytesStrict } from "../../shared/primitives/bytes.js";
import { addressOf, appFromJSON, appToJSON, nodeFromJSON, nodeToJSON, type AppState, type NodeState } from "../../shared/chain/actors.js";
import type { BlockRecord, ChainIdentity } from "../../shared/chain/block.js";
import type { TxEffect, TxOutcome } from "../../shared/chain/deliver.js";
import { genesisToJSON, parseGenesis, type Genesis } from "../../shared/chain/genesis.js";
import { claimFromJSON, claimToJSON, type MsgClaim } from "../../shared/morse/tx/msgs.js";
import { claimKeyOf, type ChainView, type ClaimKey } from "../../shared/chain/view.js";

type Versioned = "apps" | "nodes";

/** A transaction row. `height` is `null` while it waits in the mempool. */
export interface TxRow {
  readonly seq: number;
  readonly hash: string;
  readonly bytes: Uint8Array;
  readonly signer: string;
  readonly fee: bigint;
  readonly height: number | null;
  readonly index: number | null;
  readonly code: number | null;
  readonly codespace: string | null;
  readonly log: string | null;
}

/** The stored genesis: the parsed form and its hash. */
export interface StoredGenesis {
  readonly genesis: Genesis;
  readonly hash: string;
}

/** Reads the genesis the chain was initialised with, if any. */
export function readGenesis(sql: SqlStorage): StoredGenesis | undefined {
  const rows = sql.exec("SELECT key, value FROM meta WHERE key IN ('genesis', 'genesis_hash')").toArray();
  const value = (key: string) => rows.find((r) => r.key === key)?.value as string | undefined;
  const json = value("genesis");
  const hash = value("genesis_hash");
  if (json === undefined || hash === undefined) return undefined;
  const parsed = parseGenesis(JSON.parse(json));
  if (!parsed.ok) throw new Error(`the stored genesis no longer parses: ${parsed.error}`);
  return { genesis: parsed.value, hash };
}

/** String key of a claim for the mempool's duplicate check. */
export function claimKeyString(key: ClaimKey): string {
  return JSON.stringify([key.from_address, key.app_public_key, key.chain, key.session_height.toString(), key.evidence_type]);
}

/** The chain state of one devnet: reads at any height for the rules, writes for blocks, txs and admin. */
export class ChainStore implements ChainView {
  readonly identity: ChainIdentity;

  constructor(
    private readonly sql: SqlStorage,
    readonly genesis: Genesis,
    genesisHash: string,
  ) {
    this.identity = { chain_id: genesis.chain_id, genesis_hash: genesisHash, genesis_time: genesis.genesis_time, block_time_ms: genesis.block_time_ms };
  }

  /** Writes the genesis state: metadata, apps, nodes and accounts as of block 1, and block 1 itself. */
  static initialise(sql: SqlStorage, genesis: Genesis, genesisHash: string): ChainStore {
    sql.exec("INSERT INTO meta (key, value) VALUES ('genesis', ?), ('genesis_hash', ?)", JSON.stringify(genesisToJSON(genesis)), genesisHash);
    const store = new ChainStore(sql, genesis, genesisHash);
    for (const app of genesis.apps) store.putApp(app, 1);
    for (const node of genesis.nodes) store.putNode(addressOf(node.public_key), node, 1);
    for (const account of genesis.accounts) store.setBalance(account.address, account.balance);
    store.insertBlock(1, 0);
    return store;
  }

  // ---- ChainView ----

  latestHeight(): number {
    return Number(this.sql.exec("SELECT COALESCE(MAX(height), 0) AS h FROM blocks").one().h);
  }

  block(height: number): BlockRecord | undefined {
    const row = this.sql.exec("SELECT num_txs, total_txs FROM blocks WHERE height = ?", height).toArray()[0];
    if (!row) return undefined;
    const txs = this.sql
      .exec("SELECT bytes_hex FROM txs WHERE height = ? ORDER BY idx", height)
      .toArray()
      .map((r) => hexToBytesStrict(r.bytes_hex as string));
    return { height, num_txs: Number(row.num_txs), total_txs: Number(row.total_txs), txs };
  }

  node(address: string, height: number): NodeState | undefined {
    const data = this.versioned("nodes", address, height);
    return data ? nodeFromJSON(data) : undefined;
  }

  app(address: string, height: number): AppState | undefined {
    const data = this.versioned("apps", address, height);
    return data ? appFromJSON(data) : undefined;
  }

  /** Every node staked at `height`, by address. */
  nodes(height: number): NodeState[] {
    return this.allVersioned("nodes", height).map(nodeFromJSON);
  }

  /** Every app staked at `height`, by address. */
  apps(height: number): AppState[] {
    return this.allVersioned("apps", height).map(appFromJSON);
  }

  claim(key: ClaimKey): MsgClaim | undefined {
    const row = this.sql
      .exec(
        "SELECT data FROM claims WHERE from_address = ? AND app_public_key = ? AND chain = ? AND session_height = ? AND evidence_type = ?",
        key.from_address,
        key.app_public_key,
        key.chain,
        key.session_height.toString(),
        key.evidence_type,
      )
      .toArray()[0];
    return row ? this.claimFromRow(row.data as string) : undefined;
  }

  balance(address: string): bigint {
    const row = this.sql.exec("SELECT balance FROM accounts WHERE address = ?", address).toArray()[0];
    return row ? BigInt(row.balance as string) : 0n;
  }

  // ---- reads beyond the view ----

  /** Claims of a servicer (all, when `address` is undefined), oldest session first. */
  claims(address?: string): MsgClaim[] {
    const rows =
      address === undefined
        ? this.sql.exec("SELECT data FROM claims ORDER BY CAST(session_height AS INTEGER), from_address").toArray()
        : this.sql.exec("SELECT data FROM claims WHERE from_address = ? ORDER BY CAST(session_height AS INTEGER)", address).toArray();
    return rows.map((r) => this.claimFromRow(r.data as string));
  }

  /** Fees of the signer's transactions still in the mempool: already promised, so not spendable. */
  pendingFees(address: string): bigint {
    return this.sql
      .exec("SELECT fee FROM txs WHERE height IS NULL AND signer = ?", address)
      .toArray()
      .reduce((sum, r) => sum + BigInt(r.fee as string), 0n);
  }

  /** Transactions waiting for the next block. */
  pendingCount(): number {
    return Number(this.sql.exec("SELECT COUNT(*) AS n FROM txs WHERE height IS NULL").one().n);
  }

  /** The mempool in arrival order. */
  pendingTxs(): TxRow[] {
    return this.sql.exec("SELECT * FROM txs WHERE height IS NULL ORDER BY seq").toArray().map(txRow);
  }

  /** Whether a claim for `key` waits in the mempool. */
  hasPendingClaim(key: ClaimKey): boolean {
    return this.sql.exec("SELECT 1 FROM txs WHERE height IS NULL AND claim_key = ?", claimKeyString(key)).toArray().length > 0;
  }

  /** A transaction by its (uppercase) hash, pending or committed. */
  tx(hash: string): TxRow | undefined {
    const row = this.sql.exec("SELECT * FROM txs WHERE hash = ?", hash).toArray()[0];
    return row ? txRow(row) : undefined;
  }

  // ---- writes ----

  /** Stakes or edits `app` from `height` on. */
  putApp(app: AppState, height: number): void {
    this.putVersioned("apps", addressOf(app.public_key), JSON.stringify(appToJSON(app)), height);
  }

  /** Stakes or edits the node at `address` from `height` on; `null` unstakes it. */
  putNode(address: string, node: NodeState | null, height: number): void {
    this.putVersioned("nodes", address, node ? JSON.stringify(nodeToJSON(node)) : null, height);
  }

  /** Unstakes the app at `address` from `height` on. */
  removeApp(address: string, height: number): void {
    this.putVersioned("apps", address, null, height);
  }

  /** Sets an account balance (creating the account). */
  setBalance(address: string, balance: bigint): void {
    this.sql.exec("INSERT INTO accounts (address, balance) VALUES (?, ?) ON CONFLICT (address) DO UPDATE SET balance = excluded.balance", address, balance.toString());
  }

  /** Adds a transaction to the mempool. */
  addPendingTx(hash: string, bytes: Uint8Array, signer: string, fee: bigint, claimKey: ClaimKey | undefined): void {
    this.sql.exec(
      "INSERT INTO txs (hash, bytes_hex, signer, fee, claim_key) VALUES (?, ?, ?, ?, ?)",
      hash,
      bytesToHex(bytes),
      signer,
      fee.toString(),
      claimKey ? claimKeyString(claimKey) : null,
    );
  }

  /** Records a transaction's result in the block at `height`. */
  recordTxResult(seq: number, height: number, index: number, outcome: TxOutcome): void {
    this.sql.exec("UPDATE txs SET height = ?, idx = ?, code = ?, codespace = ?, log = ?, claim_key = NULL WHERE seq = ?", height, index, outcome.code, outcome.codespace, outcome.log, seq);
  }

  /** BeginBlock: claims whose `expiration_height ≤ height` are deleted (PC `DeleteExpiredClaims`). */
  deleteExpiredClaims(height: number): void {
    this.sql.exec("DELETE FROM claims WHERE expiration_height <= ?", height);
  }

  /** Commits block `height` with `numTxs` transactions (already recorded at that height). */
  insertBlock(height: number, numTxs: number): void {
    const previous = this.sql.exec("SELECT total_txs FROM blocks WHERE height = ?", height - 1).toArray()[0];
    const totalTxs = (previous ? Number(previous.total_txs) : 0) + numTxs;
    this.sql.exec("INSERT INTO blocks (height, num_txs, total_txs) VALUES (?, ?, ?)", height, numTxs, totalTxs);
  }

  /** Applies a transaction's effects to the state of the block at `height`. */
  applyEffects(effects: readonly TxEffect[], height: number): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case "debit":
          this.setBalance(effect.address, this.balance(effect.address) - effect.amount);
          break;
        case "credit":
          this.setBalance(effect.address, this.balance(effect.address) + effect.amount);
          break;
        case "set_claim":
          this.setClaim(effect.claim);
          break;
        case "delete_claim":
          this.deleteClaim(claimKeyOf(effect.claim));
          break;
        case "burn_stake": {
          // Read at `height`: an earlier transaction of the same block may already have burned.
          const node = this.node(effect.address, height);
          if (!node) break;
          const tokens = node.tokens > effect.amount ? node.tokens - effect.amount : 0n;
          this.putNode(effect.address, { ...node, tokens }, height);
          break;
        }
      }
    }
  }

  // ---- internals ----

  private setClaim(claim: MsgClaim): void {
    const key = claimKeyOf(claim);
    this.sql.exec(
      "INSERT INTO claims (from_address, app_public_key, chain, session_height, evidence_type, expiration_height, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
      key.from_address,
      key.app_public_key,
      key.chain,
      key.session_height.toString(),
      key.evidence_type,
      Number(claim.expiration_height),
      JSON.stringify(claimToJSON(claim)),
    );
  }

  private deleteClaim(key: ClaimKey): void {
    this.sql.exec(
      "DELETE FROM claims WHERE from_address = ? AND app_public_key = ? AND chain = ? AND session_height = ? AND evidence_type = ?",
      key.from_address,
      key.app_public_key,
      key.chain,
      key.session_height.toString(),
      key.evidence_type,
    );
  }

  private claimFromRow(data: string): MsgClaim {
    const parsed = claimFromJSON(JSON.parse(data));
    if (!parsed.ok) throw new Error(`a stored claim no longer parses: ${parsed.error}`);
    return parsed.value;
  }

  private versioned(table: Versioned, address: string, height: number): Record<string, unknown> | undefined {
    const row = this.sql
      .exec(`SELECT data FROM ${table} WHERE address = ? AND since_height <= ? ORDER BY since_height DESC LIMIT 1`, address, height)
      .toArray()[0];
    return row && row.data !== null ? JSON.parse(row.data as string) : undefined;
  }

  private allVersioned(table: Versioned, height: number): Record<string, unknown>[] {
    return this.sql
      .exec(
        `SELECT t.data FROM ${table} AS t
         WHERE t.since_height = (SELECT MAX(since_height) FROM ${table} WHERE address = t.address AND since_height <= ?)
           AND t.data IS NOT NULL
         ORDER BY t.address`,
        height,
      )
      .toArray()
      .map((r) => JSON.parse(r.data as string));
  }

  private putVersioned(table: Versioned, address: string, data: string | null, height: number): void {
    this.sql.exec(
      `INSERT INTO ${table} (address, since_height, data) VALUES (?, ?, ?) ON CONFLICT (address, since_height) DO UPDATE SET data = excluded.data`,
      address,
      height,
      data,
    );
  }
}

function txRow(row: Record<string, SqlStorageValue>): TxRow {
  return {
    seq: Number(row.seq),
    hash: row.hash as string,
    bytes: hexToBytesStrict(row.bytes_hex as string),
    signer: row.signer as string,
    fee: BigInt(row.fee as string),
    height: row.height === null ? null : Number(row.height),
    index: row.idx === null ? null : Number(row.idx),
    code: row.code === null ? null : Number(row.code),
    codespace: row.codespace as string | null,
    log: row.log as string | null,
  };
}
