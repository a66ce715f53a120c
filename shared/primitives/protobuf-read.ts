/**
 * A protobuf wire-format reader for hostile bytes, shared by the Morse transaction codec and the
 * Shannon messages. It never throws: every problem is a value (`{ ok: false, error }`) naming what
 * and where (byte offset), so a decoder can refuse a relay or a transaction with a clear message.
 *
 * It splits one message level into its fields; typed decoders walk the fields and call `readMessage`
 * again on embedded messages. Bounds: varints over 10 bytes or over 64 bits, field number 0 or over
 * 2^29-1, groups (wire types 3/4, which neither protocol uses), wire types 6/7, lengths past the end,
 * and more than `maxFields` fields at one level are all errors. Fields are returned in wire order;
 * proto3 semantics ("last one wins" for scalars, concatenation for repeated) are the caller's, see
 * `lastField`/`allFields`.
 *
 * @example
 * const r = readMessage(bytes);
 * if (!r.ok) return r;
 * const name = fieldString(r.fields, 1); // DecodeResult<string>
 * @module
 */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

/** One field as it appears on the wire. `value` is the varint, or the raw bytes (length-delimited, fixed). */
export type ProtoField =
  | { readonly field: number; readonly wire: typeof WIRE_VARINT; readonly value: bigint; readonly offset: number }
  | {
      readonly field: number;
      readonly wire: typeof WIRE_BYTES | typeof WIRE_FIXED64 | typeof WIRE_FIXED32;
      readonly bytes: Uint8Array;
      readonly offset: number;
    };

export type DecodeResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export type ReadMessageResult =
  | { readonly ok: true; readonly fields: readonly ProtoField[] }
  | { readonly ok: false; readonly error: string };

/** Default bound of fields at one level: far above any message of either protocol, far below memory trouble. */
export const DEFAULT_MAX_FIELDS = 100_000;

/**
 * Reads one base-128 varint at `offset`. Go's `binary.Uvarint` rules: at most 10 bytes, and the 10th
 * byte may only be 0 or 1 (more would overflow 64 bits).
 */
export function readVarint(
  bytes: Uint8Array,
  offset: number,
): { ok: true; value: bigint; next: number } | { ok: false; error: string } {
  // Fast path: up to 4 bytes fit a 28-bit number without BigInt.
  let small = 0;
  for (let i = 0; i < 4; i++) {
    const at = offset + i;
    if (at >= bytes.length) return { ok: false, error: `truncated varint at byte ${offset}` };
    const b = bytes[at]!;
    small |= (b & 0x7f) << (7 * i);
    if (b < 0x80) return { ok: true, value: BigInt(small >>> 0), next: at + 1 };
  }
  let value = BigInt(small >>> 0);
  for (let i = 4; i < 10; i++) {
    const at = offset + i;
    if (at >= bytes.length) return { ok: false, error: `truncated varint at byte ${offset}` };
    const b = bytes[at]!;
    if (i === 9 && b > 1) return { ok: false, error: `varint overflows 64 bits at byte ${offset}` };
    value |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (b < 0x80) return { ok: true, value, next: at + 1 };
  }
  return { ok: false, error: `varint longer than 10 bytes at byte ${offset}` };
}

/** Splits one message level into fields. Never throws. */
export function readMessage(bytes: Uint8Array, maxFields = DEFAULT_MAX_FIELDS): ReadMessageResult {
  const fields: ProtoField[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (fields.length >= maxFields) return { ok: false, error: `more than ${maxFields} fields` };
    const start = at;
    const key = readVarint(bytes, at);
    if (!key.ok) return key;
    at = key.next;
    const wire = Number(key.value & 7n);
    const fieldNumber = key.value >> 3n;
    if (fieldNumber === 0n || fieldNumber > 0x1fffffffn) {
      return { ok: false, error: `invalid field number ${fieldNumber} at byte ${start}` };
    }
    const field = Number(fieldNumber);
    if (wire === WIRE_VARINT) {
      const v = readVarint(bytes, at);
      if (!v.ok) return v;
      at = v.next;
      fields.push({ field, wire, value: v.value, offset: start });
    } else if (wire === WIRE_BYTES) {
      const len = readVarint(bytes, at);
      if (!len.ok) return len;
      at = len.next;
      if (len.value > BigInt(bytes.length - at)) {
        return { ok: false, error: `field ${field} at byte ${start}: length ${len.value} past the end` };
      }
      const end = at + Number(len.value);
      fields.push({ field, wire, bytes: bytes.subarray(at, end), offset: start });
      at = end;
    } else if (wire === WIRE_FIXED64 || wire === WIRE_FIXED32) {
      const size = wire === WIRE_FIXED64 ? 8 : 4;
      if (at + size > bytes.length) return { ok: false, error: `field ${field} at byte ${start}: truncated fixed${size * 8}` };
      fields.push({ field, wire, bytes: bytes.subarray(at, at + size), offset: start });
      at += size;
    } else {
      return { ok: false, error: `field ${field} at byte ${start}: unsupported wire type ${wire}` };
    }
  }
  return { ok: true, fields };
}

/** The last occurrence of `field` (proto3: the last scalar wins), or undefined. */
export function lastField(fields: readonly ProtoField[], field: number): ProtoField | undefined {
  for (let i = fields.length - 1; i >= 0; i--) if (fields[i]!.field === field) return fields[i];
  return undefined;
}

/** Every occurrence of `field`, in wire order (repeated fields). */
export function allFields(fields: readonly ProtoField[], field: number): ProtoField[] {
  return fields.filter((f) => f.field === field);
}

const wrongWire = (f: ProtoField, want: string): { ok: false; error: string } => ({
  ok: false,
  error: `field ${f.field} at byte ${f.offset}: wire type ${f.wire}, want ${want}`,
});

/** A varint field as an unsigned 64-bit value (0 when absent). */
export function fieldUint64(fields: readonly ProtoField[], field: number): DecodeResult<bigint> {
  const f = lastField(fields, field);
  if (!f) return { ok: true, value: 0n };
  if (f.wire !== WIRE_VARINT) return wrongWire(f, "varint");
  return { ok: true, value: f.value };
}

/** A varint field as a signed 64-bit value (`int64`: two's complement of the uint64; 0 when absent). */
export function fieldInt64(fields: readonly ProtoField[], field: number): DecodeResult<bigint> {
  const r = fieldUint64(fields, field);
  return r.ok ? { ok: true, value: BigInt.asIntN(64, r.value) } : r;
}

/** A length-delimited field's bytes (empty when absent). */
export function fieldBytes(fields: readonly ProtoField[], field: number): DecodeResult<Uint8Array> {
  const f = lastField(fields, field);
  if (!f) return { ok: true, value: new Uint8Array(0) };
  if (f.wire !== WIRE_BYTES) return wrongWire(f, "length-delimited");
  return { ok: true, value: f.bytes };
}

/** A `string` field, which must be valid UTF-8 as Go's proto3 decoder requires ("" when absent). */
export function fieldString(fields: readonly ProtoField[], field: number): DecodeResult<string> {
  const r = fieldBytes(fields, field);
  if (!r.ok) return r;
  try {
    return { ok: true, value: STRICT_UTF8.decode(r.value) };
  } catch {
    return { ok: false, error: `field ${field}: string is not valid UTF-8` };
  }
}

/** Every occurrence of a length-delimited repeated field. */
export function fieldRepeatedBytes(fields: readonly ProtoField[], field: number): DecodeResult<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const f of fields) {
    if (f.field !== field) continue;
    if (f.wire !== WIRE_BYTES) return wrongWire(f, "length-delimited");
    out.push(f.bytes);
  }
  return { ok: true, value: out };
}

/** A `bool` field (varint, any non-zero is true as in Go). */
export function fieldBool(fields: readonly ProtoField[], field: number): DecodeResult<boolean> {
  const r = fieldUint64(fields, field);
  return r.ok ? { ok: true, value: r.value !== 0n } : r;
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A message's field table for {@link checkFields}: each known field's name, wire type, and whether it repeats. */
export type FieldSchema = Readonly<Record<number, { readonly name: string; readonly wire: number; readonly repeated?: boolean }>>;

/**
 * Refuses what a strict decoder of one message must not let through: a field the schema does not
 * know, a known field with the wrong wire type, and a singular field written twice (proto3 would let
 * the last one win or merge, which would let two byte strings carry one meaning).
 */
export function checkFields(fields: readonly ProtoField[], schema: FieldSchema, what: string): DecodeResult<void> {
  const seen = new Set<number>();
  for (const f of fields) {
    const known = schema[f.field];
    if (!known) return { ok: false, error: `${what}: unknown field ${f.field} at byte ${f.offset}` };
    if (f.wire !== known.wire) return { ok: false, error: `${what}.${known.name}: wire type ${f.wire}, want ${known.wire}` };
    if (!known.repeated && seen.has(f.field)) return { ok: false, error: `${what}.${known.name}: written twice` };
    seen.add(f.field);
  }
  return { ok: true, value: undefined };
}

/** {@link readMessage} then {@link checkFields}: one level of a strictly decoded message. */
export function readChecked(bytes: Uint8Array, schema: FieldSchema, what: string): ReadMessageResult {
  const read = readMessage(bytes);
  if (!read.ok) return { ok: false, error: `${what}: ${read.error}` };
  const checked = checkFields(read.fields, schema, what);
  return checked.ok ? read : checked;
}
