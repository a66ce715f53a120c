import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { hexToBytesStrict } from "../primitives/bytes.js";
import { decodeRelay } from "./relay-decode.js";
import { proofHash } from "./relay.js";
import type { RelayProof } from "./relay-types.js";
import { validateProofBasic } from "./proof-validate.js";
import { goHexDecode } from "./verification.js";

const decoded = decodeRelay(vectors.relay1.http_request_body);
if (!decoded.ok) throw new Error(decoded.error);
const proof = decoded.relay.proof;
const token = vectors.aat.sha3_256;

async function codeOf(change: Partial<RelayProof>) {
  const p = { ...proof, ...change };
  const err = await validateProofBasic(p, proofHash(p, token), token);
  return err && { code: err.code, message: err.message };
}

describe("validateProofBasic", () => {
  it("accepts relay1's proof", async () => {
    expect(await validateProofBasic(proof, hexToBytesStrict(vectors.relay1.proof_hash_sha3), token)).toBeUndefined();
  });

  it("answers each check's code in pocket-core's order", async () => {
    expect((await codeOf({ session_block_height: 0n }))?.code).toBe(60);
    expect((await codeOf({ servicer_pub_key: "xyz" }))?.code).toBe(6);
    expect((await codeOf({ servicer_pub_key: "abcd" }))?.code).toBe(42);
    expect(await codeOf({ blockchain: "0x21" })).toEqual({ code: 52, message: "the hex string could not be decoded: encoding/hex: invalid byte: U+0078 'x'" });
    expect(await codeOf({ blockchain: "" })).toEqual({ code: 23, message: "the hash is invalid: " });
    expect(await codeOf({ blockchain: "0021002100" })).toEqual({ code: 62, message: "the merkleHash Length is not valid" });
    expect((await codeOf({ request_hash: "abc" }))?.message).toBe("the hex string could not be decoded: encoding/hex: odd length hex string");
    expect((await codeOf({ request_hash: "ab" }))?.code).toBe(62);
    expect((await codeOf({ entropy: -1n }))?.code).toBe(29);
    expect((await codeOf({ aat: { ...proof.aat, version: "1" } }))?.code).toBe(4);
    expect((await codeOf({ signature: "zz" }))?.code).toBe(39);
    expect((await codeOf({ signature: "abcd" }))?.code).toBe(38);
    expect((await codeOf({ entropy: 1n }))?.code).toBe(41); // signature no longer covers the proof
    // An earlier failing check wins over a later one.
    expect((await codeOf({ session_block_height: -1n, signature: "zz" }))?.code).toBe(60);
  });
});

describe("goHexDecode", () => {
  it("reports the first bad byte of the first bad pair, as Go does", () => {
    expect(goHexDecode("0g")).toEqual({ ok: false, error: "encoding/hex: invalid byte: U+0067 'g'" });
    expect(goHexDecode("abc")).toEqual({ ok: false, error: "encoding/hex: odd length hex string" });
    expect(goHexDecode("abz")).toEqual({ ok: false, error: "encoding/hex: invalid byte: U+007A 'z'" });
    expect(goHexDecode("a\u0001")).toEqual({ ok: false, error: "encoding/hex: invalid byte: U+0001" });
    // Non-ASCII: Go sees the first UTF-8 byte (0xC3 for "é"), printed as a Latin-1 rune.
    expect(goHexDecode("aé")).toEqual({ ok: false, error: "encoding/hex: invalid byte: U+00C3 'Ã'" });
    expect(goHexDecode("AbCd")).toMatchObject({ ok: true, bytes: new Uint8Array([0xab, 0xcd]) });
  });
});
