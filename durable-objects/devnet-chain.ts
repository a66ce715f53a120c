/**
 * The devnet chain: one SQLite-backed Durable Object (named `CHAIN_OBJECT_NAME`, "devnet") holding the
 * whole chain state, producing blocks on an alarm and on demand, answering the Pocket RPC queries and
 * running claim and proof transactions. A thin shell: chain rules live in `shared/chain/`, SQL in
 * `devnet/store.ts`, queries, the mempool and admin in `devnet/*.ts`. Every method returns a result
 * union (see `devnet/api.ts`).
 * @module
 */
import { DurableObject } from "cloudflare:workers";
import { sdkErrorString } from "../shared/morse/errors.js";
import type { GoValue } from "../shared/morse/gojson.js";
import { genesisHash, genesisToJSON, parseGenesis } from "../shared/chain/genesis.js";
import { paramsToJSON } from "../shared/chain/params.js";
import { dispatch } from "../shared/chain/session.js";
import * as admin from "./devnet/admin.js";
import { done, fail, type DevnetChainApi, type DevnetResult, type ListOptions } from "./devnet/api.js";
import { submitTx } from "./devnet/mempool.js";
import { produceBlock } from "./devnet/produce.js";
import * as query from "./devnet/queries.js";
import { migrate } from "./devnet/schema.js";
import { ChainStore, readGenesis } from "./devnet/store.js";

/** Most blocks one `advance` may produce: keeps one call well inside a request's CPU budget. */
export const MAX_ADVANCE = 10_000;

const NO_GENESIS = "the devnet has no genesis yet: POST a genesis file to /v1/devnet/genesis (see shared/chain/genesis.example.json)";

export class DevnetChain extends DurableObject implements DevnetChainApi {
  private store: ChainStore | undefined;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    // Migrations run before any request is delivered; a failure resets the object (research §1.4).
    void ctx.blockConcurrencyWhile(async () => {
      const sql = ctx.storage.sql;
      ctx.storage.transactionSync(() => migrate(sql));
      const stored = readGenesis(sql);
      if (!stored) return;
      this.store = new ChainStore(sql, stored.genesis, stored.hash);
      // Alarms survive restarts, but not a wiped alarm store: keep a timed chain ticking.
      if ((await ctx.storage.getAlarm()) === null) await this.armAlarm();
    });
  }

  private chain(run: (store: ChainStore) => DevnetResult): DevnetResult {
    return this.store ? run(this.store) : fail(503, NO_GENESIS);
  }

  // ---- lifecycle ----

  /** Initialises the chain; the same genesis again is a no-op, a different one is refused (409). */
  async loadGenesis(json: unknown): Promise<DevnetResult> {
    const parsed = parseGenesis(json);
    if (!parsed.ok) return fail(400, `invalid genesis: ${parsed.error}`);
    const hash = genesisHash(parsed.value);
    if (this.store) {
      if (this.store.identity.genesis_hash === hash) return done(this.genesisSummary(this.store, false));
      return fail(
        409,
        `the devnet already runs genesis ${this.store.identity.genesis_hash} (chain_id ${this.store.genesis.chain_id}); ` +
          `this genesis hashes to ${hash}. Delete the devnet's state (.wrangler/state) to start another chain.`,
      );
    }
    const sql = this.ctx.storage.sql;
    this.store = this.ctx.storage.transactionSync(() => ChainStore.initialise(sql, parsed.value, hash));
    await this.armAlarm();
    return done(this.genesisSummary(this.store, true));
  }

  private genesisSummary(store: ChainStore, created: boolean): GoValue {
    return { created, chain_id: store.genesis.chain_id, genesis_hash: store.identity.genesis_hash, height: store.latestHeight() };
  }

  /** Produces `blocks` blocks now (1 ≤ blocks ≤ {@link MAX_ADVANCE}), atomically. */
  async advance(blocks: number): Promise<DevnetResult> {
    if (!Number.isSafeInteger(blocks) || blocks < 1 || blocks > MAX_ADVANCE) return fail(400, `blocks must be an integer from 1 to ${MAX_ADVANCE}`);
    return this.chain((store) => {
      const height = this.ctx.storage.transactionSync(() => {
        let h = 0;
        for (let i = 0; i < blocks; i++) h = produceBlock(store);
        return h;
      });
      return done({ height });
    });
  }

  /** One block per `block_time_ms`, re-armed after each. */
  override async alarm(): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.ctx.storage.transactionSync(() => produceBlock(store));
    await this.armAlarm();
  }

  private async armAlarm(): Promise<void> {
    const interval = this.store?.genesis.block_time_ms ?? 0;
    if (interval > 0) await this.ctx.storage.setAlarm(Date.now() + interval);
  }

  async status(): Promise<DevnetResult> {
    const store = this.store;
    if (!store) return done({ initialised: false, message: NO_GENESIS });
    const alarm = await this.ctx.storage.getAlarm();
    return done({
      initialised: true,
      chain_id: store.genesis.chain_id,
      genesis_hash: store.identity.genesis_hash,
      genesis_time: store.genesis.genesis_time,
      block_time_ms: store.genesis.block_time_ms,
      height: store.latestHeight(),
      pending_txs: store.pendingCount(),
      next_block_at: alarm === null ? null : new Date(alarm).toISOString(),
      params: paramsToJSON(store.genesis.params),
    });
  }

  /** The genesis in canonical form (defaults filled in). */
  async genesis(): Promise<DevnetResult> {
    return this.chain((store) => done(genesisToJSON(store.genesis)));
  }

  // ---- Pocket RPC ----

  async height(): Promise<DevnetResult> {
    return this.chain((store) => done({ height: store.latestHeight() }));
  }
  async block(height: number): Promise<DevnetResult> {
    return this.chain((store) => query.queryBlock(store, height));
  }
  async node(address: string, height: number): Promise<DevnetResult> {
    return this.chain((store) => query.queryNode(store, address, height));
  }
  async nodes(height: number, opts: ListOptions): Promise<DevnetResult> {
    return this.chain((store) => query.queryNodes(store, height, opts));
  }
  async app(address: string, height: number): Promise<DevnetResult> {
    return this.chain((store) => query.queryApp(store, address, height));
  }
  async apps(height: number, opts: ListOptions): Promise<DevnetResult> {
    return this.chain((store) => query.queryApps(store, height, opts));
  }
  async param(key: string, height: number): Promise<DevnetResult> {
    return this.chain((store) => query.queryParam(store, key, height));
  }
  async allParams(height: number): Promise<DevnetResult> {
    return this.chain((store) => query.queryAllParams(store, height));
  }
  async balance(address: string, height: number): Promise<DevnetResult> {
    return this.chain((store) => query.queryBalance(store, address, height));
  }
  async nodeClaim(address: string, appPublicKey: string, chain: string, sessionHeight: bigint): Promise<DevnetResult> {
    return this.chain((store) => query.queryNodeClaim(store, address, appPublicKey, chain, sessionHeight));
  }
  async nodeClaims(address: string, page: number, perPage: number): Promise<DevnetResult> {
    return this.chain((store) => query.queryNodeClaims(store, address, page, perPage));
  }
  async tx(hash: string): Promise<DevnetResult> {
    return this.chain((store) => query.queryTx(store, hash));
  }

  /** `/v1/client/dispatch`; failures carry pocket-core's `sdk.Error` string as the message. */
  async dispatch(appPublicKey: string, chain: string): Promise<DevnetResult> {
    return this.chain((store) => {
      const result = dispatch(store, appPublicKey, chain);
      return result.ok ? done(result.body) : fail(400, sdkErrorString(result));
    });
  }

  /** `/v1/client/rawtx` (see `devnet/mempool.ts`). */
  async submitTx(address: string, bytes: Uint8Array): Promise<DevnetResult> {
    return this.store ? submitTx(this.store, address, bytes) : fail(503, NO_GENESIS);
  }

  // ---- admin (devnet only) ----

  async stakeApp(json: unknown): Promise<DevnetResult> {
    return this.chain((store) => admin.stakeApp(store, json));
  }
  async unstakeApp(address: string): Promise<DevnetResult> {
    return this.chain((store) => admin.unstakeApp(store, address));
  }
  async stakeNode(json: unknown): Promise<DevnetResult> {
    return this.chain((store) => admin.stakeNode(store, json));
  }
  async unstakeNode(address: string): Promise<DevnetResult> {
    return this.chain((store) => admin.unstakeNode(store, address));
  }
  async setJailed(address: string, jailed: boolean): Promise<DevnetResult> {
    return this.chain((store) => admin.setJailed(store, address, jailed));
  }
}
