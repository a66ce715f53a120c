/**
 * The evidence of one session: one SQLite-backed Durable Object per (servicer, app, chain, session
 * height), named by `evidenceObjectName`. The relay Worker reserves every validated relay here, in
 * parallel with the chain call, and answers only if the reservation succeeded; the claimer seals the
 * object, pages through its rows in Merkle leaf order and clears it. Contract in `evidence/api.ts`,
 * SQL in `evidence/store.ts`.
 *
 * The object is single-threaded and a reservation has no `await`, so the check-then-insert is atomic
 * (research §1.4). The relay count and the session's metadata live in memory, loaded once at start,
 * so a reservation costs one INSERT and nothing else.
 * @module
 */
import { DurableObject } from "cloudflare:workers";
import { checkReserveRequest, sameHeader } from "../shared/evidence/reserve-request.js";
import { isRowKey } from "../shared/evidence/row-key.js";
import {
  MAX_PAGE_ROWS,
  type ClearResult,
  type EvidenceBug,
  type PageResult,
  type ReserveRequest,
  type ReserveResult,
  type SealResult,
  type SessionEvidenceApi,
  type StatsResult,
} from "./evidence/api.js";
import { hasSchema, migrate } from "./evidence/schema.js";
import { EMPTY_META, EvidenceStore, type EvidenceMeta } from "./evidence/store.js";

const bug = (message: string): EvidenceBug => ({ ok: false, code: 1, message: `session evidence: ${message}` });

export class SessionEvidence extends DurableObject implements SessionEvidenceApi {
  /** `undefined` until something is stored: reading an empty object must not create its storage. */
  private store: EvidenceStore | undefined;
  private meta: EvidenceMeta = EMPTY_META;
  private count = 0;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    // Before any request is delivered; a failure resets the object (research §1.4).
    void ctx.blockConcurrencyWhile(async () => {
      const sql = ctx.storage.sql;
      if (!hasSchema(sql)) return;
      ctx.storage.transactionSync(() => migrate(sql));
      this.store = new EvidenceStore(sql);
      this.meta = this.store.readMeta();
      this.count = this.store.countRelays();
    });
  }

  /** The store, creating the schema on the first write. */
  private writable(): EvidenceStore {
    if (!this.store) {
      const sql = this.ctx.storage.sql;
      this.ctx.storage.transactionSync(() => migrate(sql));
      this.store = new EvidenceStore(sql);
    }
    return this.store;
  }

  /** Turns an exception (a bug or a storage failure) into an answer: a throwing RPC method loses its reason. */
  private async guard<T>(run: () => T | Promise<T>): Promise<T | EvidenceBug> {
    try {
      return await run();
    } catch (error) {
      return bug(error instanceof Error ? error.message : String(error));
    }
  }

  async reserve(request: ReserveRequest): Promise<ReserveResult> {
    return this.guard((): ReserveResult => {
      const checked = checkReserveRequest(request);
      if (!checked.ok) return bug(checked.error);
      // `ctx.id.name` is set when the object was reached by name; it must be this header's name.
      const named = this.ctx.id.name;
      if (named !== undefined && named !== checked.value.name) return bug(`a relay of ${checked.value.name} reached the object ${named}`);
      const stored = this.meta.header;
      if (stored && !sameHeader(stored, request.header)) return bug(`the header does not match the object's session ${JSON.stringify(stored)}`);

      // pocket-core's order (spec §5 rows 10–12): sealed, then duplicate, then over quota.
      if (this.meta.sealed) return { ok: false, code: 90 };
      if (BigInt(this.count) >= checked.value.maxRelays) {
        // Only at the limit does a refusal need a read: a replay still answers 37.
        return { ok: false, code: this.store?.hasRelay(request.key) ? 37 : 71 };
      }
      const store = this.writable();
      const first = stored === null;
      const createdAt = Date.now();
      const inserted = this.ctx.storage.transactionSync(() => {
        if (first) store.writeSession(request.header, request.maxRelays, createdAt);
        return store.insertRelay(request.key, request.proof);
      });
      if (first) {
        const { servicerPubKey, appPubKey, chain, sessionHeight } = request.header;
        this.meta = { ...this.meta, header: { servicerPubKey, appPubKey, chain, sessionHeight }, maxRelays: request.maxRelays, createdAt };
      }
      if (!inserted) return { ok: false, code: 37 };
      return { ok: true, count: ++this.count };
    });
  }

  async seal(): Promise<SealResult> {
    return this.guard((): SealResult => {
      if (!this.meta.sealed) {
        this.writable().markSealed();
        this.meta = { ...this.meta, sealed: true };
      }
      return { ok: true, count: this.count, sealed: true };
    });
  }

  async stats(): Promise<StatsResult> {
    return { ok: true, ...this.meta, count: this.count };
  }

  async page(after: Uint8Array | null, limit: number): Promise<PageResult> {
    return this.guard((): PageResult => {
      if (after !== null && !isRowKey(after)) return bug("after must be null or a 40-byte row key");
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_ROWS) return bug(`limit must be an integer from 1 to ${MAX_PAGE_ROWS}`);
      return { ok: true, ...(this.store?.pageRelays(after, limit) ?? { rows: [], next: null }) };
    });
  }

  async clear(): Promise<ClearResult> {
    return this.guard(async (): Promise<ClearResult> => {
      const dropped = this.count;
      // Atomic on SQLite; it drops the schema too, so the next write recreates it.
      await this.ctx.storage.deleteAll();
      this.store = undefined;
      this.meta = EMPTY_META;
      this.count = 0;
      return { ok: true, dropped };
    });
  }
}
