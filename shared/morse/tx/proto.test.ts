import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, I64_MAX, I64_MIN, U64_MAX } from "../../primitives/bytes.js";
import { keyFromSeed, verify } from "../keys.js";
import { CLAIM_MSG_TYPE, PROOF_MSG_TYPE, type MsgClaim, type MsgProof, type TxMsg } from "./msgs.js";
import { decodeMsgClaim, decodeMsgProof, encodeMsgClaim, encodeMsgProof } from "./proto.js";
import { decodeTx, signTx, txSignBytes, unsignedTx } from "./tx.js";

const int64 = fc.bigInt({ min: I64_MIN, max: I64_MAX });
const uint64 = fc.oneof(fc.bigInt({ min: 0n, max: U64_MAX }), fc.constant(U64_MAX), fc.constant(0n));
const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map(bytesToHex);
// Strings as the wire may carry them: hex, but also empty, non-ASCII and the characters Go's JSON escapes.
const text = fc.oneof(hex(32), fc.constant(""), fc.string({ unit: "grapheme", maxLength: 12 }), fc.constantFrom("<&>", "\u2028", "0021"));
const hashRange = fc.record({ hash: fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.constant(new Uint8Array(0))), lower: uint64, upper: uint64 });
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

const claim: fc.Arbitrary<MsgClaim> = fc.record({
  header: fc.record({ app_public_key: text, chain: text, session_height: int64 }),
  merkle_root: hashRange,
  total_proofs: int64,
  from_address: fc.oneof(hex(20), fc.constant("")),
  evidence_type: int32,
  expiration_height: int64,
});

const proof: fc.Arbitrary<MsgProof> = fc.record({
  merkle_proofs: fc.record({ index: fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), hashRanges: fc.array(hashRange, { maxLength: 6 }), targetRange: hashRange }),
  leaf: fc.record({
    request_hash: text,
    entropy: int64,
    session_block_height: int64,
    servicer_pub_key: text,
    blockchain: text,
    aat: fc.record({ version: text, app_pub_key: text, client_pub_key: text, signature: text }),
    signature: text,
  }),
  evidence_type: int32,
});

const msg: fc.Arbitrary<TxMsg> = fc.oneof(claim.map((value) => ({ type: CLAIM_MSG_TYPE, value }) as const), proof.map((value) => ({ type: PROOF_MSG_TYPE, value }) as const));
// Property runs are many; on a loaded shared machine they need more than vitest's default 5 s.
const PROPERTY_TIMEOUT_MS = 60_000;
const key = keyFromSeed(new Uint8Array(32).fill(9));

describe("MsgClaim / MsgProtoProof", () => {
  it("decode what they encode, for any values (negative int64s, uint64 up to 2^64−1, empty fields)", () => {
    fc.assert(fc.property(claim, (c) => {
      expect(decodeMsgClaim(encodeMsgClaim(c))).toEqual({ ok: true, value: c });
    }), { numRuns: 200 });
    fc.assert(fc.property(proof, (p) => {
      expect(decodeMsgProof(encodeMsgProof(p))).toEqual({ ok: true, value: p });
    }), { numRuns: 200 });
  }, PROPERTY_TIMEOUT_MS);

  it("write a negative int64 as ten bytes, and uint64 2^64−1 in ten bytes", () => {
    const c = fc.sample(claim, 1)[0]!;
    const bytes = encodeMsgClaim({ ...c, total_proofs: -1n, expiration_height: 0n, evidence_type: 0, from_address: "" });
    expect(bytesToHex(bytes)).toContain("18ffffffffffffffffff01");
  });
});

describe("signed txs", () => {
  it("round-trip any claim or proof with any entropy; the decoded tx's sign bytes are what was signed", async () => {
    await fc.assert(
      fc.asyncProperty(msg, int64, async (m, entropy) => {
        const tx = unsignedTx(m, entropy);
        const signed = await signTx(tx, "mainnet", key);
        const decoded = decodeTx(signed.bytes);
        if (!decoded.ok) throw new Error(decoded.error);
        expect(decoded.value).toEqual({ ...tx, signature: { publicKey: key.publicKey, signature: decoded.value.signature.signature } });
        expect(txSignBytes(decoded.value, "mainnet")).toEqual(txSignBytes(tx, "mainnet"));
        expect(await verify(key.publicKey, txSignBytes(decoded.value, "mainnet"), decoded.value.signature.signature)).toBe(true);
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
