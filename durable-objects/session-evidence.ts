/**
 * The evidence of one session: one SQLite-backed Durable Object per (servicer, app, chain, session
 * height), named by `evidenceObjectName`. The relay Worker reserves every validated relay here, in
 * parallel with the chain call, and answers only if the reservation succeeded. Once the session is
 * over the object claims and proves it on chain itself (`shared/claimer/step.ts`) and deletes its
 * relays. Contract in `shared/evidence/api.ts`, SQL in `evidence/store.ts`.
 *
 * The object is single-threaded and a reservation has no `await`, so the check-then-insert is atomic
 * (research §1.4). The relay count and the session's metadata live in memory, loaded once at start,
 * so a reservation costs one INSERT and nothing else (the first one also writes `meta` and arms the
 * alarm, in the same output gate).
 *
 * Who drives the lifecycle: the alarm, every `CLAIMER_POLL_MS` while work is left (alarms survive
 * eviction and are retried), with the cron's `tick()` as the backstop. Both run the same step, and a
 * second caller while a step awaits the chain joins that step instead of starting another.
 * @module
 */
import { DurableObject } from "cloudflare:workers";
import { isTerminal, openRecord, type LifecycleRecord } from "../shared/claimer/record.js";
import { sessionReport } from "../shared/claimer/report.js";
import { memoClaimerSettings, pollIntervalMs } from "../shared/claimer/settings.js";
import { runStep, type ClaimerCache, type EvidencePort } from "../shared/claimer/step.js";
import { checkReserveRequest, sameHeader } from "../shared/evidence/reserve-request.js";
import { evidenceObjectName, isRowKey } from "../shared/evidence/row-key.js";
import { PocketRpc } from "../shared/rpc/pocket-rpc.js";
import {
  MAX_PAGE_ROWS,
  type ClearResult,
  type EvidenceBug,
  type EvidenceHeader,
  type LifecycleResult,
  type PageResult,
  type ReserveRequest,
  type ReserveResult,
  type SealResult,
  type SessionEvidenceApi,
  type StatsResult,
  type TickResult,
} from "../shared/evidence/api.js";
import type { EvidenceEnv } from "./evidence/env.js";
import { hasSchema, migrate } from "./evidence/schema.js";
import { EMPTY_META, EvidenceStore, type EvidenceMeta, type Reported } from "./evidence/store.js";
import { REGISTRY_OBJECT_NAME } from "./registry/api.js";

/**
 * How long a finished session keeps its small tombstone (header, lifecycle record, sealed flag) after
 * the registry has its record: long enough to inspect, then the object's storage is deleted.
 */
export const DEFAULT_TOMBSTONE_MS = 24 * 60 * 60 * 1000;

/** Most reservations one `reserveMany` call may carry. */
export const MAX_BATCH = 256;

/** Delay of a new session's first alarm (its registration with the session registry). */
const FIRST_ALARM_MS = 1000;

const bug = (message: string): EvidenceBug => ({ ok: false, code: 1, message: `session evidence: ${message}` });

export class SessionEvidence extends DurableObject implements SessionEvidenceApi {
  /** `undefined` until something is stored: reading an empty object must not create its storage. */
  private store: EvidenceStore | undefined;
  private meta: EvidenceMeta = EMPTY_META;
  private count = 0;
  /** The claimer's record; `null` while nothing has happened to the open session. */
  private record: LifecycleRecord | null = null;
  /** What the session registry was last told. */
  private reported: Reported | null = null;
  /** The step in progress: a caller arriving while it awaits the chain joins it. */
  private stepping: Promise<TickResult> | undefined;
  /** Parameters and chain id, fixed per session, for the chain at `cacheUrl`. */
  private cache: ClaimerCache = {};
  private cacheUrl = "";
  /** The claimer's settings (servicer keys included), parsed once per object while the bindings stay. */
  private readonly settings = memoClaimerSettings();

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
      ({ record: this.record, reported: this.reported } = this.store.readLifecycle());
      // An object with work left (or a tombstone to purge) always has an alarm; this re-arms a lost one.
      await this.armIfIdle();
    });
  }

  private vars(): EvidenceEnv {
    return this.env as unknown as EvidenceEnv;
  }

  private pollMs(): number {
    return pollIntervalMs(this.vars().CLAIMER_POLL_MS);
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
    return this.guard(() => this.reserveOne(request));
  }

  /**
   * Several reservations in one call, answered in order, as if `reserve` had been called for each in
   * turn. Their writes share one output gate (one commit): the Worker groups the relays that arrive
   * while a call to this object is in flight.
   */
  async reserveMany(requests: readonly ReserveRequest[]): Promise<ReserveResult[] | EvidenceBug> {
    if (!Array.isArray(requests) || requests.length === 0 || requests.length > MAX_BATCH) return bug(`reserveMany takes 1 to ${MAX_BATCH} requests`);
    const results: ReserveResult[] = [];
    for (const request of requests) results.push(await this.guard(() => this.reserveOne(request)));
    return results;
  }

  private reserveOne(request: ReserveRequest): ReserveResult {
    {
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
        // Not awaited: the write joins the insert's output gate, so the answer waits for nothing more.
        // Soon, not a poll interval away: the first alarm registers the session, and only registered
        // sessions are ticked by the cron; a short session must not pass unseen.
        void this.ctx.storage.setAlarm(createdAt + Math.min(this.pollMs(), FIRST_ALARM_MS));
      }
      if (!inserted) return { ok: false, code: 37 };
      return { ok: true, count: ++this.count };
    }
  }

  async seal(): Promise<SealResult> {
    return this.guard((): SealResult => {
      this.sealNow();
      return { ok: true, count: this.count, sealed: true };
    });
  }

  private sealNow(): void {
    if (this.meta.sealed) return;
    this.writable().markSealed();
    this.meta = { ...this.meta, sealed: true };
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
      // Atomic on SQLite; it drops the schema (and, from compat date 2026-02-24, the alarm) too.
      await this.ctx.storage.deleteAll();
      this.store = undefined;
      this.meta = EMPTY_META;
      this.count = 0;
      this.record = null;
      this.reported = null;
      return { ok: true, dropped };
    });
  }

  async lifecycle(): Promise<LifecycleResult> {
    const record = this.meta.header ? this.currentRecord() : null;
    return { ok: true, record, reported: record !== null && this.isReported(record) };
  }

  async tick(): Promise<TickResult> {
    return this.guard(async () => {
      const result = await this.work();
      await this.armIfIdle();
      return result;
    });
  }

  override async alarm(): Promise<void> {
    if (this.purgeDue()) {
      // The session ended and the registry has its record: nothing here is needed any more. A relay
      // of this session can no longer arrive (the relay path refuses it with 60 long before).
      await this.clear();
      return;
    }
    try {
      const result = await this.work();
      if (!result.ok) console.error(JSON.stringify({ msg: "claimer: step failed", error: result.message }));
    } catch (error) {
      console.error(JSON.stringify({ msg: "claimer: step failed", error: error instanceof Error ? error.stack : String(error) }));
    }
    // Re-armed here rather than by throwing: the platform's retries stop after six.
    if (this.wantsAlarm()) await this.ctx.storage.setAlarm(Date.now() + this.pollMs());
    else await this.armIfIdle();
  }

  /** A finished session whose record the registry holds: its tombstone can go once its grace has passed. */
  private finishedAndReported(): boolean {
    if (!this.meta.header) return false;
    const record = this.currentRecord();
    return isTerminal(record.state) && this.isReported(record);
  }

  private purgeDue(): boolean {
    return this.finishedAndReported() && Date.now() >= this.currentRecord().updatedAt + this.tombstoneMs();
  }

  /** Arms the alarm if none is set: the next step while work is left, else the tombstone's purge. */
  private async armIfIdle(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) !== null) return;
    if (this.wantsAlarm()) await this.ctx.storage.setAlarm(Date.now() + this.pollMs());
    else if (this.finishedAndReported()) await this.ctx.storage.setAlarm(this.currentRecord().updatedAt + this.tombstoneMs());
  }

  private tombstoneMs(): number {
    const raw = this.vars().EVIDENCE_TOMBSTONE_MS;
    const value = Number(raw);
    return raw !== undefined && raw.trim() !== "" && Number.isInteger(value) && value >= 0 ? value : DEFAULT_TOMBSTONE_MS;
  }

  /** The record of the session; while it is open, with the live relay count. */
  private currentRecord(): LifecycleRecord {
    const record = this.record ?? openRecord(this.count, this.meta.createdAt ?? 0);
    return record.state === "open" ? { ...record, relays: this.count } : record;
  }

  private isReported(record: LifecycleRecord): boolean {
    return this.reported !== null && this.reported.version === record.version && this.reported.relays === record.relays;
  }

  /** Work is left while the session is not terminal or the registry has not heard the last of it. */
  private wantsAlarm(): boolean {
    if (!this.meta.header) return false;
    const record = this.currentRecord();
    return !isTerminal(record.state) || !this.isReported(record);
  }

  /** One step and its report, shared by every caller that arrives while it runs. */
  private work(): Promise<TickResult> {
    this.stepping ??= (async () => {
      try {
        const result = await this.step();
        await this.report();
        return result;
      } finally {
        this.stepping = undefined;
      }
    })();
    return this.stepping;
  }

  private async step(): Promise<TickResult> {
    const header = this.meta.header;
    if (!header || !this.store) return { ok: true, state: "empty", version: 0, relays: 0 };
    const record = this.currentRecord();
    const summary = (r: LifecycleRecord, waiting?: string): TickResult => ({ ok: true, state: r.state, version: r.version, relays: r.relays, ...(waiting ? { waiting } : {}) });
    if (isTerminal(record.state)) return summary(record);
    const settings = this.settings(this.vars());
    if (!settings.ok) return summary(record, settings.error);
    if (this.cacheUrl !== settings.settings.rpcUrl) {
      this.cache = {};
      this.cacheUrl = settings.settings.rpcUrl;
    }
    const outcome = await runStep(
      {
        chain: new PocketRpc({ baseUrl: settings.settings.rpcUrl }),
        evidence: this.port(header, this.store),
        key: settings.settings.keys.get(header.servicerPubKey),
        sessionSyncAllowance: settings.settings.sessionSyncAllowance,
        cache: this.cache,
        now: Date.now,
      },
      record,
    );
    return summary(outcome.record, outcome.waiting);
  }

  /** The claimer's view of this object's storage. */
  private port(header: EvidenceHeader, store: EvidenceStore): EvidencePort {
    return {
      header,
      count: () => this.count,
      seal: () => this.sealNow(),
      sortedKeys: () => store.sortedKeys(),
      proofAt: (index) => store.proofAt(index),
      save: (record, dropRelays = false) => {
        this.ctx.storage.transactionSync(() => {
          if (dropRelays) store.dropRelays();
          store.saveLifecycle(record);
        });
        this.record = record;
        if (dropRelays) this.count = 0;
      },
    };
  }

  /** Tells the registry the session's state, when it has changed since the last report it took. */
  private async report(): Promise<void> {
    const header = this.meta.header;
    const registry = this.vars().REGISTRY;
    if (!header || !registry || !this.store) return;
    const record = this.currentRecord();
    if (this.isReported(record)) return;
    const name = evidenceObjectName(header);
    if (!name.ok) return;
    try {
      const answer = await registry.getByName(REGISTRY_OBJECT_NAME).report(sessionReport(name.value, header, record));
      if (!answer.ok) throw new Error(answer.message);
      this.reported = { version: record.version, relays: record.relays };
      this.store.saveReported(this.reported);
    } catch (error) {
      // The next alarm or tick reports again: `wantsAlarm` keeps the alarm armed until it lands.
      console.error(JSON.stringify({ msg: "claimer: registry report failed", session: name.value, error: error instanceof Error ? error.message : String(error) }));
    }
  }
}
