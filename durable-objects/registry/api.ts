/**
 * The contract of the session registry (`durable-objects/session-registry.ts`): the one place that
 * knows which session-evidence objects exist, since Durable Objects cannot be listed. Each evidence
 * object reports its session from its alarm and after every state change; the cron asks which sessions
 * to tick; the operator route lists them with the counters. Every method returns a result union.
 * @module
 */
import type { LifecycleState } from "../../shared/claimer/record.js";
import type { SessionReport } from "../../shared/claimer/report.js";

/** The name of the registry object: one per deployment (a few writes per session, far below one object's limits). */
export const REGISTRY_OBJECT_NAME = "sessions";

/** Most sessions one `due` or `sessions` call returns. */
export const MAX_LIST = 1000;

export interface RegistryBug {
  readonly ok: false;
  readonly code: 1;
  readonly message: string;
}

/** `stored` is false for a report older than the one the registry has (it is ignored). */
export type ReportResult = { readonly ok: true; readonly stored: boolean } | RegistryBug;

export type DueResult = { readonly ok: true; readonly names: readonly string[] } | RegistryBug;

/** Counters as JSON-safe values (`tokensEarned` in upokt, decimal). */
export type CountersJSON = Record<"claimsSubmitted" | "claimsConfirmed" | "claimsFailed" | "proofsSubmitted" | "proofsConfirmed" | "proofsFailed" | "transactionsSent" | "relaysLost" | "relaysDiscarded", number> & {
  readonly tokensEarned: string;
};

export interface SessionsQuery {
  /** Only sessions in this state. */
  readonly state?: LifecycleState;
  /** At most this many, newest sessions first (default and maximum {@link MAX_LIST}). */
  readonly limit?: number;
}

export type SessionsResult =
  | {
      readonly ok: true;
      readonly sessions: readonly SessionReport[];
      /** Sessions known now, by state. */
      readonly states: Readonly<Record<string, number>>;
      /** Since the deployment started (pruned sessions included). */
      readonly counters: CountersJSON;
    }
  | RegistryBug;

export type PruneResult = { readonly ok: true; readonly pruned: number } | RegistryBug;

export type ForgetResult = { readonly ok: true; readonly forgotten: boolean } | RegistryBug;

export interface SessionRegistryApi {
  /** Records a session's state if `report.version` is not older than the one stored, and updates the counters. */
  report(report: SessionReport): Promise<ReportResult>;
  /** Up to `limit` non-terminal sessions, the least recently ticked first (then the oldest); marks them ticked at `now`. */
  due(limit: number, now: number): Promise<DueResult>;
  sessions(query?: SessionsQuery): Promise<SessionsResult>;
  /** Forgets terminal sessions last updated before `before` (ms); counters keep them. */
  prune(before: number): Promise<PruneResult>;
  /** Forgets the session of an object that no longer stores one (cleared by an operator); counters keep it. */
  forget(name: string): Promise<ForgetResult>;
}
