import { describe, expect, it } from "vitest";
import { bytesToHex } from "../primitives/bytes.js";
import { pseudorandomProofIndex } from "../morse/merkle-proof-index.js";
import { sessionHeaderHash } from "../morse/session.js";
import { blockHash } from "./block.js";
import { storedClaim } from "./claim-rules.js";
import { claimFromEvidence, proofFromEvidence } from "./evidence.js";
import type { MsgProof } from "../morse/tx/msgs.js";
import { proofHeight, validateProof, validateProofMsgBasic } from "./proof-rules.js";
import { computeSession } from "./session.js";
import { MemoryChain, signedRelayProofs, TEST_APP, TEST_CHAIN, TEST_CLIENT, TEST_NODES, testGenesis } from "./testing.js";
import type { RelayProof } from "../morse/relay-types.js";

const chain = new MemoryChain(testGenesis());
chain.height = 30;
const session = computeSession(chain, TEST_APP.publicKeyHex, TEST_CHAIN, 1, 4);
if (!session.ok) throw new Error(session.message);
const servicer = TEST_NODES.find((k) => k.address === session.nodes[0])!;

async function claimed(proofs: RelayProof[]) {
  const claim = claimFromEvidence(proofs, servicer.address);
  if (!claim.ok) throw new Error(claim.error);
  const view = new MemoryChain(testGenesis());
  view.height = 30;
  view.apply([{ kind: "set_claim", claim: storedClaim(view, claim.value, 5) }]);
  const header = sessionHeaderHash(claim.value.header);
  if (!header.ok) throw new Error(header.message);
  // Block 13 (= 1 + 3·4) names block 12 as its last block.
  const index = pseudorandomProofIndex(blockHash(view.identity.genesis_hash, 12), bytesToHex(header.hash), proofs.length);
  if (!index.ok) throw new Error(index.error);
  return { view, claim: claim.value, index: index.index };
}

function proofAt(proofs: RelayProof[], index: number): MsgProof {
  const proof = proofFromEvidence(proofs, index);
  if (!proof.ok) throw new Error(proof.error);
  return proof.value;
}

const proofs = await signedRelayProofs({ app: TEST_APP, client: TEST_CLIENT, servicerPublicKey: servicer.publicKeyHex, chain: TEST_CHAIN, sessionHeight: 1n, count: 12 });
const { view, claim, index } = await claimed(proofs);
const honest = proofAt(proofs, index);
const code = (v: ReturnType<typeof validateProof>) => (v.ok ? 0 : v.error.code);

describe("validateProofMsgBasic (PC MsgProof.ValidateBasic)", () => {
  it("checks levels, target range, the leaf's signatures and the evidence type", async () => {
    expect(await validateProofMsgBasic(honest)).toBeUndefined();
    const short = { ...honest, merkle_proofs: { ...honest.merkle_proofs, hashRanges: honest.merkle_proofs.hashRanges.slice(0, 2) } };
    expect((await validateProofMsgBasic(short))?.code).toBe(63);
    const empty = { ...honest, merkle_proofs: { ...honest.merkle_proofs, targetRange: { ...honest.merkle_proofs.targetRange, lower: 5n, upper: 5n } } };
    expect((await validateProofMsgBasic(empty))?.code).toBe(89);
    const sig = honest.leaf.signature;
    const forged = { ...honest, leaf: { ...honest.leaf, signature: (sig[0] === "0" ? "1" : "0") + sig.slice(1) } };
    expect((await validateProofMsgBasic(forged))?.code).toBe(41);
    expect((await validateProofMsgBasic({ ...honest, evidence_type: 2 }))?.code).toBe(5);
  });
});

describe("validateProof (PC Keeper.ValidateProof, spec §7.2)", () => {
  it("accepts the pseudorandom leaf from the proof height on", () => {
    expect(proofHeight(view, 1n)).toBe(13n);
    expect(validateProof(view, honest, servicer.address, 13)).toEqual({ ok: true, claim: view.claim({ ...claim.header, from_address: servicer.address, evidence_type: 1 }) });
    const early = validateProof(view, honest, servicer.address, 12);
    expect(early).toMatchObject({ ok: false, error: { code: 1, codespace: "sdk" } });
  });

  it("refuses without a claim (65), with the wrong level count (49) or leaf index (49)", () => {
    expect(code(validateProof(view, honest, TEST_NODES.find((k) => k !== servicer)!.address, 13))).toBe(65);
    const threeLevels = { ...honest, merkle_proofs: { ...honest.merkle_proofs, hashRanges: honest.merkle_proofs.hashRanges.slice(0, 3) } };
    expect(code(validateProof(view, threeLevels, servicer.address, 13))).toBe(49);
    expect(code(validateProof(view, proofAt(proofs, (index + 1) % 12), servicer.address, 13))).toBe(49);
  });

  it("refuses a branch that does not reach the root's upper bound or does not verify (66)", () => {
    const rootUpper = claim.merkle_root.upper;
    const lowered = honest.merkle_proofs.hashRanges.map((r) => (r.upper === rootUpper ? { ...r, upper: r.upper - 1n } : r));
    const noUpper = { ...honest, merkle_proofs: { ...honest.merkle_proofs, hashRanges: lowered } };
    expect(code(validateProof(view, noUpper, servicer.address, 13))).toBe(66);
    const first = honest.merkle_proofs.hashRanges[0];
    const moved = index % 2 === 0 ? { ...first, lower: first.lower + 1n } : { ...first, upper: first.upper - 1n };
    const untouched = { ...honest, merkle_proofs: { ...honest.merkle_proofs, hashRanges: [moved, ...honest.merkle_proofs.hashRanges.slice(1)] } };
    expect(code(validateProof(view, untouched, servicer.address, 13))).toBe(66);
  });

  it("flags duplicate leaves as a replay attack (86) and returns the claim to punish", async () => {
    const five = await signedRelayProofs({ app: TEST_APP, client: TEST_CLIENT, servicerPublicKey: servicer.publicKeyHex, chain: TEST_CHAIN, sessionHeight: 1n, count: 5 });
    const doubled = five.flatMap((p) => [p, p]);
    const replay = await claimed(doubled);
    const verdict = validateProof(replay.view, proofAt(doubled, replay.index), servicer.address, 13);
    expect(verdict).toMatchObject({ ok: false, error: { code: 86 }, replayAttack: { total_proofs: 10n } });
  });
});
