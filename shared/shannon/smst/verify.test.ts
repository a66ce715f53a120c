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
