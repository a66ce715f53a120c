import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../../primitives/bytes.js";
import { decompactClosestProof } from "./compact.js";
import { decodeClosestProofGob } from "./gob-decode.js";
import { verifyClosestProof, verifyCompactClosestProof } from "./verify.js";
import { hex, hexOrEmpty, SMST } from "./vectors.testing.js";

/** What the chain does with MsgSubmitProof's bytes and the claim's root, reported as the vectors' `go_result`. */
function chainResult(gob: string, root: string) {
  const decoded = decodeClosestProofGob(hex(gob));
  if (!decoded.ok) return { decode_ok: false, verify: false };
  const verified = verifyCompactClosestProof(decoded.proof, hex(root));
  const value = decoded.proof.closestValueHash;
  return {
    decode_ok: true,
    verify: verified.ok && verified.valid,
    closest_value: bytesToHex(value.subarray(0, Math.max(0, value.length - 16))),
  };
}

describe("VerifyClosestProof as the chain runs it (Go vectors)", () => {
  it("an empty trie's proof verifies against the empty root", () => {
    const p = SMST.empty_trie.prove_closest_zero_path;
    const result = verifyClosestProof(
      {
        path: hex(p.path),
        flippedBits: p.flipped_bits,
        depth: p.depth,
        closestPath: hex(p.closest_path),
        closestValueHash: new Uint8Array(0),
        closestProof: { sideNodes: [], nonMembershipLeafData: new Uint8Array(0), siblingData: new Uint8Array(0) },
      },
      hex(SMST.empty_trie.root),
    );
    expect(result).toEqual({ ok: true, valid: SMST.empty_trie.verify_closest_proof });
  });

  for (const set of SMST.sets) {
    for (const v of set.proofs) {
      it(`${v.id}: decodes to the compact proof, decompacts to the proof, verifies`, () => {
        const decoded = decodeClosestProofGob(hex(v.compact_gob));
        if (!decoded.ok) throw new Error(decoded.error);
        const c = v.compact_proof;
        expect(decoded.proof).toEqual({
          path: hex(c.path),
          flippedBits: c.flipped_bits.map(hex),
          depth: hex(c.depth),
          closestPath: hex(c.closest_path),
          closestValueHash: hexOrEmpty(c.closest_value_hash),
          closestProof: {
            sideNodes: (c.side_nodes ?? []).map(hex),
            nonMembershipLeafData: hexOrEmpty(c.non_membership_leaf_data),
            bitMask: hexOrEmpty(c.bit_mask),
            numSideNodes: c.num_side_nodes,
            siblingData: hexOrEmpty(c.sibling_data),
          },
        });
        const full = decompactClosestProof(decoded.proof);
        if (!full.ok) throw new Error(full.error);
        expect(full.value.depth).toBe(v.proof.depth);
        expect(full.value.flippedBits).toEqual(v.proof.flipped_bits);
        expect(full.value.closestProof.sideNodes.map(bytesToHex)).toEqual(v.proof.side_nodes ?? []);
        expect(verifyClosestProof(full.value, hex(v.root))).toEqual({ ok: true, valid: v.verify_closest_proof });
        expect(chainResult(v.compact_gob, v.root)).toEqual(v.go_result);
      });

      for (const n of v.negative) {
        it(`${v.id}, tampered (${n.tamper}): Go's verdict`, () => {
          const got = chainResult(n.compact_gob, n.root);
          expect(got.decode_ok).toBe(n.go_result.decode_ok);
          expect(got.verify).toBe(n.go_result.verify);
          if (n.go_result.decode_ok) expect(got.closest_value).toBe(n.go_result.closest_value);
        });
      }
    }
  }
});

describe("verification of hostile proofs", () => {
  const v = SMST.sets[2].proofs[0]; // its sibling is an extension node
  const decoded = decodeClosestProofGob(hex(v.compact_gob));
  if (!decoded.ok) throw new Error(decoded.error);
  const proof = decoded.proof;
  const inner = proof.closestProof!;

  it("an extension sibling's sum trailer is not covered by the SiblingData check, in Go as here", () => {
    const sibling = inner.siblingData.slice();
    expect(sibling[0]).toBe(2);
    sibling[sibling.length - 1] ^= 1;
    expect(verifyCompactClosestProof({ ...proof, closestProof: { ...inner, siblingData: sibling } }, hex(v.root))).toEqual({ ok: true, valid: true });
  });

  it("answers an error value where Go would panic: short data, bit-mask padding, missing inner proof", () => {
    const root = hex(v.root);
    const cases = [
      { ...proof, closestProof: null },
      { ...proof, closestValueHash: new Uint8Array(5) },
      { ...proof, closestPath: new Uint8Array(3) },
      { ...proof, depth: hex("0101") },
      { ...proof, depth: hex("010203") },
      { ...proof, closestProof: { ...inner, siblingData: new Uint8Array(7) } },
      { ...proof, closestProof: { ...inner, siblingData: hex("02" + "00".repeat(40)) } },
      { ...proof, closestProof: { ...inner, bitMask: Uint8Array.from([inner.bitMask[0] | 1]), sideNodes: inner.sideNodes.slice(1) } },
      { ...proof, closestProof: { ...inner, numSideNodes: 300 } },
      { ...proof, closestProof: { ...inner, nonMembershipLeafData: new Uint8Array(10) } },
      { ...proof, path: new Uint8Array(31) },
    ];
    for (const c of cases) expect(verifyCompactClosestProof(c, root)).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it("never throws on random proof structures", () => {
    const bytes = (max: number) => fc.uint8Array({ maxLength: max });
    fc.assert(
      fc.property(
        fc.record({
          path: fc.oneof(bytes(40), fc.uint8Array({ minLength: 32, maxLength: 32 })),
          flippedBits: fc.array(bytes(3), { maxLength: 4 }),
          depth: bytes(3),
          closestPath: bytes(50),
          closestValueHash: bytes(40),
          closestProof: fc.option(
            fc.record({
              sideNodes: fc.array(fc.oneof(bytes(60), fc.constant(new Uint8Array(48))), { maxLength: 10 }),
              nonMembershipLeafData: bytes(60),
              bitMask: bytes(3),
              numSideNodes: fc.integer({ min: -5, max: 300 }),
              siblingData: bytes(120),
            }),
          ),
        }),
        bytes(48),
        (p, root) => {
          expect(verifyCompactClosestProof(p, root)).toHaveProperty("ok");
        },
      ),
      { numRuns: 3000 },
    );
  }, 60_000);
});
