import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeClosestProofGob } from "./gob-decode.js";
import { encodeClosestProofGob, GOB_TYPE_PREFIX, gobInt, gobUint } from "./gob-encode.js";
import { verifyCompactClosestProof } from "./verify.js";
import { hex, SMST } from "./vectors.testing.js";

const GOB_PROOFS = SMST.sets.flatMap((s) => s.proofs.map((p) => ({ gob: hex(p.compact_gob), root: hex(p.root) })));

/** Decoding and verifying never throw and never answer "valid" for bytes that are not the original. */
function decodeAndVerify(bytes: Uint8Array, root: Uint8Array) {
  const decoded = decodeClosestProofGob(bytes);
  if (!decoded.ok) {
    expect(decoded.error).toMatch(/^gob: /);
    return decoded;
  }
  return verifyCompactClosestProof(decoded.proof, root);
}

describe("gob integers", () => {
  it("as the spec's examples", () => {
    const enc = (f: (out: number[], v: number) => void, v: number) => {
      const out: number[] = [];
      f(out, v);
      return Uint8Array.from(out);
    };
    expect(enc(gobUint, 136)).toEqual(hex("ff88"));
    expect(enc(gobUint, 317)).toEqual(hex("fe013d"));
    expect(enc(gobUint, 127)).toEqual(hex("7f"));
    expect(enc(gobInt, 65)).toEqual(hex("ff82"));
    expect(enc(gobInt, -65)).toEqual(hex("ff81"));
  });
});

describe("gob decoder on hostile bytes", () => {
  it("refuses every truncation of a real proof", () => {
    for (const { gob, root } of GOB_PROOFS) {
      for (let n = 0; n < gob.length; n++) expect(decodeClosestProofGob(gob.subarray(0, n)).ok).toBe(false);
      expect(decodeAndVerify(gob, root)).toEqual({ ok: true, valid: true });
    }
  }, 60_000);

  it("refuses the type prefix alone, a value of an undefined type, and unsupported kinds", () => {
    expect(decodeClosestProofGob(GOB_TYPE_PREFIX)).toMatchObject({ ok: false });
    expect(decodeClosestProofGob(hex("03ff8200"))).toMatchObject({ ok: false, error: expect.stringContaining("struct") });
    // A map type definition (wireType field 3).
    expect(decodeClosestProofGob(hex("0aff810401010000000000"))).toMatchObject({ ok: false });
  });

  it("never throws on random bytes, nor on random bytes after the real type definitions", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (tail, withPrefix) => {
        const bytes = withPrefix ? Uint8Array.from([...GOB_TYPE_PREFIX, ...tail]) : tail;
        const r = decodeClosestProofGob(bytes);
        if (r.ok) expect(verifyCompactClosestProof(r.proof, new Uint8Array(48))).toHaveProperty("ok");
      }),
      { numRuns: 3000 },
    );
  }, 60_000);

  it("never throws on mutated real proofs, and a mutation that still verifies left the proof's meaning intact", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...GOB_PROOFS),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        ({ gob, root }, edits) => {
          const bytes = gob.slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const r = decodeAndVerify(bytes, root);
          if (r.ok && r.valid) {
            // Only bytes outside what the proof means can change (type names' case, say): re-encode and compare.
            const again = decodeClosestProofGob(bytes);
            if (!again.ok) throw new Error("decoded once, not twice");
            const original = decodeClosestProofGob(gob);
            if (!original.ok) throw new Error(original.error);
            expect(again.proof.closestValueHash).toEqual(original.proof.closestValueHash);
            expect(again.proof.closestPath).toEqual(original.proof.closestPath);
          }
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);

  it("bounds what it allocates: a huge declared count or length is refused, not allocated", () => {
    const body: number[] = [];
    gobInt(body, 65);
    body.push(2); // field 1, FlippedBits
    gobUint(body, 2 ** 40); // count
    const len: number[] = [];
    gobUint(len, body.length);
    expect(decodeClosestProofGob(Uint8Array.from([...GOB_TYPE_PREFIX, ...len, ...body]))).toMatchObject({ ok: false });
  });

  it("re-encodes what it decodes to the same bytes", () => {
    for (const { gob } of GOB_PROOFS) {
      const r = decodeClosestProofGob(gob);
      if (!r.ok) throw new Error(r.error);
      expect(encodeClosestProofGob(r.proof)).toEqual(gob);
    }
  });
});
