/**
 * The shape checks the session-evidence object runs on every reservation. A request that fails them
 * comes from a bug in the relay Worker, not from a client (the Worker builds it from a relay it has
 * already validated), so the object answers it with sdk/1 and a message instead of storing it.
 * @module
 */
import type { EvidenceHeader, ReserveRequest } from "./api.js";
import { bad, ok, type Parsed } from "../chain/input.js";
import { U64_MAX } from "../primitives/bytes.js";
import { evidenceObjectName, isRowKey } from "./row-key.js";

/**
 * Longest proof text stored. A relay proof's amino JSON is about 1 KB; the bound keeps a bug from
 * filling rows up to SQLite's 2 MB limit.
 */
export const MAX_PROOF_LENGTH = 64 * 1024;

const DECIMAL_U64 = /^(0|[1-9][0-9]{0,19})$/;

/** What a valid request tells the object: the name of the session it belongs to, and its quota. */
export interface CheckedReserve {
  readonly name: string;
  readonly maxRelays: bigint;
}

/** Checks a reservation's shape: header, row key (40 bytes, prefix = the leaf's upper), proof text, quota. */
export function checkReserveRequest(request: ReserveRequest): Parsed<CheckedReserve> {
  if (typeof request !== "object" || request === null) return bad("the request must be an object");
  if (typeof request.header !== "object" || request.header === null) return bad("header must be an object");
  const name = evidenceObjectName(request.header);
  if (!name.ok) return bad(`header: ${name.error}`);
  if (!isRowKey(request.key)) return bad("key must be a 40-byte row key: the leaf's upper big-endian, then the leaf hash");
  if (typeof request.proof !== "string" || request.proof.length === 0 || request.proof.length > MAX_PROOF_LENGTH) {
    return bad(`proof must be the proof's JSON text, 1 to ${MAX_PROOF_LENGTH} characters`);
  }
  const { maxRelays } = request;
  if (typeof maxRelays !== "string" || !DECIMAL_U64.test(maxRelays) || BigInt(maxRelays) > U64_MAX) {
    return bad("maxRelays must be a uint64 in decimal");
  }
  return ok({ name: name.value, maxRelays: BigInt(maxRelays) });
}

/** True when two headers name the same session. */
export function sameHeader(a: EvidenceHeader, b: EvidenceHeader): boolean {
  return a.servicerPubKey === b.servicerPubKey && a.appPubKey === b.appPubKey && a.chain === b.chain && a.sessionHeight === b.sessionHeight;
}

