import { describe, expect, it } from "vitest";
import { claimFromEvidence, proofFromEvidence } from "./evidence.js";
import { claimFromJSON, claimToJSON, proofFromJSON, proofToJSON, relayProofFromJSON, relayProofToJSON } from "./msgs.js";
import { signedRelayProofs, TEST_APP, TEST_CHAIN, TEST_CLIENT, TEST_NODES } from "./testing.js";

const proofs = await signedRelayProofs({ app: TEST_APP, client: TEST_CLIENT, servicerPublicKey: TEST_NODES[0].publicKeyHex, chain: TEST_CHAIN, sessionHeight: 5n, count: 6, firstEntropy: 2n ** 62n });

describe("amino JSON of the messages", () => {
  it("round-trips a claim, with int64s as strings and the root as base64 + range", () => {
    const claim = claimFromEvidence(proofs, TEST_NODES[0].address);
    if (!claim.ok) throw new Error(claim.error);
    const json = claimToJSON(claim.value);
    expect(json).toMatchObject({ total_proofs: "6", evidence_type: 1, expiration_height: "0", header: { session_height: "5" } });
    expect(json.merkle_root.range.lower).toBe("0");
    expect(claimFromJSON(JSON.parse(JSON.stringify(json)))).toEqual(claim);
  });

  it("round-trips a proof with its full leaf (AAT and client signature), entropy beyond 2^53 intact", () => {
    const proof = proofFromEvidence(proofs, 3);
    if (!proof.ok) throw new Error(proof.error);
    const json = proofToJSON(proof.value);
    expect(json.leaf.entropy).toMatch(/^46116860184273879\d\d$/);
    expect(json.leaf.aat.client_pub_key).toBe(TEST_CLIENT.publicKeyHex);
    expect(json.merkle_proofs.index).toBe("3");
    expect(proofFromJSON(JSON.parse(JSON.stringify(json)))).toEqual(proof);
    expect(relayProofFromJSON(relayProofToJSON(proofs[0]))).toEqual({ ok: true, value: proofs[0] });
  });

  it("refuses missing or mistyped fields", () => {
    expect(claimFromJSON({})).toMatchObject({ ok: false });
    expect(proofFromJSON({ merkle_proofs: {}, leaf: {}, evidence_type: 1 })).toMatchObject({ ok: false, error: expect.stringContaining("merkle_proofs") });
    const leaf = { ...relayProofToJSON(proofs[0]), session_block_height: 5 };
    expect(relayProofFromJSON(leaf)).toMatchObject({ ok: false, error: expect.stringContaining("session_block_height") });
  });
});
