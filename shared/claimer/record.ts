/**
 * What the claimer records about one session's evidence (spec §7.2): its lifecycle state and every
 * fact needed to resume after a crash — the claimed root, the exact bytes of each submitted
 * transaction (written before they are sent, so a resubmission sends the same hash), the heights and
 * results read back from the chain, and, once terminal, why and how many relays went unpaid.
 *
 * ```
 * open → sealed → claim-submitted → claimed → proof-submitted → proven
 *   ↘ discarded (below the minimum, unsupported chain)   any non-terminal ↘ expired | failed
 * ```
 * @module
 */

export type LifecycleState = "open" | "sealed" | "claim-submitted" | "claimed" | "proof-submitted" | "proven" | "expired" | "discarded" | "failed";

export const TERMINAL_STATES: ReadonlySet<LifecycleState> = new Set(["proven", "expired", "discarded", "failed"]);

export const isTerminal = (state: LifecycleState): boolean => TERMINAL_STATES.has(state);

/** A chain's verdict on a transaction: the `TxResponse` of a refusal at submission, or a block's result. */
export interface TxVerdict {
  readonly code: number;
  readonly codespace: string;
  readonly log: string;
}

/** A transaction the claimer signed and (tried to) submit. */
export interface SubmittedTx {
  /** tendermint's hash: uppercase hex SHA-256 of the bytes. */
  readonly hash: string;
  /** `raw_hex_bytes`; dropped once the session is terminal. */
  readonly hex: string;
  /** `/v1/client/rawtx` calls made with these bytes. */
  readonly attempts: number;
  /** The latest height when these bytes were last sent. */
  readonly sentAt: number;
  /** True when the last send was answered code 0 (queued); false after a refusal or no answer. */
  readonly accepted: boolean;
  /** The last refusal at submission (CheckTx), if the last send was refused. */
  readonly refusal?: TxVerdict;
  /** The result once a block executed it. */
  readonly result?: TxVerdict & { readonly height: number };
}

export interface LifecycleRecord {
  /** Bumped on every change: the registry ignores reports older than the one it has. */
  readonly version: number;
  readonly state: LifecycleState;
  /** Relays stored when sealed: the claim's `total_proofs`. Before sealing, the live count. */
  readonly relays: number;
  /** The claimed Merkle root: hash (hex) and upper bound (decimal). */
  readonly root?: { readonly hash: string; readonly upper: string };
  readonly claimTx?: SubmittedTx;
  /** Height the claim was found stored at, and when the chain will delete it. */
  readonly claimedAt?: number;
  readonly expirationHeight?: number;
  /** The leaf proven (spec §6.4). */
  readonly proofIndex?: number;
  readonly proofTx?: SubmittedTx;
  /** The servicer's balance (upokt, decimal) before the proof was sent and after it was confirmed. */
  readonly balanceBefore?: string;
  readonly balanceAfter?: string;
  /** The node's reward by the formula (spec §7.4), upokt; set when proven. */
  readonly earned?: string;
  /** Why a terminal session ended as it did. */
  readonly reason?: string;
  /** Relays that will never be paid (expired, failed, discarded sessions). */
  readonly relaysLost?: number;
  /** The last transient problem (chain unreachable, key missing…), cleared by progress. */
  readonly lastError?: string;
  readonly updatedAt: number;
}

/** The record of a session nothing has happened to yet. */
export function openRecord(relays: number, now: number): LifecycleRecord {
  return { version: 0, state: "open", relays, updatedAt: now };
}

/** `record` with `changes`, version bumped. */
export function advanceRecord(record: LifecycleRecord, changes: Partial<Omit<LifecycleRecord, "version" | "updatedAt">>, now: number): LifecycleRecord {
  return { ...record, ...changes, version: record.version + 1, updatedAt: now };
}

/** The terminal form of `record`: the transaction bytes are no longer needed. */
export function terminalRecord(record: LifecycleRecord, state: "proven" | "expired" | "discarded" | "failed", reason: string, relaysLost: number, now: number): LifecycleRecord {
  const strip = (tx: SubmittedTx | undefined): SubmittedTx | undefined => (tx ? { ...tx, hex: "" } : undefined);
  return advanceRecord(record, { state, reason, relaysLost, claimTx: strip(record.claimTx), proofTx: strip(record.proofTx), lastError: undefined }, now);
}
