import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { concatBytes, equalBytes, hexToBytesStrict } from "../../primitives/bytes.js";
import { encodeVarint } from "../../primitives/protobuf.js";
import { keyFromSeed, verify } from "../keys.js";
import vectors from "../../../test/fixtures/morse-tx-vectors.json";
import { decodeStdTx } from "./envelope.js";
import { decodeTx, txSignBytes } from "./tx.js";

const proofTx = hexToBytesStrict(vectors.constructed_proof.raw_hex);
const original = decodeTx(proofTx);
if (!original.ok) throw new Error(original.error);
const signedBytes = txSignBytes(original.value, "mainnet");
// Property runs are many; on a loaded shared machine they need more than vitest's default 5 s.
const PROPERTY_TIMEOUT_MS = 60_000;
const servicer = keyFromSeed(hexToBytesStrict(vectors.constructed_proof.servicer_seed_hex));

/** A decoder's verdict: an error string, or a tx. Anything thrown fails the property. */
function expectVerdict(raw: Uint8Array): ReturnType<typeof decodeTx> {
  const r = decodeTx(raw);
  if (!r.ok) expect(typeof r.error).toBe("string");
  return r;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(raw: Uint8Array, m: Mutation, reframe: boolean): Uint8Array {
  const at = m.at % raw.length;
  let out: Uint8Array;
  if (m.kind === "flip") (out = raw.slice())[at] ^= 1 << m.bit;
  else if (m.kind === "set") (out = raw.slice())[at] = m.byte;
  else if (m.kind === "insert") out = concatBytes(raw.subarray(0, at), m.bytes, raw.subarray(at));
  else if (m.kind === "delete") out = concatBytes(raw.subarray(0, at), raw.subarray(at + m.count));
  else out = raw.subarray(0, at);
  if (!reframe) return out;
  // Fix the length prefix so the mutation reaches the body's decoders instead of the prefix check.
  const body = out.subarray(2);
  return concatBytes(encodeVarint(BigInt(body.length)), body);
}

describe("decoding hostile bytes", () => {
  it("never throws on random bytes, with or without a length prefix that fits", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (body) => {
        expectVerdict(body);
        expectVerdict(concatBytes(encodeVarint(BigInt(body.length)), body));
      }),
      { numRuns: 3000 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it("never accepts a mutated signed tx that means something else: it fails to decode, fails its signature, or signs the same bytes", async () => {
    let decodedCount = 0;
    await fc.assert(
      fc.asyncProperty(mutation, fc.boolean(), async (m, reframe) => {
        const raw = mutate(proofTx, m, reframe);
        const r = expectVerdict(raw);
        if (!r.ok) return;
        decodedCount++;
        const signBytes = txSignBytes(r.value, "mainnet");
        const valid = await verify(r.value.signature.publicKey, signBytes, r.value.signature.signature);
        if (valid) expect(equalBytes(signBytes, signedBytes)).toBe(true);
      }),
      { numRuns: 1500 },
    );
    // The mutations must reach the decoders past the envelope often enough to mean something.
    expect(decodedCount).toBeGreaterThan(50);
  }, PROPERTY_TIMEOUT_MS);

  it("names each kind of malformation", () => {
    const body = proofTx.subarray(2);
    const framed = (b: Uint8Array) => concatBytes(encodeVarint(BigInt(b.length)), b);
    const error = (raw: Uint8Array) => {
      const r = decodeTx(raw);
      return r.ok ? "accepted" : r.error;
    };
    expect(error(new Uint8Array(0))).toBe("txBytes are empty");
    expect(error(hexToBytesStrict("ff"))).toContain("invalid length prefix");
    expect(error(hexToBytesStrict("ffffffffffffffffffff7f"))).toContain("overflows 64 bits");
    expect(error(proofTx.subarray(0, 100))).toBe(`not enough bytes to read; want: ${body.length}, got: 98`);
    expect(error(concatBytes(proofTx, Uint8Array.of(0)))).toBe(`too many bytes to read; want: ${body.length}, got: ${body.length + 1}`);
    expect(error(framed(concatBytes(body, hexToBytesStrict("4200"))))).toBe("ProtoStdTx: unknown field 8 at byte 926");
    expect(error(framed(concatBytes(body, hexToBytesStrict("2a00"))))).toBe("ProtoStdTx.entropy: wire type 2, want 0");
    expect(error(framed(concatBytes(body, hexToBytesStrict("2801"))))).toBe("ProtoStdTx.entropy: written twice");
    expect(error(framed(concatBytes(body, hexToBytesStrict("1a05"))))).toContain("past the end");
    expect(error(framed(concatBytes(body, hexToBytesStrict("1b"))))).toContain("unsupported wire type 3");
    // A nested length past its message's end: the Any's value claims more than the Any holds.
    const anyStart = body.indexOf(0x12, 2);
    const nested = body.slice();
    nested[anyStart + 1] = 0xff;
    expect(error(framed(nested))).toContain("ProtoStdTx.msg");
    // The proof's signer is the leaf's servicer; the vector's key signed it.
    expect(equalBytes(original.value.signature.publicKey, servicer.publicKey)).toBe(true);
  });

  it("keeps the mainnet envelope's empty memo field readable (pocket-js writes it)", () => {
    const r = decodeStdTx(hexToBytesStrict(vectors.mainnet_send.raw_hex));
    expect(r.ok && r.value.memo).toBe("");
  });
});
