import { describe, expect, it } from "vitest";
import { goMarshalSorted } from "../gojson.js";
import type { RelayProof } from "../relay-types.js";
import { claimFromJSON, claimToJSON, msgToJSON, PROOF_MSG_TYPE, relayProofFromJSON, relayProofToJSON, typedClaimFromJSON, type MsgClaim } from "./msgs.js";

const leaf: RelayProof = {
  request_hash: "ee".repeat(32),
  entropy: 2n ** 62n + 1n,
  session_block_height: 5n,
  servicer_pub_key: "03".repeat(32),
  blockchain: "0021",
  aat: { version: "0.0.1", app_pub_key: "aa".repeat(32), client_pub_key: "bb".repeat(32), signature: "cc".repeat(64) },
  signature: "dd".repeat(64),
};
const claim: MsgClaim = {
  header: { app_public_key: "aa".repeat(32), chain: "0021", session_height: 5n },
  merkle_root: { hash: new Uint8Array(32).fill(7), lower: 0n, upper: 2n ** 64n - 1n },
  total_proofs: 6n,
  from_address: "ab".repeat(20),
  evidence_type: 1,
  expiration_height: 0n,
};

describe("amino JSON of the messages", () => {
  it("writes a claim with every Go int (evidence_type too) quoted, and reads it back wrapped or bare", () => {
    const json = claimToJSON(claim);
    expect(json).toMatchObject({ total_proofs: "6", evidence_type: "1", expiration_height: "0", header: { session_height: "5" } });
    expect(claimFromJSON(JSON.parse(JSON.stringify(json)))).toEqual({ ok: true, value: claim });
    const typed = msgToJSON({ type: "pocketcore/claim", value: claim });
    expect(typedClaimFromJSON(JSON.parse(goMarshalSorted(typed)))).toEqual({ ok: true, value: claim });
    expect(typedClaimFromJSON(json)).toMatchObject({ ok: false });
  });

  it("wraps a proof's leaf as pocketcore/relay_proof and writes nil lists and hashes as null", () => {
    const proof = { merkle_proofs: { index: 0, hashRanges: [], targetRange: { hash: new Uint8Array(0), lower: 0n, upper: 1n } }, leaf, evidence_type: 1 };
    expect(goMarshalSorted(msgToJSON({ type: PROOF_MSG_TYPE, value: proof }))).toBe(
      '{"type":"pocketcore/proof","value":{"evidence_type":"1","leaf":{"type":"pocketcore/relay_proof","value":' +
        goMarshalSorted(relayProofToJSON(leaf)) +
        '},"merkle_proofs":{"hash_ranges":null,"index":"0","target_range":{"merkleHash":null,"range":{"lower":"0","upper":"1"}}}}}',
    );
  });

  it("round-trips a relay proof (the evidence rows' form), entropy beyond 2^53 intact", () => {
    expect(relayProofToJSON(leaf).entropy).toBe("4611686018427387905");
    expect(relayProofFromJSON(JSON.parse(JSON.stringify(relayProofToJSON(leaf))))).toEqual({ ok: true, value: leaf });
  });

  it("refuses missing or mistyped fields", () => {
    expect(claimFromJSON({})).toMatchObject({ ok: false });
    expect(claimFromJSON({ ...(claimToJSON(claim) as object), evidence_type: 1 })).toMatchObject({ ok: false, error: expect.stringContaining("evidence_type") });
    expect(claimFromJSON({ ...(claimToJSON(claim) as object), evidence_type: "4294967297" })).toMatchObject({ ok: false, error: expect.stringContaining("evidence_type") });
    expect(relayProofFromJSON({ ...relayProofToJSON(leaf), session_block_height: 5 })).toMatchObject({ ok: false, error: expect.stringContaining("session_block_height") });
  });
});
