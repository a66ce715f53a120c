/**
 * What an evidence object tells the session registry about its session, and the operator counters
 * derived from it. Counters are sums of per-session contributions: the registry adds
 * `contribution(new) − contribution(old)` when it accepts a newer report, so a report sent twice, or a
 * stale one arriving late, never counts twice.
 * @module
 */
import type { EvidenceHeader } from "../evidence/api.js";
import { addressOf } from "../chain/actors.js";
import { isTerminal, type LifecycleRecord, type LifecycleState, type SubmittedTx, type TxVerdict } from "./record.js";

/** A transaction as the operator sees it. */
export interface TxReport {
  readonly hash: string;
  readonly attempts: number;
  /** The block result, once executed. */
  readonly result: (TxVerdict & { readonly height: number }) | null;
  /** The last refusal at submission. */
  readonly refusal: TxVerdict | null;
}

export interface SessionReport {
  /** The evidence object's name (`evidenceObjectName`). */
  readonly name: string;
  readonly servicer: string;
  readonly servicerPubKey: string;
  readonly app: string;
  readonly chain: string;
  readonly sessionHeight: number;
  readonly state: LifecycleState;
  readonly version: number;
  /** Relays stored (the claim's total once sealed). */
  readonly relays: number;
  readonly claim: (TxReport & { readonly confirmedAt: number | null; readonly expirationHeight: number | null }) | null;
  readonly proof: (TxReport & { readonly index: number | null }) | null;
  /** upokt, decimal strings. */
  readonly earned: string | null;
  readonly balanceBefore: string | null;
  readonly balanceAfter: string | null;
  readonly reason: string | null;
  readonly relaysLost: number;
  readonly lastError: string | null;
  readonly updatedAt: number;
}

function txReport(tx: SubmittedTx): TxReport {
  return { hash: tx.hash, attempts: tx.attempts, result: tx.result ?? null, refusal: tx.refusal ?? null };
}

/** The report of `record` for the session `header` stored in the object `name`. */
export function sessionReport(name: string, header: EvidenceHeader, record: LifecycleRecord): SessionReport {
  return {
    name,
    servicer: addressOf(header.servicerPubKey),
    servicerPubKey: header.servicerPubKey,
    app: header.appPubKey,
    chain: header.chain,
    sessionHeight: Number(header.sessionHeight),
    state: record.state,
    version: record.version,
    relays: record.relays,
    claim: record.claimTx ? { ...txReport(record.claimTx), confirmedAt: record.claimedAt ?? null, expirationHeight: record.expirationHeight ?? null } : null,
    proof: record.proofTx ? { ...txReport(record.proofTx), index: record.proofIndex ?? null } : null,
    earned: record.earned ?? null,
    balanceBefore: record.balanceBefore ?? null,
    balanceAfter: record.balanceAfter ?? null,
    reason: record.reason ?? null,
    relaysLost: record.relaysLost ?? 0,
    lastError: record.lastError ?? null,
    updatedAt: record.updatedAt,
  };
}

/** Operator counters, summed over sessions. Amounts in upokt. */
export interface ClaimerCounters {
  claimsSubmitted: number;
  claimsConfirmed: number;
  claimsFailed: number;
  proofsSubmitted: number;
  proofsConfirmed: number;
  proofsFailed: number;
  /** `rawtx` calls, resubmissions included. */
  transactionsSent: number;
  /** Relays of sessions that expired or failed after they could have been claimed. */
  relaysLost: number;
  /** Relays of sessions discarded (below the minimum, unsupported chain). */
  relaysDiscarded: number;
  tokensEarned: bigint;
}

export const COUNTER_NAMES = [
  "claimsSubmitted",
  "claimsConfirmed",
  "claimsFailed",
  "proofsSubmitted",
  "proofsConfirmed",
  "proofsFailed",
  "transactionsSent",
  "relaysLost",
  "relaysDiscarded",
  "tokensEarned",
] as const satisfies readonly (keyof ClaimerCounters)[];

export function zeroCounters(): ClaimerCounters {
  return { claimsSubmitted: 0, claimsConfirmed: 0, claimsFailed: 0, proofsSubmitted: 0, proofsConfirmed: 0, proofsFailed: 0, transactionsSent: 0, relaysLost: 0, relaysDiscarded: 0, tokensEarned: 0n };
}

/** What one session adds to the counters in the state `report` describes. */
export function contribution(report: SessionReport | undefined): ClaimerCounters {
  const c = zeroCounters();
  if (!report) return c;
  const ended = isTerminal(report.state);
  const claimSent = (report.claim?.attempts ?? 0) > 0;
  const proofSent = (report.proof?.attempts ?? 0) > 0;
  const claimConfirmed = report.claim?.confirmedAt != null;
  c.claimsSubmitted = claimSent ? 1 : 0;
  c.claimsConfirmed = claimConfirmed ? 1 : 0;
  c.claimsFailed = ended && claimSent && !claimConfirmed ? 1 : 0;
  c.proofsSubmitted = proofSent ? 1 : 0;
  c.proofsConfirmed = report.state === "proven" ? 1 : 0;
  c.proofsFailed = ended && proofSent && report.state !== "proven" ? 1 : 0;
  c.transactionsSent = (report.claim?.attempts ?? 0) + (report.proof?.attempts ?? 0);
  c.relaysLost = report.state === "expired" || report.state === "failed" ? report.relaysLost : 0;
  c.relaysDiscarded = report.state === "discarded" ? report.relaysLost : 0;
  c.tokensEarned = report.earned !== null ? BigInt(report.earned) : 0n;
  return c;
}
