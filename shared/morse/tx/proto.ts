/**
 * `MsgClaim` and `MsgProtoProof` (PC `proto/x/pocketcore/pocket.proto`, spec `morse-tx-encoding.md`
 * §2) in protobuf, written as gogo-protobuf's generated `Marshal` writes them: fields in number order,
 * zero scalars and empty strings/bytes left out, non-nullable embedded messages (`sessionHeader`,
 * `merkleRoot`, `range`, `token`, `merkleProof`, `leaf`, `target`) always written, negative ints as
 * ten-byte varints.
 *
 * The readers never throw. They are stricter than gogo's (which skips unknown fields and merges
 * repeated singular ones): an unknown field, a wrong wire type or a singular field written twice is
 * an error, so one meaning has one encoding up to zero values and varint padding. Values that do not
 * fit our types are errors too: a Merkle index beyond 2^53, an `evidenceType` beyond int32, a
 * challenge proof (evidence type 2) as leaf.
 * @module
 */
import { bytesToHex, concatBytes, hexToBytesStrict } from "../../primitives/bytes.js";
import { bytesField, messageField, stringField, varintField } from "../../primitives/protobuf.js";
import {
  readChecked, fieldBytes, fieldInt64, fieldRepeatedBytes, fieldString, fieldUint64,
  WIRE_BYTES as LEN, WIRE_VARINT as VARINT, type DecodeResult, type FieldSchema,
} from "../../primitives/protobuf-read.js";
import type { HashRange, MerkleProof } from "../merkle.js";
import type { AAT, RelayProof } from "../relay-types.js";
import type { MsgClaim, MsgProof } from "./msgs.js";

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

function hashRange(r: HashRange): Uint8Array {
  return concatBytes(bytesField(1, r.hash), messageField(2, concatBytes(varintField(1, r.lower), varintField(2, r.upper))));
}

/** gogo `MsgClaim.Marshal`. `from_address` must be hex (our own value, never hostile input). */
export function encodeMsgClaim(m: MsgClaim): Uint8Array {
  const header = concatBytes(stringField(1, m.header.app_public_key), stringField(2, m.header.chain), varintField(3, m.header.session_height));
  return concatBytes(
    messageField(1, header),
    messageField(2, hashRange(m.merkle_root)),
    varintField(3, m.total_proofs),
    bytesField(4, hexToBytesStrict(m.from_address)),
    varintField(5, BigInt(m.evidence_type)),
    varintField(6, m.expiration_height),
  );
}

function aat(a: AAT): Uint8Array {
  return concatBytes(stringField(1, a.version), stringField(2, a.app_pub_key), stringField(3, a.client_pub_key), stringField(4, a.signature));
}

function relayProof(p: RelayProof): Uint8Array {
  return concatBytes(
    stringField(1, p.request_hash),
    varintField(2, p.entropy),
    varintField(3, p.session_block_height),
    stringField(4, p.servicer_pub_key),
    stringField(5, p.blockchain),
    messageField(6, aat(p.aat)),
    stringField(7, p.signature),
  );
}

/** gogo `MsgProtoProof.Marshal` (what `MsgProof.Marshal` writes), the leaf as `ProofI.relayProof`. */
export function encodeMsgProof(m: MsgProof): Uint8Array {
  const branch = m.merkle_proofs;
  const merkleProof = concatBytes(varintField(1, BigInt(branch.index)), ...branch.hashRanges.map((r) => messageField(2, hashRange(r))), messageField(3, hashRange(branch.targetRange)));
  return concatBytes(messageField(1, merkleProof), messageField(2, messageField(1, relayProof(m.leaf))), varintField(3, BigInt(m.evidence_type)));
}

/** Splits `bytes` into fields and checks them against `schema`. */

/** Reads every field named in `getters` at once; the first error wins. */
function all<T extends Record<string, DecodeResult<unknown>>>(what: string, getters: T): DecodeResult<{ [K in keyof T]: T[K] extends DecodeResult<infer V> ? V : never }> {
  const out: Record<string, unknown> = {};
  for (const [key, r] of Object.entries(getters)) {
    if (!r.ok) return fail(`${what}.${key}: ${r.error}`);
    out[key] = r.value;
  }
  return { ok: true, value: out as never };
}

function int32(r: DecodeResult<bigint>): DecodeResult<number> {
  if (!r.ok) return r;
  return BigInt.asIntN(32, r.value) === r.value ? { ok: true, value: Number(r.value) } : fail(`${r.value} does not fit an int32`);
}

const RANGE: FieldSchema = { 1: { name: "lower", wire: VARINT }, 2: { name: "upper", wire: VARINT } };
const HASH_RANGE: FieldSchema = { 1: { name: "hash", wire: LEN }, 2: { name: "range", wire: LEN } };

function decodeHashRange(bytes: Uint8Array, what: string): DecodeResult<HashRange> {
  const f = readChecked(bytes, HASH_RANGE, what);
  if (!f.ok) return f;
  const rangeBytes = fieldBytes(f.fields, 2);
  const r = rangeBytes.ok ? readChecked(rangeBytes.value, RANGE, `${what}.range`) : rangeBytes;
  if (!r.ok) return r;
  const v = all(what, { hash: fieldBytes(f.fields, 1), lower: fieldUint64(r.fields, 1), upper: fieldUint64(r.fields, 2) });
  return v.ok ? { ok: true, value: { hash: v.value.hash.slice(), lower: v.value.lower, upper: v.value.upper } } : v;
}

const HEADER: FieldSchema = { 1: { name: "applicationPubKey", wire: LEN }, 2: { name: "chain", wire: LEN }, 3: { name: "sessionBlockHeight", wire: VARINT } };
const CLAIM: FieldSchema = {
  1: { name: "sessionHeader", wire: LEN },
  2: { name: "merkleRoot", wire: LEN },
  3: { name: "totalProofs", wire: VARINT },
  4: { name: "fromAddress", wire: LEN },
  5: { name: "evidenceType", wire: VARINT },
  6: { name: "expirationHeight", wire: VARINT },
};

/** Reads a `MsgClaim`. */
export function decodeMsgClaim(bytes: Uint8Array): DecodeResult<MsgClaim> {
  const f = readChecked(bytes, CLAIM, "MsgClaim");
  if (!f.ok) return f;
  const headerBytes = fieldBytes(f.fields, 1);
  const h = headerBytes.ok ? readChecked(headerBytes.value, HEADER, "MsgClaim.sessionHeader") : headerBytes;
  if (!h.ok) return h;
  const rootBytes = fieldBytes(f.fields, 2);
  const root = rootBytes.ok ? decodeHashRange(rootBytes.value, "MsgClaim.merkleRoot") : rootBytes;
  if (!root.ok) return root;
  const v = all("MsgClaim", {
    app_public_key: fieldString(h.fields, 1),
    chain: fieldString(h.fields, 2),
    session_height: fieldInt64(h.fields, 3),
    total_proofs: fieldInt64(f.fields, 3),
    from_address: fieldBytes(f.fields, 4),
    evidence_type: int32(fieldInt64(f.fields, 5)),
    expiration_height: fieldInt64(f.fields, 6),
  });
  if (!v.ok) return v;
  const { app_public_key, chain, session_height, ...rest } = v.value;
  return { ok: true, value: { ...rest, header: { app_public_key, chain, session_height }, merkle_root: root.value, from_address: bytesToHex(rest.from_address) } };
}

const AAT_SCHEMA: FieldSchema = { 1: { name: "version", wire: LEN }, 2: { name: "applicationPublicKey", wire: LEN }, 3: { name: "clientPublicKey", wire: LEN }, 4: { name: "applicationSignature", wire: LEN } };
const RELAY_PROOF: FieldSchema = {
  1: { name: "requestHash", wire: LEN },
  2: { name: "entropy", wire: VARINT },
  3: { name: "sessionBlockHeight", wire: VARINT },
  4: { name: "servicerPubKey", wire: LEN },
  5: { name: "blockchain", wire: LEN },
  6: { name: "token", wire: LEN },
  7: { name: "signature", wire: LEN },
};

function decodeRelayProof(bytes: Uint8Array): DecodeResult<RelayProof> {
  const what = "MsgProtoProof.leaf.relayProof";
  const f = readChecked(bytes, RELAY_PROOF, what);
  if (!f.ok) return f;
  const tokenBytes = fieldBytes(f.fields, 6);
  const t = tokenBytes.ok ? readChecked(tokenBytes.value, AAT_SCHEMA, `${what}.token`) : tokenBytes;
  if (!t.ok) return t;
  const v = all(what, {
    request_hash: fieldString(f.fields, 1),
    entropy: fieldInt64(f.fields, 2),
    session_block_height: fieldInt64(f.fields, 3),
    servicer_pub_key: fieldString(f.fields, 4),
    blockchain: fieldString(f.fields, 5),
    signature: fieldString(f.fields, 7),
    version: fieldString(t.fields, 1),
    app_pub_key: fieldString(t.fields, 2),
    client_pub_key: fieldString(t.fields, 3),
    aat_signature: fieldString(t.fields, 4),
  });
  if (!v.ok) return v;
  const { version, app_pub_key, client_pub_key, aat_signature, ...proof } = v.value;
  return { ok: true, value: { ...proof, aat: { version, app_pub_key, client_pub_key, signature: aat_signature } } };
}

const MERKLE_PROOF: FieldSchema = { 1: { name: "TargetIndex", wire: VARINT }, 2: { name: "hashRanges", wire: LEN, repeated: true }, 3: { name: "target", wire: LEN } };
const PROOF_I: FieldSchema = { 1: { name: "relayProof", wire: LEN }, 2: { name: "challengeProof", wire: LEN } };
const PROTO_PROOF: FieldSchema = { 1: { name: "merkleProof", wire: LEN }, 2: { name: "leaf", wire: LEN }, 3: { name: "evidenceType", wire: VARINT } };

function decodeMerkleProof(bytes: Uint8Array): DecodeResult<MerkleProof> {
  const what = "MsgProtoProof.merkleProof";
  const f = readChecked(bytes, MERKLE_PROOF, what);
  if (!f.ok) return f;
  const index = fieldInt64(f.fields, 1);
  if (!index.ok) return fail(`${what}.TargetIndex: ${index.error}`);
  // Our MerkleProof keeps the index as a number: no tree has 2^53 leaves.
  if (!Number.isSafeInteger(Number(index.value))) return fail(`${what}.TargetIndex ${index.value} is beyond ±2^53`);
  const levels = fieldRepeatedBytes(f.fields, 2);
  if (!levels.ok) return levels;
  const hashRanges: HashRange[] = [];
  for (const [i, level] of levels.value.entries()) {
    const r = decodeHashRange(level, `${what}.hashRanges[${i}]`);
    if (!r.ok) return r;
    hashRanges.push(r.value);
  }
  const targetBytes = fieldBytes(f.fields, 3);
  const target = targetBytes.ok ? decodeHashRange(targetBytes.value, `${what}.target`) : targetBytes;
  if (!target.ok) return target;
  return { ok: true, value: { index: Number(index.value), hashRanges, targetRange: target.value } };
}

/** Reads a `MsgProtoProof` whose leaf is a relay proof. */
export function decodeMsgProof(bytes: Uint8Array): DecodeResult<MsgProof> {
  const f = readChecked(bytes, PROTO_PROOF, "MsgProtoProof");
  if (!f.ok) return f;
  const merkleBytes = fieldBytes(f.fields, 1);
  const merkle = merkleBytes.ok ? decodeMerkleProof(merkleBytes.value) : merkleBytes;
  if (!merkle.ok) return merkle;
  const leafBytes = fieldBytes(f.fields, 2);
  const leaf = leafBytes.ok ? readChecked(leafBytes.value, PROOF_I, "MsgProtoProof.leaf") : leafBytes;
  if (!leaf.ok) return leaf;
  if (leaf.fields.length !== 1 || leaf.fields[0]!.field !== 1) {
    return fail("MsgProtoProof.leaf: must hold exactly one relayProof (challenge proofs are not accepted)");
  }
  const relay = fieldBytes(leaf.fields, 1);
  const proof = relay.ok ? decodeRelayProof(relay.value) : relay;
  if (!proof.ok) return proof;
  const evidenceType = int32(fieldInt64(f.fields, 3));
  if (!evidenceType.ok) return fail(`MsgProtoProof.evidenceType: ${evidenceType.error}`);
  return { ok: true, value: { merkle_proofs: merkle.value, leaf: proof.value, evidence_type: evidenceType.value } };
}
