/**
 * JSON form of a `HashRange` and a `MerkleProof` as pocket-core prints and reads them.
 *
 * What the Go side does (read from pocket-core, not checked against a live node):
 * - Field names come from the gogoproto structs in `x/pocketcore/types/pocket.pb.go`, none with
 *   `omitempty`: `HashRange{Hash []byte "merkleHash"; Range Range "range"}`,
 *   `Range{Lower, Upper uint64 "lower"/"upper"}`,
 *   `MerkleProof{TargetIndex int64 "index"; HashRanges []HashRange "hash_ranges"; Target HashRange "target_range"}`.
 * - The RPC (`app/cmd/rpc/query.go` `NodeClaim`) and tx sign bytes use `Codec.MarshalJSON`, which is
 *   legacy go-amino JSON. Amino writes every int64/uint64 (and int/uint) as a quoted decimal string
 *   ("JS can't handle int64", `json-encode.go`) and rejects unquoted ones when decoding; `[]byte` is
 *   standard padded base64. So a root reads `{"merkleHash":"…","range":{"lower":"0","upper":"…"}}` and the
 *   branch index is `"7"`, not `7`.
 * Objects are built in struct field order, which is what amino writes; sign bytes sort keys anyway.
 * @module
 */
import { I64_MAX, I64_MIN, U64_MAX, base64ToBytes, bytesToBase64 } from "../primitives/bytes.js";
import type { HashRange, MerkleProof } from "./merkle.js";

export interface RangeJSON {
  lower: string;
  upper: string;
}

export interface HashRangeJSON {
  /** `null` for an empty hash: amino writes a nil `[]byte` so, and a proto field left out decodes to nil. */
  merkleHash: string | null;
  range: RangeJSON;
}

export interface MerkleProofJSON {
  index: string;
  /** `null` for no levels (amino's nil slice). */
  hash_ranges: HashRangeJSON[] | null;
  target_range: HashRangeJSON;
}

export type JSONParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Amino JSON of a `HashRange`. */
export function hashRangeToJSON(range: HashRange): HashRangeJSON {
  return {
    merkleHash: range.hash.length === 0 ? null : bytesToBase64(range.hash),
    range: { lower: range.lower.toString(), upper: range.upper.toString() },
  };
}

/** Amino JSON of a `MerkleProof`. */
export function merkleProofToJSON(proof: MerkleProof): MerkleProofJSON {
  return {
    index: String(proof.index),
    hash_ranges: proof.hashRanges.length === 0 ? null : proof.hashRanges.map(hashRangeToJSON),
    target_range: hashRangeToJSON(proof.targetRange),
  };
}

// Go's JSON number grammar (what amino hands the unquoted digits to): no "+", no leading zeros.
const DECIMAL = /^-?(0|[1-9][0-9]*)$/;

function parseInteger(value: unknown, min: bigint, max: bigint, what: string): JSONParseResult<bigint> {
  if (typeof value !== "string" || !DECIMAL.test(value)) return { ok: false, error: `${what} must be a quoted integer` };
  const n = BigInt(value);
  if (n < min || n > max) return { ok: false, error: `${what} is out of range` };
  return { ok: true, value: n };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the amino JSON of a `HashRange` (e.g. a claim's `merkle_root`). */
export function hashRangeFromJSON(json: unknown, what = "hash range"): JSONParseResult<HashRange> {
  if (!isObject(json) || !isObject(json.range)) return { ok: false, error: `${what} must be {merkleHash, range}` };
  const hash = json.merkleHash === null ? new Uint8Array(0) : typeof json.merkleHash === "string" ? base64ToBytes(json.merkleHash) : undefined;
  if (!hash) return { ok: false, error: `${what}.merkleHash must be base64` };
  const lower = parseInteger(json.range.lower, 0n, U64_MAX, `${what}.range.lower`);
  if (!lower.ok) return lower;
  const upper = parseInteger(json.range.upper, 0n, U64_MAX, `${what}.range.upper`);
  if (!upper.ok) return upper;
  return { ok: true, value: { hash, lower: lower.value, upper: upper.value } };
}

/**
 * Reads the amino JSON of a `MerkleProof`. The index is an int64 on chain; values beyond ±2^53 are
 * refused here because {@link MerkleProof.index} is a JS number (no real tree is that large).
 */
export function merkleProofFromJSON(json: unknown): JSONParseResult<MerkleProof> {
  if (!isObject(json)) return { ok: false, error: "merkle proof must be an object" };
  const index = parseInteger(json.index, I64_MIN, I64_MAX, "index");
  if (!index.ok) return index;
  if (!Number.isSafeInteger(Number(index.value))) return { ok: false, error: "index is beyond 2^53" };
  // Amino writes an empty slice as null.
  const list = json.hash_ranges === null ? [] : json.hash_ranges;
  if (!Array.isArray(list)) return { ok: false, error: "hash_ranges must be a list" };
  const hashRanges: HashRange[] = [];
  for (let i = 0; i < list.length; i++) {
    const parsed = hashRangeFromJSON(list[i], `hash_ranges[${i}]`);
    if (!parsed.ok) return parsed;
    hashRanges.push(parsed.value);
  }
  const targetRange = hashRangeFromJSON(json.target_range, "target_range");
  if (!targetRange.ok) return targetRange;
  return { ok: true, value: { index: Number(index.value), hashRanges, targetRange: targetRange.value } };
}
