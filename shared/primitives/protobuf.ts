/**
 * The few protobuf writing rules needed to reproduce gogoproto's `Marshal` output byte for byte
 * (used for tendermint's abci `Header`, spec §4.4), plus `google.protobuf.Timestamp` and its
 * RFC 3339 text form.
 *
 * Rules copied from the generated gogoproto code (TM `abci/types/types.pb.go`):
 * - fields are written in ascending field-number order;
 * - proto3 scalars are omitted when zero, `bytes`/`string` when empty;
 * - a non-nullable embedded message (`(gogoproto.nullable)=false`) is always written, even when empty;
 * - a negative `int32`/`int64` is cast to `uint64` first, so it takes ten bytes.
 *
 * Field builders return the encoded field (or nothing); a message is the concatenation of its
 * fields, e.g. `concatBytes(varintField(1, 10n), stringField(2, "mainnet"))`.
 * @module
 */
import { I64_MIN, U64_MAX, concatBytes, utf8 } from "./bytes.js";

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const EMPTY = new Uint8Array(0);

/**
 * Base-128 varint of `value` as protobuf writes it. Negative values (int32/int64) are written as
 * their 64-bit two's complement, as gogoproto's `encodeVarintTypes(uint64(v))` does.
 * Throws a `RangeError` outside [-2^63, 2^64).
 */
export function encodeVarint(value: bigint): Uint8Array {
  if (value < I64_MIN || value > U64_MAX) throw new RangeError(`varint out of range: ${value}`);
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}

function key(field: number, wireType: number): Uint8Array {
  if (!Number.isInteger(field) || field < 1 || field > 0x1fffffff) throw new RangeError(`bad field number: ${field}`);
  return encodeVarint(BigInt(field * 8 + wireType));
}

/**
 * A varint field (`int32`, `int64`, `uint64`); empty when `value` is zero (proto3).
 * For `int32`, pass the value already truncated to 32 bits (`BigInt.asIntN(32, v)`), as Go's cast does.
 */
export function varintField(field: number, value: bigint): Uint8Array {
  return value === 0n ? EMPTY : concatBytes(key(field, WIRE_VARINT), encodeVarint(value));
}

/** A `bytes` field; empty when `value` is empty (proto3). */
export function bytesField(field: number, value: Uint8Array): Uint8Array {
  if (value.length === 0) return EMPTY;
  return concatBytes(key(field, WIRE_LENGTH_DELIMITED), encodeVarint(BigInt(value.length)), value);
}

/** A `string` field (UTF-8); empty when `value` is `""` (proto3). */
export function stringField(field: number, value: string): Uint8Array {
  return bytesField(field, utf8(value));
}

/**
 * An embedded message field, written even when `body` is empty: gogoproto's non-nullable
 * messages (`version`, `time`, `last_block_id`, `parts_header`) always appear on the wire.
 */
export function messageField(field: number, body: Uint8Array): Uint8Array {
  return concatBytes(key(field, WIRE_LENGTH_DELIMITED), encodeVarint(BigInt(body.length)), body);
}

/** A `google.protobuf.Timestamp`: whole seconds since the Unix epoch and nanoseconds in [0, 1e9). */
export interface Timestamp {
  readonly seconds: bigint;
  readonly nanos: number;
}

/** Body of a `google.protobuf.Timestamp` message: `seconds` = 1 (int64), `nanos` = 2 (int32). */
export function encodeTimestamp(ts: Timestamp): Uint8Array {
  return concatBytes(varintField(1, ts.seconds), varintField(2, BigInt(ts.nanos)));
}

// Go's `time.Parse(time.RFC3339, …)`, which amino JSON uses for `time.Time`: fractional seconds
// of any length up to nanoseconds, `Z` or a numeric offset.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

// gogoproto refuses timestamps outside 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999999Z.
const MIN_SECONDS = -62135596800n;
const MAX_SECONDS = 253402300799n;

/** Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses an RFC 3339 time as Go's JSON decoder does (`2023-04-26T21:52:12.123456789Z`) into an
 * exact `Timestamp`. `Date` only keeps milliseconds, so the nanoseconds are read from the digits.
 * Returns `undefined` for malformed text, an impossible date, or a time gogoproto cannot encode.
 */
export function parseTimestamp(text: string): Timestamp | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined; // Go rejects leap second 60
  let offsetSeconds = 0;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    offsetSeconds = (m[9] === "-" ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const seconds =
    BigInt(daysFromCivil(year, month, day)) * 86400n + BigInt(hour * 3600 + minute * 60 + second - offsetSeconds);
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) return undefined;
  const nanos = m[7] ? Number(m[7].padEnd(9, "0")) : 0;
  return { seconds, nanos };
}
