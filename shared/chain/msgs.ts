/**
 * The two pocketcore messages a servicer sends (spec §7.1), `MsgClaim` and `MsgProof`, typed and in
 * the amino JSON form the devnet's transactions carry and `/v1/query/nodeclaim(s)` answer.
 *
 * Amino JSON rules applied (go-amino `json-encode.go`): int64/uint64 are quoted decimal strings,
 * 32-bit integers (the `evidence_type` enum) are plain numbers, `[]byte` is padded base64
 * (`merkleHash`), addresses are lowercase hex (`sdk.Address.MarshalJSON`). Decoding accepts exactly
 * these forms: the signature covers the canonical re-encoding, so a looser decoder would only move
 * the failure to a confusing "bad signature".
 *
 * **[unverified]** pocket-core's own amino JSON of these messages was never reproduced (spec §7.1);
 * the devnet defines this form, and in particular `leaf` is the relay proof object itself, not
 * amino's `{"type","value"}` interface wrapper.
 * @module
 */
import type { HashRange, MerkleProof } from "../morse/merkle.js";
import { hashRangeFromJSON, hashRangeToJSON, merkleProofFromJSON, merkleProofToJSON, type HashRangeJSON, type MerkleProofJSON } from "../morse/merkle-json.js";
import { parseInt64 } from "../morse/relay-decode.js";
import type { RelayProof } from "../morse/relay-types.js";
import { bad, isRecord, ok, type Parsed } from "./input.js";

/** Evidence type 1: relays (2, challenges, is not supported by the devnet). */
export const RELAY_EVIDENCE = 1;

/** `SessionHeader` with its amino int64 as bigint. */
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
  readonly from_address: string;
  readonly evidence_type: number;
  /** 0 in a transaction; the chain sets it when it stores the claim. */
  readonly expiration_height: bigint;
}

/** PC `MsgProof` with a relay proof leaf. */
export interface MsgProof {
  readonly merkle_proofs: MerkleProof;
  readonly leaf: RelayProof;
  readonly evidence_type: number;
}

export interface ClaimHeaderJSON {
  app_public_key: string;
  chain: string;
  session_height: string;
}

export interface MsgClaimJSON {
  header: ClaimHeaderJSON;
  merkle_root: HashRangeJSON;
  total_proofs: string;
  from_address: string;
  evidence_type: number;
  expiration_height: string;
}

export interface RelayProofJSON {
  request_hash: string;
  entropy: string;
  session_block_height: string;
  servicer_pub_key: string;
  blockchain: string;
  aat: { version: string; app_pub_key: string; client_pub_key: string; signature: string };
  signature: string;
}

export interface MsgProofJSON {
  merkle_proofs: MerkleProofJSON;
  leaf: RelayProofJSON;
  evidence_type: number;
}

/** Amino JSON of a claim (also the `/v1/query/nodeclaim` answer). */
export function claimToJSON(msg: MsgClaim): MsgClaimJSON {
  return {
    header: { app_public_key: msg.header.app_public_key, chain: msg.header.chain, session_height: msg.header.session_height.toString() },
    merkle_root: hashRangeToJSON(msg.merkle_root),
    total_proofs: msg.total_proofs.toString(),
    from_address: msg.from_address,
    evidence_type: msg.evidence_type,
    expiration_height: msg.expiration_height.toString(),
  };
}

/** A relay proof as a proof message's `leaf`: the relay JSON with int64s as strings. */
export function relayProofToJSON(proof: RelayProof): RelayProofJSON {
  return {
    request_hash: proof.request_hash,
    entropy: proof.entropy.toString(),
    session_block_height: proof.session_block_height.toString(),
    servicer_pub_key: proof.servicer_pub_key,
    blockchain: proof.blockchain,
    aat: { ...proof.aat },
    signature: proof.signature,
  };
}

/** Amino JSON of a proof. */
export function proofToJSON(msg: MsgProof): MsgProofJSON {
  return { merkle_proofs: merkleProofToJSON(msg.merkle_proofs), leaf: relayProofToJSON(msg.leaf), evidence_type: msg.evidence_type };
}

function int64(value: unknown, field: string): Parsed<bigint> {
  const n = typeof value === "string" ? parseInt64(value) : undefined;
  return n === undefined ? bad(`${field} must be an int64 written as a quoted decimal string (amino JSON)`) : ok(n);
}

function str(value: unknown, field: string): Parsed<string> {
  return typeof value === "string" ? ok(value) : bad(`${field} must be a string`);
}

function evidenceType(value: unknown, field: string): Parsed<number> {
  return typeof value === "number" && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31
    ? ok(value)
    : bad(`${field} must be an int32 number (1 = relay evidence)`);
}

/** Reads the amino JSON `value` of a `pocketcore/claim` message. */
export function claimFromJSON(json: unknown): Parsed<MsgClaim> {
  if (!isRecord(json)) return bad("claim: msg.value must be an object");
  if (!isRecord(json.header)) return bad("claim: header must be an object");
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
  const evidence_type = evidenceType(json.evidence_type, "claim: evidence_type");
  if (!evidence_type.ok) return evidence_type;
  const expiration_height = int64(json.expiration_height, "claim: expiration_height");
  if (!expiration_height.ok) return expiration_height;
  return ok({
    header: { app_public_key: app_public_key.value, chain: chain.value, session_height: session_height.value },
    merkle_root: root.value,
    total_proofs: total_proofs.value,
    from_address: from_address.value,
    evidence_type: evidence_type.value,
    expiration_height: expiration_height.value,
  });
}

/** Reads a relay proof leaf (`RelayProofJSON`). */
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

/** Reads the amino JSON `value` of a `pocketcore/proof` message. */
export function proofFromJSON(json: unknown): Parsed<MsgProof> {
  if (!isRecord(json)) return bad("proof: msg.value must be an object");
  const merkle = merkleProofFromJSON(json.merkle_proofs);
  if (!merkle.ok) return bad(`proof: merkle_proofs: ${merkle.error}`);
  const leaf = relayProofFromJSON(json.leaf);
  if (!leaf.ok) return bad(`proof: ${leaf.error}`);
  const evidence_type = evidenceType(json.evidence_type, "proof: evidence_type");
  if (!evidence_type.ok) return evidence_type;
  return ok({ merkle_proofs: merkle.value, leaf: leaf.value, evidence_type: evidence_type.value });
}
