/**
 * The session registry: one SQLite-backed Durable Object per deployment that knows every
 * session-evidence object (Durable Objects cannot be listed), so the cron can tick the ones with work
 * left and the operator can see them all. Contract in `registry/api.ts`, SQL in `registry/store.ts`.
 *
 * Traffic is a few calls per session (a report per state change, a tick per cron run for unfinished
 * sessions), not per relay, so one object suffices far beyond one operator's sessions.
 * @module
 */
import { DurableObject } from "cloudflare:workers";
import { TERMINAL_STATES, type LifecycleState } from "../shared/claimer/record.js";
import type { SessionReport } from "../shared/claimer/report.js";
import { MAX_LIST, type DueResult, type ForgetResult, type PruneResult, type RegistryBug, type ReportResult, type SessionRegistryApi, type SessionsQuery, type SessionsResult } from "./registry/api.js";
import { REGISTRY_MIGRATIONS } from "./registry/schema.js";
import { RegistryStore } from "./registry/store.js";
import { migrate } from "./sql-migrations.js";

const STATES: ReadonlySet<string> = new Set<LifecycleState>(["open", "sealed", "claim-submitted", "claimed", "proof-submitted", ...TERMINAL_STATES]);

const bug = (message: string): RegistryBug => ({ ok: false, code: 1, message: `session registry: ${message}` });

export class SessionRegistry extends DurableObject implements SessionRegistryApi {
  private readonly store: RegistryStore;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    // Synchronous, and before any request is delivered.
    ctx.storage.transactionSync(() => migrate(sql, REGISTRY_MIGRATIONS));
    this.store = new RegistryStore(sql);
  }

  /** Turns an exception into an answer: a throwing RPC method loses its reason. */
  private guard<T>(run: () => T): T | RegistryBug {
    try {
      return run();
    } catch (error) {
      return bug(error instanceof Error ? error.message : String(error));
    }
  }

  async report(report: SessionReport): Promise<ReportResult> {
    return this.guard((): ReportResult => {
      if (typeof report?.name !== "string" || report.name === "" || !Number.isSafeInteger(report.version) || !STATES.has(report.state) || !Number.isSafeInteger(report.sessionHeight)) {
        return bug("a report needs a name, a version, a known state and a session height");
      }
      const stored = this.ctx.storage.transactionSync(() => this.store.upsert(report, Date.now()));
      return { ok: true, stored };
    });
  }

  async due(limit: number, now: number): Promise<DueResult> {
    return this.guard((): DueResult => {
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIST) return bug(`limit must be an integer from 1 to ${MAX_LIST}`);
      return { ok: true, names: this.ctx.storage.transactionSync(() => this.store.due(limit, now)) };
    });
  }

  async sessions(query: SessionsQuery = {}): Promise<SessionsResult> {
    return this.guard((): SessionsResult => {
      const limit = query.limit ?? MAX_LIST;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIST) return bug(`limit must be an integer from 1 to ${MAX_LIST}`);
      if (query.state !== undefined && !STATES.has(query.state)) return bug(`unknown state ${JSON.stringify(query.state)}`);
      return { ok: true, sessions: this.store.list(limit, query.state), states: this.store.states(), counters: this.store.totals() };
    });
  }

  async prune(before: number): Promise<PruneResult> {
    return this.guard((): PruneResult => ({ ok: true, pruned: this.store.prune(before) }));
  }

  async forget(name: string): Promise<ForgetResult> {
    return this.guard((): ForgetResult => ({ ok: true, forgotten: this.store.forget(String(name)) }));
  }
}
