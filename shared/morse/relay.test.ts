import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { bytesToHex } from "../primitives/bytes.js";
import { sha3 } from "./hash.js";
import { aatBytes, aatHash, proofBytes, proofHash, requestBytes, requestHash, responseBytes, responseHash } from "./relay.js";
import type { Payload } from "./relay-types.js";

const { relay1, relay2_go_html_escaping: relay2, relay3_headers: relay3, aat } = vectors;
const asPayload = (p: { data: string; method: string; path: string; headers: Record<string, string> | null }): Payload => ({
  ...p,
  headers: p.headers === null ? null : new Map(Object.entries(p.headers)),
});
const proofFields = (entropy: bigint, request_hash: string) => ({
  entropy,
  session_block_height: 10001n,
  servicer_pub_key: vectors.keys.servicer.publicKey,
  blockchain: "0021",
  request_hash,
  aat: aat.input,
});

describe("AAT bytes", () => {
  it("reproduces the signed bytes and hash", () => {
    expect(aatBytes(aat.input)).toBe(aat.signedBytes_utf8);
    expect(bytesToHex(aatHash(aat.input))).toBe(aat.sha3_256);
  });
});

describe("request hash", () => {
  it("relay1", () => {
    const meta = { block_height: 10003n };
    expect(requestBytes(asPayload(relay1.payload), meta)).toBe(relay1.requestHash_preimage_utf8);
    expect(requestHash(asPayload(relay1.payload), meta)).toBe(relay1.request_hash);
  });
  it("relay2: Go HTML-escapes, so JSON.stringify (pocket-js) hashes differently", () => {
    const payload = asPayload(relay2.payload);
    const meta = { block_height: 10001n };
    expect(requestBytes(payload, meta)).toBe(relay2.go_request_preimage_utf8);
    expect(requestHash(payload, meta)).toBe(relay2.go_request_hash);
    const jsBytes = JSON.stringify({ payload: relay2.payload, meta: relay2.meta });
    expect(bytesToHex(sha3(jsBytes))).toBe(relay2.pocketjs_JSON_stringify_request_hash);
    expect(relay2.go_request_hash).not.toBe(relay2.pocketjs_JSON_stringify_request_hash);
  });
  it("relay3: header keys are sorted byte-wise as Go sorts a map", () => {
    const payload = asPayload(relay3.payload);
    const meta = { block_height: 10003n };
    expect(requestBytes(payload, meta)).toBe(relay3.go_request_preimage_utf8);
    expect(requestHash(payload, meta)).toBe(relay3.go_request_hash);
    const jsBytes = JSON.stringify({ payload: relay3.payload, meta: relay3.meta });
    expect(bytesToHex(sha3(jsBytes))).toBe(relay3.pocketjs_request_hash);
  });
  it("writes an empty header map as {} and a nil one as null", () => {
    const base = { data: "x", method: "", path: "" };
    expect(requestBytes({ ...base, headers: new Map() }, { block_height: 1n })).toContain('"headers":{}');
    expect(requestBytes({ ...base, headers: null }, { block_height: 1n })).toContain('"headers":null');
  });
});

describe("proof bytes and hash", () => {
  it("relay1", () => {
    const fields = proofFields(4242424242n, relay1.request_hash);
    expect(proofBytes(fields)).toBe(relay1.proof_preimage_utf8);
    expect(bytesToHex(proofHash(fields))).toBe(relay1.proof_hash_sha3);
    expect(proofBytes(fields, aat.sha3_256)).toBe(relay1.proof_preimage_utf8);
  });
  it("relay2 keeps an entropy above 2^53 exact", () => {
    const fields = proofFields(32598345349034508n, relay2.go_request_hash);
    expect(proofBytes(fields)).toBe(relay2.proof_preimage_utf8);
    expect(bytesToHex(proofHash(fields))).toBe(relay2.proof_hash_sha3);
  });
});

describe("response hash", () => {
  it("relay1", () => {
    const sorted = relay1.chain_response_after_sortJSONResponse;
    expect(responseBytes(sorted, relay1.proof_hash_sha3)).toBe(relay1.response_hash_preimage_utf8);
    expect(bytesToHex(responseHash(sorted, relay1.proof_hash_sha3))).toBe(relay1.response_hash_sha3);
  });
});
