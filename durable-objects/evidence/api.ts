/**
 * The contract of the session-evidence Durable Object (`durable-objects/session-evidence.ts`): one
 * object per (servicer, app, chain, session height). The relay Worker reserves each relay here; the
 * claimer (issue 5) seals, reads and clears it. Every method returns a result union: a throwing DO
 * RPC method turns into an exception on the caller's side and loses the reason.
 * @module
 */

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
  /** The relay proof, as amino JSON text (`relayProofToJSON` of `shared/chain/msgs.ts`). */
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
