/**
 * The claimer's decisions (spec §7.2), pure: given the latest height, the session's windows and what
 * the chain answered, what to do next in each state. The chain's answers are read in an order that
 * makes "not found" final (see `step.ts`): a claim is looked up after its transaction, a proof's
 * transaction after the claim, and both after the height.
 *
 * A transaction is sent again only with the same bytes (same hash, which the chain deduplicates), and
 * only when the chain has neither executed nor queued it and a block has passed since it was sent (or
 * the send got no acceptance). New bytes are signed only after the old ones were executed and failed
 * for a reason that may pass (fees), so no two transactions for one message can both succeed.
 * @module
 */
import type { TxLookup } from "../rpc/pocket-rpc.js";
import type { SubmittedTx, TxVerdict } from "./record.js";
import { proofUntil, type SessionWindows } from "./windows.js";

export type Wait = { readonly kind: "wait"; readonly reason: string };
type Ending = { readonly kind: "discard" | "expire" | "fail"; readonly reason: string };

const wait = (reason: string): Wait => ({ kind: "wait", reason });
const end = (kind: Ending["kind"], reason: string): Ending => ({ kind, reason });

/** What a failed claim or proof transaction means: send again later, give up as too late, or give up as refused. */
export type FailureClass = "retry" | "expire" | "fail";

/**
 * A claim refused or failed with `verdict`. Fees, signatures and other `sdk` failures may pass (the
 * operator tops the account up); 60 (session not over) passes with time; 90 (a claim already stored
 * or queued) is settled by reading the claim back; 69 means the window is over. Any other pocketcore
 * code is a refusal of the claim itself.
 */
export function classifyClaimFailure(verdict: TxVerdict): FailureClass {
  if (verdict.codespace !== "pocketcore") return "retry";
  if (verdict.code === 60 || verdict.code === 90) return "retry";
  return verdict.code === 69 ? "expire" : "fail";
}

/**
 * A proof refused or failed with `verdict`. 66 (invalid Merkle proof) and 86 (replay attack) are
 * definitive: pocket-core deletes the evidence. 65 means the claim is gone. `sdk` failures may pass.
 */
export function classifyProofFailure(verdict: TxVerdict): FailureClass {
  if (verdict.codespace !== "pocketcore") return "retry";
  return verdict.code === 65 ? "expire" : "fail";
}

const describe = (v: TxVerdict): string => `${v.codespace}/${v.code}${v.log ? `: ${v.log}` : ""}`;

/** Whether to send `sent` again now: never accepted, or accepted and still unseen a block later. */
export function shouldResend(sent: SubmittedTx, latest: number): boolean {
  return !sent.accepted || latest > sent.sentAt;
}

export interface OpenFacts {
  readonly latest: number;
  readonly windows: SessionWindows;
  readonly relays: number;
  readonly minimumProofs: number;
  readonly chainSupported: boolean;
}

/** An open session: wait for its end, then discard it, claim it, or report it missed. */
export function decideOpen(f: OpenFacts): Wait | Ending | { readonly kind: "claim" } {
  const { claimFrom, claimUntil } = f.windows;
  if (f.latest < claimFrom) return wait(`relays are still admitted; the claim is sent from height ${claimFrom}`);
  if (!f.chainSupported) return end("discard", "the chain is not in pocketcore/SupportedBlockchains");
  if (f.relays < f.minimumProofs) return end("discard", `${f.relays} relays, below MinimumNumberOfProofs (${f.minimumProofs})`);
  if (f.latest > claimUntil) return end("expire", `the claim window closed at height ${claimUntil + 1} before the session was claimed`);
  return { kind: "claim" };
}

/** A sealed session whose claim is not sent yet. */
export function decideSealed(latest: number, windows: SessionWindows): Ending | { readonly kind: "send" } {
  if (latest > windows.claimUntil) return end("expire", `the claim window closed at height ${windows.claimUntil + 1} before the claim was sent`);
  return { kind: "send" };
}

export type SentDecision = Wait | Ending | { readonly kind: "confirmed" } | { readonly kind: "resend" } | { readonly kind: "resign"; readonly reason: string };

export interface ClaimFacts {
  readonly latest: number;
  readonly windows: SessionWindows;
  /** The claim transaction, looked up before the claim. */
  readonly tx: TxLookup;
  /** Whether the chain stores the claim. */
  readonly stored: boolean;
  readonly sent: SubmittedTx;
}

/** A sent claim: confirmed only by the chain storing it. */
export function judgeClaim(f: ClaimFacts): SentDecision {
  const { latest, windows, tx, sent } = f;
  if (f.stored) return { kind: "confirmed" };
  if (tx.status === "committed") {
    // Executed and succeeded, yet not stored: read again a block later before concluding it is gone.
    if (tx.code === 0) return latest > tx.height ? end("expire", `the claim was included at height ${tx.height} and is no longer stored`) : wait("the claim was just included");
    const kind = classifyClaimFailure(tx);
    if (kind === "retry" && latest <= windows.claimUntil) return { kind: "resign", reason: `the claim failed at height ${tx.height} with ${describe(tx)}` };
    return end(kind === "fail" ? "fail" : "expire", `the claim failed at height ${tx.height} with ${describe(tx)}`);
  }
  if (latest > windows.claimUntil) return end("expire", `the claim was not included by height ${windows.claimUntil + 1}, the end of the claim window`);
  if (tx.status === "pending") return wait("the claim waits in the mempool");
  if (sent.refusal) {
    const kind = classifyClaimFailure(sent.refusal);
    if (kind !== "retry") return end(kind, `the chain refused the claim: ${describe(sent.refusal)}`);
  }
  return shouldResend(sent, latest) ? { kind: "resend" } : wait(`the claim was sent at height ${sent.sentAt}; waiting for the next block`);
}

export interface ClaimedFacts {
  readonly latest: number;
  readonly windows: SessionWindows;
  /** The stored claim's expiration height, `undefined` when the chain no longer stores it. */
  readonly expirationHeight: number | undefined;
}

/** A stored claim: wait for the proof height, then prove it before it expires. */
export function decideClaimed(f: ClaimedFacts): Wait | Ending | { readonly kind: "prove" } {
  if (f.expirationHeight === undefined) return end("expire", "the claim is no longer stored and no proof was sent");
  const last = proofUntil(f.expirationHeight);
  if (last < f.windows.proofHeight) return end("expire", `the claim expires at height ${f.expirationHeight}, before a proof can be sent at ${f.windows.proofHeight}`);
  if (f.latest < f.windows.proofHeight) return wait(`the proof is sent once block ${f.windows.proofHeight} is committed`);
  if (f.latest > last) return end("expire", `the claim expires at height ${f.expirationHeight}: too late for a proof`);
  return { kind: "prove" };
}

export interface ProofFacts {
  readonly latest: number;
  /** Whether the chain still stores the claim, read before the proof transaction. */
  readonly stored: boolean;
  readonly expirationHeight: number;
  /** The proof transaction. */
  readonly tx: TxLookup;
  readonly sent: SubmittedTx;
}

/** A sent proof: confirmed by a successful result and the claim gone. */
export function judgeProof(f: ProofFacts): SentDecision {
  const { latest, tx, sent } = f;
  const last = proofUntil(f.expirationHeight);
  if (tx.status === "committed") {
    if (tx.code === 0) return f.stored ? wait("the proof was included; waiting for the claim to be deleted") : { kind: "confirmed" };
    const kind = classifyProofFailure(tx);
    if (kind === "retry" && f.stored && latest <= last) return { kind: "resign", reason: `the proof failed at height ${tx.height} with ${describe(tx)}` };
    return end(kind === "fail" ? "fail" : "expire", `the proof failed at height ${tx.height} with ${describe(tx)}`);
  }
  if (!f.stored) return end("expire", "the claim was deleted before the proof was included");
  if (latest > last) return end("expire", `the claim expires at height ${f.expirationHeight} before the proof can be included`);
  if (tx.status === "pending") return wait("the proof waits in the mempool");
  if (sent.refusal) {
    const kind = classifyProofFailure(sent.refusal);
    if (kind !== "retry") return end(kind, `the chain refused the proof: ${describe(sent.refusal)}`);
  }
  return shouldResend(sent, latest) ? { kind: "resend" } : wait(`the proof was sent at height ${sent.sentAt}; waiting for the next block`);
}
