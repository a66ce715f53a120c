/**
 * Decodes a relay request body the way pocket-core's `json.Unmarshal(body, &relay)` does, so that
 * every body a Go servicer accepts is accepted here with the same field values, and vice versa:
 * - keys match struct fields exactly first, then case-insensitively (Go's `bytes.EqualFold`, which
 *   also folds U+212A KELVIN SIGN to `k` and U+017F LONG S to `s`); unknown keys are ignored;
 * - a repeated key decodes again *into* the same field (last scalar wins, structs and maps merge);
 * - `null` leaves a string, number or struct unchanged and sets a map to nil;
 * - int64 fields take only integer tokens in range (Go rejects `1.0` and `1e3`);
 * - any type mismatch fails the whole decode.
 * @module
 */
import { I64_MAX, I64_MIN, utf8 } from "../primitives/bytes.js";
import { goJsonSyntaxError } from "./go-json-scanner.js";
import { JsonNumber, JsonObject, parseJsonLossless, type JsonNode } from "./json-parse.js";
import { emptyRelay, type Relay } from "./relay-types.js";

export type DecodeRelayResult = { ok: true; relay: Relay } | { ok: false; offset?: number; error: string };

type Kind = "string" | "int64" | "stringMap" | Schema;
interface Schema {
  readonly name: string; // Go type name, for error messages
  readonly fields: Readonly<Record<string, Kind>>; // keys are the JSON names
}

const AAT_SCHEMA: Schema = {
  name: "AAT",
  fields: { version: "string", app_pub_key: "string", client_pub_key: "string", signature: "string" },
};
const PROOF_SCHEMA: Schema = {
  name: "RelayProof",
  fields: {
    request_hash: "string",
    entropy: "int64",
    session_block_height: "int64",
    servicer_pub_key: "string",
    blockchain: "string",
    aat: AAT_SCHEMA,
    signature: "string",
  },
};
const RELAY_SCHEMA: Schema = {
  name: "Relay",
  fields: {
    payload: { name: "Payload", fields: { data: "string", method: "string", path: "string", headers: "stringMap" } },
    meta: { name: "RelayMeta", fields: { block_height: "int64" } },
    proof: PROOF_SCHEMA,
  },
};

/**
 * Parses and decodes a relay request body. Pass the raw bytes as well when the text was decoded from
 * them: a syntax error then reports Go's `Offset` in bytes of exactly that input (invalid UTF-8 and a
 * byte-order mark included, which Go refuses as `invalid character 'ï'`).
 */
export function decodeRelay(body: string, raw?: Uint8Array): DecodeRelayResult {
  const parsed = parseJsonLossless(body);
  if (!parsed.ok) {
    // Go checks the syntax of the whole input before decoding; its scanner says where and what.
    const go = goJsonSyntaxError(raw ?? utf8(body));
    return go ? { ok: false, offset: go.offset, error: go.message } : { ok: false, error: parsed.error };
  }
  const relay = emptyRelay();
  const error = decodeInto(parsed.value, relay as unknown as Record<string, unknown>, RELAY_SCHEMA, "");
  return error === undefined ? { ok: true, relay } : { ok: false, error };
}

function fold(key: string): string {
  return key.replace(/\u212a/g, "k").replace(/\u017f/g, "s").toLowerCase();
}

function fieldFor(schema: Schema, key: string): string | undefined {
  if (Object.hasOwn(schema.fields, key)) return key;
  const folded = fold(key);
  // Field names are lowercase ASCII, so a folded key can only match one of them exactly.
  for (const name in schema.fields) if (name === folded) return name;
  return undefined;
}

function typeName(node: JsonNode): string {
  if (node === null) return "null";
  if (typeof node === "string") return "string";
  if (typeof node === "boolean") return "bool";
  if (node instanceof JsonNumber) return "number";
  if (node instanceof JsonObject) return "object";
  return "array";
}

function mismatch(node: JsonNode, path: string, goType: string): string {
  return `json: cannot unmarshal ${typeName(node)} into Go struct field ${path} of type ${goType}`;
}

// Returns the first type error (Go reports the first one after decoding the rest).
function decodeInto(node: JsonNode, target: Record<string, unknown>, schema: Schema, path: string): string | undefined {
  if (node === null) return undefined;
  if (!(node instanceof JsonObject)) return `json: cannot unmarshal ${typeName(node)} into Go value of type types.${schema.name}`;
  let first: string | undefined;
  for (const [key, value] of node.entries) {
    const name = fieldFor(schema, key);
    if (name === undefined) continue;
    const kind = schema.fields[name];
    const fieldPath = `${schema.name}.${path ? path + "." : ""}${name}`;
    const error = decodeField(value, target, name, kind, fieldPath, path ? `${path}.${name}` : name);
    first ??= error;
  }
  return first;
}

function decodeField(
  value: JsonNode,
  target: Record<string, unknown>,
  name: string,
  kind: Kind,
  fieldPath: string,
  path: string,
): string | undefined {
  if (kind === "string") {
    if (value === null) return undefined;
    if (typeof value !== "string") return mismatch(value, fieldPath, "string");
    target[name] = value;
    return undefined;
  }
  if (kind === "int64") {
    if (value === null) return undefined;
    if (!(value instanceof JsonNumber)) return mismatch(value, fieldPath, "int64");
    const n = parseInt64(value.raw);
    if (n === undefined) return `json: cannot unmarshal number ${value.raw} into Go struct field ${fieldPath} of type int64`;
    target[name] = n;
    return undefined;
  }
  if (kind === "stringMap") {
    if (value === null) {
      target[name] = null;
      return undefined;
    }
    if (!(value instanceof JsonObject)) return mismatch(value, fieldPath, "map[string]string");
    const map = (target[name] as Map<string, string> | null) ?? new Map<string, string>();
    target[name] = map;
    for (const [k, v] of value.entries) {
      if (v === null) map.set(k, "");
      else if (typeof v === "string") map.set(k, v);
      else return mismatch(v, fieldPath, "string");
    }
    return undefined;
  }
  if (value !== null && !(value instanceof JsonObject)) return mismatch(value, fieldPath, "types." + kind.name);
  return decodeInto(value, target[name] as Record<string, unknown>, kind, path);
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
// "-9223372036854775808" is the longest int64 text: anything longer is out of range, and refusing it
// before BigInt keeps a hostile 1 MiB digit string from costing a big-number conversion.
const MAX_INT64_DIGITS = 20;

/** Go's `strconv.ParseInt(s, 10, 64)` on a JSON number token; `undefined` when Go would fail. */
export function parseInt64(raw: string): bigint | undefined {
  if (raw.length > MAX_INT64_DIGITS || !INTEGER.test(raw)) return undefined;
  const n = BigInt(raw);
  return n >= I64_MIN && n <= I64_MAX ? n : undefined;
}
