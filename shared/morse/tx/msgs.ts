/**
 * The two pocketcore messages a servicer sends, `MsgClaim` and `MsgProof`, typed, and their go-amino
 * JSON (spec `morse-tx-encoding.md` §3): what `GetSignBytes` signs, what `/v1/query/nodeclaim` answers
 * (`Codec.MarshalJSON` of the stored claim) and what `/v1/query/tx` shows as `stdTx.msg`.
 *
 * go-amino v0.15 rules applied: every Go `int`/`int64`/`uint64` is a quoted decimal (`evidence_type`
 * too: Go `EvidenceType int`); `[]byte` is padded base64 and a nil one is `null` (a proto field left
 * out decodes to nil, so an empty hash signs as `null`); `sdk.Address` is lowercase hex; a registered
 * concrete type is wrapped as `{"type":"<amino name>","value":{…}}`, and so is the proof's interface
 * `leaf`. No key has `omitempty`. Readers accept exactly these forms: a looser reader would only move
 * the failure to a confusing "bad signature".
 * @module
 */
import { bytesToHex, hexToBytes } from "../../primitives/bytes.js";
import type { HashRange, MerkleProof } from "../merkle.js";
import type { GoValue } from "../gojson.js";
import { hashRangeFromJSON, hashRangeToJSON, merkleProofToJSON, type JSONParseResult } from "../merkle-json.js";
import { parseInt64 } from "../relay-decode.js";
import type { RelayProof } from "../relay-types.js";

/** Amino names (PC `x/pocketcore/types/codec.go`). */
export const CLAIM_MSG_TYPE = "pocketcore/claim";
export const PROOF_MSG_TYPE = "pocketcore/proof";
export const RELAY_PROOF_TYPE = "pocketcore/relay_proof";

/** Evidence type 1: relays (2, challenges, is not produced or accepted here). */
export const RELAY_EVIDENCE = 1;

/** `SessionHeader` with its int64 as bigint. */
export interface ClaimHeader {
  readonly app_public_key: string;
  readonly chain: string;
  readonly session_height: bigint;
}

/** PC `MsgClaim` (fields in proto order). */
export interface MsgClaim {
  readonly header: ClaimHeader;
  readonly merkle_root: HashRange;
  readonly total_proofs: bigint;
  /** 20-byte address as lowercase hex (proto `bytes`). */
  readonly from_address: string;
  readonly evidence_type: number;
  /** 0 in a transaction; the chain sets it when it stores the claim. */
  readonly expiration_height: bigint;
}

/** PC `MsgProof` with a relay proof leaf (`MsgProtoProof` on the wire). */
export interface MsgProof {
  readonly merkle_proofs: MerkleProof;
  readonly leaf: RelayProof;
  readonly evidence_type: number;
}

/** The one message of a claim or proof transaction, by amino name. */
export type TxMsg = { readonly type: typeof CLAIM_MSG_TYPE; readonly value: MsgClaim } | { readonly type: typeof PROOF_MSG_TYPE; readonly value: MsgProof };

type Parsed<T> = JSONParseResult<T>;
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (error: string): { readonly ok: false; readonly error: string } => ({ ok: false, error });

/** Amino JSON of a claim (the `value` of its `{"type","value"}`). */
export function claimToJSON(msg: MsgClaim): GoValue {
  return {
    header: { app_public_key: msg.header.app_public_key, chain: msg.header.chain, session_height: msg.header.session_height.toString() },
    merkle_root: hashRangeToJSON(msg.merkle_root) as unknown as GoValue,
    total_proofs: msg.total_proofs.toString(),
    from_address: msg.from_address === "" ? "" : bytesToHex(hexToBytes(msg.from_address) ?? new Uint8Array(0)),
    evidence_type: String(msg.evidence_type),
    expiration_height: msg.expiration_height.toString(),
  };
}

/** Amino JSON of a relay proof (a proof's leaf `value`, and the evidence rows' stored form). */
export function relayProofToJSON(proof: RelayProof): { [key: string]: GoValue } {
  return {
    request_hash: proof.request_hash,
    entropy: proof.entropy.toString(),
    session_block_height: proof.session_block_height.toString(),
    servicer_pub_key: proof.servicer_pub_key,
    blockchain: proof.blockchain,
    aat: { version: proof.aat.version, app_pub_key: proof.aat.app_pub_key, client_pub_key: proof.aat.client_pub_key, signature: proof.aat.signature },
    signature: proof.signature,
  };
}

/** Amino JSON of a proof (the `value` of its `{"type","value"}`). */
export function proofToJSON(msg: MsgProof): GoValue {
  return {
    merkle_proofs: merkleProofToJSON(msg.merkle_proofs) as unknown as GoValue,
    leaf: { type: RELAY_PROOF_TYPE, value: relayProofToJSON(msg.leaf) },
    evidence_type: String(msg.evidence_type),
  };
}

/** `{"type","value"}` of a message: what `GetSignBytes` sorts and what `/v1/query/tx` shows. */
export function msgToJSON(msg: TxMsg): GoValue {
  return { type: msg.type, value: msg.type === CLAIM_MSG_TYPE ? claimToJSON(msg.value) : proofToJSON(msg.value) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function int64(value: unknown, field: string): Parsed<bigint> {
  const n = typeof value === "string" ? parseInt64(value) : undefined;
  return n === undefined ? bad(`${field} must be an int64 written as a quoted decimal string (amino JSON)`) : ok(n);
}

function str(value: unknown, field: string): Parsed<string> {
  return typeof value === "string" ? ok(value) : bad(`${field} must be a string`);
}

/** Reads the amino JSON `value` of a `pocketcore/claim` (a stored claim, as nodeclaim answers it). */
export function claimFromJSON(json: unknown): Parsed<MsgClaim> {
  if (!isRecord(json) || !isRecord(json.header)) return bad('claim must be {"header",…} with header an object');
  const app_public_key = str(json.header.app_public_key, "claim: header.app_public_key");
  if (!app_public_key.ok) return app_public_key;
  const chain = str(json.header.chain, "claim: header.chain");
  if (!chain.ok) return chain;
  const session_height = int64(json.header.session_height, "claim: header.session_height");
  if (!session_height.ok) return session_height;
  const root = hashRangeFromJSON(json.merkle_root, "claim: merkle_root");
  if (!root.ok) return root;
  const total_proofs = int64(json.total_proofs, "claim: total_proofs");
  if (!total_proofs.ok) return total_proofs;
  const from_address = str(json.from_address, "claim: from_address");
  if (!from_address.ok) return from_address;
  const evidence_type = int64(json.evidence_type, "claim: evidence_type");
  if (!evidence_type.ok) return evidence_type;
  if (BigInt.asIntN(32, evidence_type.value) !== evidence_type.value) return bad("claim: evidence_type is out of range");
  const expiration_height = int64(json.expiration_height, "claim: expiration_height");
  if (!expiration_height.ok) return expiration_height;
  return ok({
    header: { app_public_key: app_public_key.value, chain: chain.value, session_height: session_height.value },
    merkle_root: root.value,
    total_proofs: total_proofs.value,
    from_address: from_address.value,
    evidence_type: Number(evidence_type.value),
    expiration_height: expiration_height.value,
  });
}

/** Reads `{"type":"pocketcore/claim","value":…}`, the answer of `/v1/query/nodeclaim`. */
export function typedClaimFromJSON(json: unknown): Parsed<MsgClaim> {
  if (!isRecord(json) || json.type !== CLAIM_MSG_TYPE) return bad(`a claim must be {"type":"${CLAIM_MSG_TYPE}","value":{…}}`);
  return claimFromJSON(json.value);
}

/** Reads a relay proof as {@link relayProofToJSON} writes it (the evidence rows). */
export function relayProofFromJSON(json: unknown, field = "leaf"): Parsed<RelayProof> {
  if (!isRecord(json)) return bad(`${field} must be an object`);
  if (!isRecord(json.aat)) return bad(`${field}.aat must be an object`);
  const strings: Record<string, string> = {};
  for (const key of ["request_hash", "servicer_pub_key", "blockchain", "signature"]) {
    const s = str(json[key], `${field}.${key}`);
    if (!s.ok) return s;
    strings[key] = s.value;
  }
  const aat: Record<string, string> = {};
  for (const key of ["version", "app_pub_key", "client_pub_key", "signature"]) {
    const s = str(json.aat[key], `${field}.aat.${key}`);
    if (!s.ok) return s;
    aat[key] = s.value;
  }
  const entropy = int64(json.entropy, `${field}.entropy`);
  if (!entropy.ok) return entropy;
  const sbh = int64(json.session_block_height, `${field}.session_block_height`);
  if (!sbh.ok) return sbh;
  return ok({
    request_hash: strings.request_hash,
    entropy: entropy.value,
    session_block_height: sbh.value,
    servicer_pub_key: strings.servicer_pub_key,
    blockchain: strings.blockchain,
    aat: { version: aat.version, app_pub_key: aat.app_pub_key, client_pub_key: aat.client_pub_key, signature: aat.signature },
    signature: strings.signature,
  });
}
