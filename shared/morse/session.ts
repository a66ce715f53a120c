/**
 * Sessions, part 1 (spec §4.1–4.2): session heights, the tolerance check on a relay's session
 * height, the session header's JSON and hash, and the session key.
 * Node selection is in `session-nodes.ts`, the block hash that seeds the key in `session-block-hash.ts`.
 *
 * Heights are Go `int64`. They are `bigint` here: relay JSON carries int64s that a lossless parser
 * hands over as bigint, and mixing them with `number` arithmetic would silently round above 2^53.
 * Inputs also accept a safe-integer `number` for convenience; results are always `bigint`.
 * @module
 */
import { I64_MAX, I64_MIN } from "../primitives/bytes.js";
import { morseError, type MorseError } from "./errors.js";
import { goQuote } from "./gojson.js";
import { sha3 } from "./hash.js";
import { hashVerification, networkIdentifierVerification, pubKeyVerification } from "./verification.js";

/** A height or other Go `int64` as accepted by this module. */
export type Int64Input = bigint | number;

/** The failure half of every result union here: `ok: false` plus the Morse error to answer with. */
export type MorseFailure = { readonly ok: false } & MorseError;

const fail = (error: MorseError): MorseFailure => ({ ok: false, ...error });

/** Normalises an int64 input; a value Go could not hold is a caller bug (its JSON parser should have refused it). */
function toInt64(value: Int64Input, name: string): bigint {
  if (typeof value === "number" && !Number.isSafeInteger(value)) throw new RangeError(`${name} is not a safe integer: ${value}`);
  const v = BigInt(value);
  if (v < I64_MIN || v > I64_MAX) throw new RangeError(`${name} is outside int64: ${v}`);
  return v;
}

function toBlocksPerSession(value: Int64Input): bigint {
  const bps = toInt64(value, "blocksPerSession");
  if (bps < 1n) throw new RangeError(`blocksPerSession must be at least 1: ${bps}`);
  return bps;
}

/**
 * The first block of the session that contains `height` (PC `GetLatestSessionBlockHeight`).
 * For a relay, `height` is the node's last committed height.
 * @example latestSessionBlockHeight(10003n, 4n) // 10001n
 */
export function latestSessionBlockHeight(height: Int64Input, blocksPerSession: Int64Input): bigint {
  const h = toInt64(height, "height");
  const bps = toBlocksPerSession(blocksPerSession);
  // Go's int64 `/` and `%` truncate toward zero, exactly like bigint's.
  return h % bps === 0n ? h - bps + 1n : (h / bps) * bps + 1n;
}

/**
 * `height % BPS == 1` (PC `IsSessionBlock`). Copies Go literally: with BPS = 1 no height is a
 * session block, although `latestSessionBlockHeight` then returns every height.
 */
export function isSessionBlock(height: Int64Input, blocksPerSession: Int64Input): boolean {
  return toInt64(height, "height") % toBlocksPerSession(blocksPerSession) === 1n;
}

/**
 * PC `IsProofSessionHeightWithinTolerance`: `sbh > 0` and
 * `latestSBH − clientSessionSyncAllowance·BPS ≤ sbh ≤ latestSBH`, both bounds inclusive.
 * A relay failing this gets code 60. `sbh` need not be a session start (Go does not check it).
 */
export function isProofSessionHeightWithinTolerance(
  sessionBlockHeight: Int64Input,
  latestSessionHeight: Int64Input,
  clientSessionSyncAllowance: Int64Input,
  blocksPerSession: Int64Input,
): boolean {
  const sbh = toInt64(sessionBlockHeight, "sessionBlockHeight");
  const latest = toInt64(latestSessionHeight, "latestSessionHeight");
  const tolerance = toInt64(clientSessionSyncAllowance, "clientSessionSyncAllowance") * toBlocksPerSession(blocksPerSession);
  return sbh > 0n && latest - tolerance <= sbh && sbh <= latest;
}

/** PC `SessionHeader`, with its JSON field names. */
export interface SessionHeader {
  readonly app_public_key: string;
  readonly chain: string;
  readonly session_height: Int64Input;
}

/**
 * PC `SessionHeader.ValidateHeader`, in Go's order: app key (6, 42), chain (52, 23, 62),
 * `session_height ≥ 1` (60). Returns the first error, or `undefined`.
 */
export function validateSessionHeader(header: SessionHeader): MorseError | undefined {
  return (
    pubKeyVerification(header.app_public_key) ??
    networkIdentifierVerification(header.chain) ??
    (toInt64(header.session_height, "session_height") < 1n ? morseError(60) : undefined)
  );
}

/**
 * `json.Marshal(SessionHeader)` (PC `SessionHeader.Bytes`), the preimage of the header hash.
 * The header is validated first (see {@link validateSessionHeader}): Go never hashes an invalid one.
 * @example sessionHeaderJSON({ app_public_key: "b243…6cc3", chain: "0021", session_height: 10001n })
 * // { ok: true, json: '{"app_public_key":"b243…6cc3","chain":"0021","session_height":10001}' }
 */
export function sessionHeaderJSON(header: SessionHeader): { readonly ok: true; readonly json: string } | MorseFailure {
  const error = validateSessionHeader(header);
  if (error) return fail(error);
  const height = toInt64(header.session_height, "session_height");
  return {
    ok: true,
    json: `{"app_public_key":${goQuote(header.app_public_key)},"chain":${goQuote(header.chain)},"session_height":${height}}`,
  };
}

/**
 * SHA3-256 of {@link sessionHeaderJSON} (PC `SessionHeader.Hash`): the session cache key and the
 * header hash used by evidence and the proof index.
 */
export function sessionHeaderHash(header: SessionHeader): { readonly ok: true; readonly hash: Uint8Array } | MorseFailure {
  const result = sessionHeaderJSON(header);
  return result.ok ? { ok: true, hash: sha3(result.json) } : result;
}

/**
 * PC `NewSessionKey`: SHA3-256 of `{"app_pub_key":…,"chain":…,"blockchain":<blockHashHex>}`.
 * The JSON key really is `blockchain`, and it holds the session block hash (spec §4.4).
 *
 * Validation, in Go's order: app key (6, 42); chain (any failure is code 8, `NewEmptyChainError`);
 * block hash (52, 23, 62). `seed` is the hashed JSON.
 */
export function sessionKey(
  appPubKeyHex: string,
  chain: string,
  blockHashHex: string,
): { readonly ok: true; readonly key: Uint8Array; readonly seed: string } | MorseFailure {
  const error =
    pubKeyVerification(appPubKeyHex) ??
    (networkIdentifierVerification(chain) ? morseError(8) : undefined) ??
    hashVerification(blockHashHex);
  if (error) return fail(error);
  // Go hashes the strings as given: an uppercase block hash gives another key.
  const seed = `{"app_pub_key":${goQuote(appPubKeyHex)},"chain":${goQuote(chain)},"blockchain":${goQuote(blockHashHex)}}`;
  return { ok: true, key: sha3(seed), seed };
}
