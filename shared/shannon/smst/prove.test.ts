import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { bytesToHex, utf8 } from "../../primitives/bytes.js";
import { compactClosestProof } from "./compact.js";
import { encodeClosestProofGob } from "./gob-encode.js";
import type { SparseCompactMerkleClosestProof, SparseMerkleClosestProof } from "./proof.js";
import { proofPath } from "./proof-path.js";
import { MemoryNodeStore } from "./store.js";
import { SparseMerkleSumTrie } from "./trie.js";
import { buildSet, hex, SMST, type ProofVector } from "./vectors.testing.js";

/** A proof as the vectors print it (hex, Go nil as null). */
function asVector(p: SparseMerkleClosestProof) {
  const h = (b: Uint8Array) => (b.length === 0 ? null : bytesToHex(b));
  return {
    path: bytesToHex(p.path),
    flipped_bits: p.flippedBits,
    depth: p.depth,
    closest_path: bytesToHex(p.closestPath),
    closest_value_hash: h(p.closestValueHash),
    side_nodes: p.closestProof.sideNodes.length === 0 ? null : p.closestProof.sideNodes.map(bytesToHex),
    non_membership_leaf_data: h(p.closestProof.nonMembershipLeafData),
    sibling_data: h(p.closestProof.siblingData),
  };
}

function asCompactVector(p: SparseCompactMerkleClosestProof) {
  const h = (b: Uint8Array) => (b.length === 0 ? null : bytesToHex(b));
  const inner = p.closestProof!;
  return {
    path: bytesToHex(p.path),
    flipped_bits: p.flippedBits.map(bytesToHex),
    depth: bytesToHex(p.depth),
    closest_path: bytesToHex(p.closestPath),
    closest_value_hash: h(p.closestValueHash),
    side_nodes: inner.sideNodes.length === 0 ? null : inner.sideNodes.map(bytesToHex),
    non_membership_leaf_data: h(inner.nonMembershipLeafData),
    bit_mask: bytesToHex(inner.bitMask),
    num_side_nodes: inner.numSideNodes,
    sibling_data: h(inner.siblingData),
  };
}

/** The vector's path source, recomputed where it is a proof path of a block hash and a session. */
function expectedPath(v: ProofVector): string | undefined {
  const m = /blockHash=sha256\("([^"]+)"\), sessionId="([^"]+)"/.exec(v.path_source);
  return m ? bytesToHex(proofPath(sha256(utf8(m[1])), m[2])) : undefined;
}

describe("ProveClosest, compaction and gob bytes (Go vectors)", () => {
  it("an empty trie: the placeholder leaf, bit 0 flipped", async () => {
    const trie = new SparseMerkleSumTrie(new MemoryNodeStore());
    const r = await trie.proveClosest(new Uint8Array(32));
    if (!r.ok) throw new Error(r.error);
    const { prove_closest_zero_path: want } = SMST.empty_trie;
    expect(asVector(r.proof)).toEqual(want);
  });

  for (const set of SMST.sets) {
    for (const v of set.proofs) {
      it(`${v.id} (${v.path_source})`, async () => {
        const built = expectedPath(v);
        if (built !== undefined) expect(built).toBe(v.path);
        // Both straight after inserting and after a commit that pushed every node to the store.
        for (const commit of [false, true]) {
          const { trie } = await buildSet(set, { cacheDepth: 1 });
          if (commit) await trie.commit();
          const r = await trie.proveClosest(hex(v.path));
          if (!r.ok) throw new Error(r.error);
          expect(asVector(r.proof)).toEqual(v.proof);
          const compact = compactClosestProof(r.proof);
          if (!compact.ok) throw new Error(compact.error);
          expect(asCompactVector(compact.value)).toEqual(v.compact_proof);
          const gob = encodeClosestProofGob(compact.value);
          expect(bytesToHex(gob)).toBe(v.compact_gob);
          expect(gob.length).toBe(v.compact_gob_len);
        }
      });
    }
  }

  it("refuses a path that is not 32 bytes", async () => {
    const trie = new SparseMerkleSumTrie(new MemoryNodeStore());
    expect(await trie.proveClosest(new Uint8Array(31))).toMatchObject({ ok: false });
  });

  it("§10 \"two\": the proof's gob value message", async () => {
    const trie = new SparseMerkleSumTrie(new MemoryNodeStore());
    for (const [value, weight] of [["relay-0", 1], ["relay-1", 2]] as const) {
      await trie.update(sha256(utf8(value)), utf8(value), weight);
    }
    const path = proofPath(
      hex("2f511441d42c432f4dddeb1ae8e2624d4d00b0f5f79c062f09175bacc3b2028b"),
      "10e19722d5e8b6a9864e8188eba9b355e159cdb605f97404fcd99ea36b25c9ae",
    );
    expect(bytesToHex(path)).toBe("6f1c6d94ec2dd290c39f2cc32de582c46cc7ab37d5f3c0713277dcf5849113e8");
    const r = await trie.proveClosest(path);
    if (!r.ok) throw new Error(r.error);
    const compact = compactClosestProof(r.proof);
    if (!compact.ok) throw new Error(compact.error);
    expect(bytesToHex(encodeClosestProofGob(compact.value).subarray(287))).toBe(
      "ffd7ff8201206f1c6d94ec2dd290c39f2cc32de582c46cc7ab37d5f3c0713277dcf5849113e8020101012020042f314f91692e748aa331d96f9afb" +
        "cae0e04893c4a330fcf06b39ac1e0803011772656c61792d3100000000000000020000000000000001010101303b9f4d16888f900fbe0553e488e1" +
        "0dc2dd0f358ba7c92ba4c50414cbc11617df000000000000000100000000000000010201000102013800a7098ae6903dd7330f37323d99043fa485" +
        "ea9bbe126d99bbffa0e5caa061277f72656c61792d30000000000000000100000000000000010000",
    );
  });
});
