/**
 * Names and row keys of the session-evidence store (`durable-objects/session-evidence.ts`), pure so
 * the relay Worker, the claimer and Node tools compute exactly what the object stores.
 *
 * A row key is `upperBigEndian(8) ‖ leafHash(32)`: the leaf hash makes it unique per relay proof (the
 * replay set is exact, spec §6.1), and the leading `upper` (spec §3.4) makes SQLite's memcmp order of
 * BLOBs the order of the Merkle leaves (spec §6.2 step 3). `upper` cannot be an INTEGER column:
 * SQLite integers are signed, so uppers ≥ 2^63 would sort first.
 * @module
 */
import type { EvidenceHeader } from "./api.js";
import { bad, ok, type Parsed } from "../chain/input.js";
import { I64_MAX, readU64BE, utf8 } from "../primitives/bytes.js";
import { blake2b256 } from "../morse/hash.js";
import { MERKLE_HASH_LENGTH } from "../morse/merkle.js";

/** Bytes of a row key: 8 of `upper`, 32 of leaf hash. */
export const ROW_KEY_LENGTH = 8 + MERKLE_HASH_LENGTH;

const PUBLIC_KEY = /^[0-9a-f]{64}$/;
// Chain ids are compared as exact strings by pocket-core and some are written in uppercase ("000C"),
// so both cases are accepted and kept as given: 1–4 bytes of hex (spec §5 row 13).
const CHAIN = /^(?:[0-9a-fA-F]{2}){1,4}$/;
const HEIGHT = /^[1-9][0-9]{0,18}$/;

/**
 * The name of the evidence object of one session (for `EVIDENCE.getByName`): deterministic, so every
 * Worker instance reaches the same object, and readable in logs.
 * @example evidenceObjectName({ servicerPubKey, appPubKey, chain: "0021", sessionHeight: "10001" })
 *   // { ok: true, value: "<servicer>/<app>/0021/10001" }
 */
export function evidenceObjectName(header: EvidenceHeader): Parsed<string> {
  const { servicerPubKey, appPubKey, chain, sessionHeight } = header;
  if (typeof servicerPubKey !== "string" || !PUBLIC_KEY.test(servicerPubKey)) return bad("servicerPubKey must be 64 lowercase hex characters");
  if (typeof appPubKey !== "string" || !PUBLIC_KEY.test(appPubKey)) return bad("appPubKey must be 64 lowercase hex characters");
  if (typeof chain !== "string" || !CHAIN.test(chain)) return bad("chain must be 2 to 8 hex characters, an even number");
  if (typeof sessionHeight !== "string" || !HEIGHT.test(sessionHeight) || BigInt(sessionHeight) > I64_MAX) {
    return bad("sessionHeight must be a positive int64 in decimal, without leading zeros");
  }
  return ok(`${servicerPubKey}/${appPubKey}/${chain}/${sessionHeight}`);
}

/** The row key of a leaf: its `upper` (uint64 little-endian of the hash's first 8 bytes) big-endian, then the hash. */
export function rowKey(leafHash: Uint8Array): Uint8Array {
  if (!(leafHash instanceof Uint8Array) || leafHash.length !== MERKLE_HASH_LENGTH) throw new TypeError(`a leaf hash has ${MERKLE_HASH_LENGTH} bytes`);
  const key = new Uint8Array(ROW_KEY_LENGTH);
  // Little-endian read, big-endian write: the 8 bytes reversed.
  for (let i = 0; i < 8; i++) key[i] = leafHash[7 - i];
  key.set(leafHash, 8);
  return key;
}

/** The row key of a relay from its proof bytes (the proof JSON without signature, spec §3.2). */
export function rowKeyForProofBytes(proofBytes: string): Uint8Array {
  return rowKey(blake2b256(utf8(proofBytes)));
}

/**
 * True for a well-formed row key: 40 bytes whose prefix is the `upper` of its leaf hash. Checked by
 * the object on every reservation, since a key built any other way would misplace its leaf.
 */
export function isRowKey(key: unknown): key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== ROW_KEY_LENGTH) return false;
  for (let i = 0; i < 8; i++) if (key[i] !== key[15 - i]) return false;
  return true;
}

/** The leaf hash inside a row key (a copy). */
export function leafHashOf(key: Uint8Array): Uint8Array {
  assertRowKey(key);
  return key.slice(8);
}

/** The leaf's `upper` (spec §6.2), read from a row key; equals `sumFromHash` of the leaf hash. */
export function upperOf(key: Uint8Array): bigint {
  assertRowKey(key);
  return readU64BE(key, 0);
}

function assertRowKey(key: Uint8Array): void {
  if (!isRowKey(key)) throw new TypeError(`not a row key: expected ${ROW_KEY_LENGTH} bytes starting with the leaf's upper`);
}
