/**
 * The byte layouts that Morse hashes and signs (spec §2, §3). Each function writes exactly what
 * Go's `json.Marshal` writes for the struct, fields in declaration order, strings Go-quoted.
 * @module
 */
import { bytesToHex } from "../primitives/bytes.js";
import { goMarshalStringMap, goQuote } from "./gojson.js";
import { sha3 } from "./hash.js";
import type { AAT, Payload, RelayMeta, RelayProof } from "./relay-types.js";

/** `AAT.Bytes()`: the token with its signature forced to `""` (spec §2). */
export function aatBytes(aat: Pick<AAT, "version" | "app_pub_key" | "client_pub_key">): string {
  return `{"version":${goQuote(aat.version)},"app_pub_key":${goQuote(aat.app_pub_key)},"client_pub_key":${goQuote(aat.client_pub_key)},"signature":""}`;
}

/** `AAT.Hash()`: SHA3-256 of {@link aatBytes}; its hex is the proof's `token` field. */
export function aatHash(aat: Pick<AAT, "version" | "app_pub_key" | "client_pub_key">): Uint8Array {
  return sha3(aatBytes(aat));
}

/** `Payload.MarshalJSON`: `headers` is always present (`null` for a nil map). */
export function payloadBytes(payload: Payload): string {
  return `{"data":${goQuote(payload.data)},"method":${goQuote(payload.method)},"path":${goQuote(payload.path)},"headers":${goMarshalStringMap(payload.headers)}}`;
}

/** `Relay.Bytes()`: the request hash preimage; the proof is not part of it (spec §3.1). */
export function requestBytes(payload: Payload, meta: RelayMeta): string {
  return `{"payload":${payloadBytes(payload)},"meta":{"block_height":${meta.block_height}}}`;
}

/** `Relay.RequestHashString()`: lowercase hex of SHA3-256(requestBytes). */
export function requestHash(payload: Payload, meta: RelayMeta): string {
  return bytesToHex(sha3(requestBytes(payload, meta)));
}

/** The proof fields that are hashed; `token` is the hex AAT hash. */
export type ProofFields = Pick<RelayProof, "entropy" | "session_block_height" | "servicer_pub_key" | "blockchain" | "request_hash"> & {
  aat: Pick<AAT, "version" | "app_pub_key" | "client_pub_key">;
};

/**
 * `RelayProof.Bytes()` (spec §3.2): the client-signature preimage, the dedupe key's preimage and
 * the Merkle leaf preimage. `signature` is always `""` here; pass `tokenHex` to reuse an AAT hash
 * computed once per request.
 */
export function proofBytes(proof: ProofFields, tokenHex: string = bytesToHex(aatHash(proof.aat))): string {
  return (
    `{"entropy":${proof.entropy},"session_block_height":${proof.session_block_height},` +
    `"servicer_pub_key":${goQuote(proof.servicer_pub_key)},"blockchain":${goQuote(proof.blockchain)},` +
    `"signature":"","token":${goQuote(tokenHex)},"request_hash":${goQuote(proof.request_hash)}}`
  );
}

/** `RelayProof.Hash()`: SHA3-256 of {@link proofBytes}; the client signs these 32 bytes. */
export function proofHash(proof: ProofFields, tokenHex?: string): Uint8Array {
  return sha3(proofBytes(proof, tokenHex));
}

/**
 * `RelayResponse.Hash()` preimage (spec §3.3). Note the capital `P` of `Proof`: the Go struct
 * field has no JSON tag.
 */
export function responseBytes(response: string, proofHashHex: string): string {
  return `{"signature":"","payload":${goQuote(response)},"Proof":${goQuote(proofHashHex)}}`;
}

/** The 32 bytes the servicer signs for a response. */
export function responseHash(response: string, proofHashHex: string): Uint8Array {
  return sha3(responseBytes(response, proofHashHex));
}
