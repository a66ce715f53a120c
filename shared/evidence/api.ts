/**
 * The contract of the session-evidence Durable Object (`durable-objects/session-evidence.ts`): one
 * object per (servicer, app, chain, session height). The relay Worker reserves each relay here; the
 * object then claims and proves its session itself (`shared/claimer/`), driven by its alarm and by the
 * cron's `tick()`. Every method returns a result union: a throwing DO RPC method turns into an
 * exception on the caller's side and loses the reason.
 * @module
 */
import type { LifecycleRecord, LifecycleState } from "../claimer/record.js";

/** Which session's evidence an object holds. Hex strings are lowercase, as on the wire. */
export interface EvidenceHeader {
  /** The servicer's public key (64 hex). */
  readonly servicerPubKey: string;
  /** The application's public key (64 hex), from the relay's AAT. */
  readonly appPubKey: string;
  /** The relay chain id, e.g. "0021". */
  readonly chain: string;
  /** The session block height, as a decimal string (an int64 on the wire). */
  readonly sessionHeight: string;
}

/** One relay to reserve. */
export interface ReserveRequest {
  readonly header: EvidenceHeader;
  /**
   * The row key: `upperBigEndian(8) ‖ leafHash(32)` where `leafHash = BLAKE2b-256(proofBytes)` and
   * `upper` is the leaf's range bound (spec §3.4); see `shared/evidence/row-key.ts`. Unique per
   * proof (same preimage as the proof hash, so the replay set is exact) and ordered by `upper`.
   */
  readonly key: Uint8Array;
  /** The relay proof, as amino JSON text (`relayProofToJSON` of `shared/morse/tx/msgs.ts`). */
  readonly proof: string;
  /** `maxPossibleRelays` for this servicer in this session (spec §4.5), as a decimal string. */
  readonly maxRelays: string;
}

/** Codes a reservation can be refused with (spec §5 rows 10–12). */
export type ReserveRefusal = 90 | 37 | 71;

export type ReserveResult =
  | { readonly ok: true; /** relays stored after this one */ readonly count: number }
  | { readonly ok: false; readonly code: ReserveRefusal }
  /** A bug, not a client's fault (e.g. a header that does not match the object's): answered as sdk/1. */
  | { readonly ok: false; readonly code: 1; readonly message: string };

/** A call the object refuses because the caller is wrong (answered as sdk/1 if it reaches a client). */
export interface EvidenceBug {
  readonly ok: false;
  readonly code: 1;
  readonly message: string;
}

/** After sealing, every reservation answers 90 (spec §6.1: a claimed session takes no more relays). */
export type SealResult = { readonly ok: true; readonly count: number; readonly sealed: true } | EvidenceBug;

export type StatsResult =
  | {
      readonly ok: true;
      /** `null` until the first accepted reservation. */
      readonly header: EvidenceHeader | null;
      readonly count: number;
      readonly sealed: boolean;
      /** The `maxRelays` of the first accepted reservation; each reservation is checked against its own. */
      readonly maxRelays: string | null;
      /** When the first relay was accepted, in ms since the epoch. */
      readonly createdAt: number | null;
    }
  | EvidenceBug;

/** One stored relay: its row key and its proof text, as reserved. */
export interface EvidenceRow {
  readonly key: Uint8Array;
  readonly proof: string;
}

/**
 * Most rows one `page` call returns. A proof is about 1 KB of JSON, so a page stays far below the
 * 32 MiB limit of an RPC return value.
 */
export const MAX_PAGE_ROWS = 10_000;

export type PageResult =
  | {
      readonly ok: true;
      /** Rows in ascending key order, i.e. sorted by `upper` (the Merkle leaf order). */
      readonly rows: readonly EvidenceRow[];
      /** The `after` of the next page, or `null` when this page reached the end. */
      readonly next: Uint8Array | null;
    }
  | EvidenceBug;

export type ClearResult = { readonly ok: true; /** relays deleted */ readonly dropped: number } | EvidenceBug;

/** The outcome of one lifecycle step. `empty`: the object never stored a relay. */
export type TickResult =
  | {
      readonly ok: true;
      readonly state: LifecycleState | "empty";
      readonly version: number;
      readonly relays: number;
      /** What the session waits for, or the transient problem that stopped the step. */
      readonly waiting?: string;
    }
  | EvidenceBug;

export type LifecycleResult =
  | {
      readonly ok: true;
      /** `null` for an object that never stored a relay. */
      readonly record: LifecycleRecord | null;
      /** Whether the session registry has the current version. */
      readonly reported: boolean;
    }
  | EvidenceBug;

/** The object's RPC methods, for callers that type a stub without importing the class. */
export interface SessionEvidenceApi {
  /** Stores one relay unless sealed (90), a replay (37) or over quota (71), in pocket-core's order. */
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /** `reserve` for each request in turn, in one call and one commit; results in order. */
  reserveMany(requests: readonly ReserveRequest[]): Promise<ReserveResult[] | EvidenceBug>;
  /** Refuses every later reservation; idempotent. */
  seal(): Promise<SealResult>;
  stats(): Promise<StatsResult>;
  /** Up to `limit` (1…{@link MAX_PAGE_ROWS}) rows with keys strictly after `after` (`null`: from the start). */
  page(after: Uint8Array | null, limit: number): Promise<PageResult>;
  /** Deletes everything the object stores. */
  clear(): Promise<ClearResult>;
  /** Runs one lifecycle step now (the cron's backstop to the alarm) and reports to the registry. */
  tick(): Promise<TickResult>;
  /** The claimer's record of the session. */
  lifecycle(): Promise<LifecycleResult>;
}
