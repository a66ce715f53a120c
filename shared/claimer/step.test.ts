import { describe, expect, it } from "vitest";
import { relayProofToJSON } from "../morse/tx/msgs.js";
import { computeSession } from "../chain/session.js";
import { relayReward } from "../chain/rewards.js";
import { MemoryChain, signedRelayProofs, TEST_APP, TEST_CHAIN, TEST_CLIENT, TEST_NODE_BALANCE, TEST_NODES, testGenesis } from "../chain/testing.js";
import { MSG_FEE } from "../morse/tx/tx.js";
import { openRecord, type LifecycleRecord } from "./record.js";
import { runStep, type ClaimerPorts } from "./step.js";
import { MemoryEvidence, MemoryRpc } from "./testing.js";

// Spec §8 parameters: BPS 4, CSW 3, ClaimExpiration 120, MinimumNumberOfProofs 10. Session 1 ends at
// 4: claim from 5 to 12, proof from 13 (the block whose last_block_id picks the leaf).
const genesis = testGenesis();
const probe = new MemoryChain(genesis);
probe.height = 4;
const session = computeSession(probe, TEST_APP.publicKeyHex, TEST_CHAIN, 1, 4);
if (!session.ok) throw new Error(session.message);
const servicer = TEST_NODES.find((k) => k.address === session.nodes[0])!;
const header = { servicerPubKey: servicer.publicKeyHex, appPubKey: TEST_APP.publicKeyHex, chain: TEST_CHAIN, sessionHeight: "1" };
const proofs = await signedRelayProofs({ app: TEST_APP, client: TEST_CLIENT, servicerPublicKey: servicer.publicKeyHex, chain: TEST_CHAIN, sessionHeight: 1n, count: 13 });

/** A chain at height 1 and a session with `count` relays, and a step function that resumes from the saved record. */
function world(count = 12) {
  const chain = new MemoryChain(genesis);
  const rpc = new MemoryRpc(chain);
  const evidence = new MemoryEvidence(header, proofs.slice(0, count));
  const ports: ClaimerPorts = { chain: rpc, evidence, key: servicer, sessionSyncAllowance: 0, cache: {}, now: () => 0 };
  const step = async (fresh = false): Promise<LifecycleRecord> => {
    // `fresh`: a restarted object (new cache), resuming from storage.
    const outcome = await runStep(fresh ? { ...ports, cache: {} } : ports, evidence.record ?? openRecord(evidence.count(), 0));
    return outcome.record;
  };
  return { chain, rpc, evidence, step };
}

describe("runStep", () => {
  it("claims in the window, proves once mature, and the balance rises by the formula", async () => {
    const { rpc, evidence, step } = world();
    rpc.advanceTo(4);
    expect(await step()).toMatchObject({ state: "open" });
    expect(rpc.sent).toHaveLength(0);
    rpc.advance();
    expect(await step()).toMatchObject({ state: "claim-submitted", relays: 12, claimTx: { attempts: 1, accepted: true, sentAt: 5 } });
    expect(evidence.sealed).toBe(true);
    expect(await step()).toMatchObject({ state: "claim-submitted" });
    expect(rpc.sent).toHaveLength(1);
    rpc.advance();
    expect(await step()).toMatchObject({ state: "claimed", claimedAt: 6, expirationHeight: 6 + 480 });
    rpc.advanceTo(12);
    expect(await step()).toMatchObject({ state: "claimed" });
    rpc.advance();
    expect(await step()).toMatchObject({ state: "proof-submitted", proofTx: { attempts: 1, accepted: true } });
    rpc.advance();
    const reward = relayReward(genesis.params, TEST_CHAIN, 12n).nodeReward;
    expect(await step()).toMatchObject({ state: "proven", relaysLost: 0, earned: reward.toString(), claimTx: { hex: "" }, proofTx: { hex: "", result: { code: 0, height: 14 } } });
    expect(rpc.chain.balance(servicer.address)).toBe(TEST_NODE_BALANCE - 2n * MSG_FEE + reward);
    expect(evidence.rows).toEqual([]);
    expect(rpc.sent).toHaveLength(2);
  });

  it("resumes after a restart between send and confirmation without sending again", async () => {
    const { rpc, step } = world();
    rpc.advanceTo(5);
    await step();
    expect(await step(true)).toMatchObject({ state: "claim-submitted" });
    rpc.advance();
    expect(await step(true)).toMatchObject({ state: "claimed" });
    expect(rpc.sent).toHaveLength(1);
  });

  it("sends the same bytes again after a lost send, and after a block that dropped them", async () => {
    const { rpc, step } = world();
    rpc.advanceTo(5);
    rpc.lostSends = 1;
    expect(await step()).toMatchObject({ state: "claim-submitted", claimTx: { attempts: 1, accepted: false }, lastError: expect.stringContaining("unreachable") });
    expect(await step()).toMatchObject({ claimTx: { attempts: 2, accepted: true } });
    rpc.dropMempool();
    rpc.advance();
    expect(await step()).toMatchObject({ state: "claim-submitted", claimTx: { attempts: 3, sentAt: 6 } });
    expect(new Set(rpc.sent).size).toBe(1);
    rpc.advance();
    expect(await step()).toMatchObject({ state: "claimed", claimedAt: 7 });
  });

  it("signs a new claim only after the old one was executed and failed for a reason that passes", async () => {
    const { rpc, step } = world();
    rpc.advanceTo(5);
    await step();
    // The account is emptied before the block: the claim executes and fails on its fee (sdk 5).
    rpc.chain.apply([{ kind: "debit", address: servicer.address, amount: TEST_NODE_BALANCE }]);
    rpc.advance();
    const refused = await step();
    expect(refused.claimTx).toMatchObject({ attempts: 2, accepted: false, refusal: { code: 5, codespace: "sdk" } });
    expect(rpc.sent[1]).not.toBe(rpc.sent[0]);
    rpc.chain.apply([{ kind: "credit", address: servicer.address, amount: TEST_NODE_BALANCE }]);
    expect(await step()).toMatchObject({ claimTx: { hash: refused.claimTx!.hash, attempts: 3, accepted: true } });
    rpc.advance();
    expect(await step()).toMatchObject({ state: "claimed" });
  });

  it("ends as failed, deleting the relays, when the chain refuses the proof as invalid (66)", async () => {
    const { rpc, evidence, step } = world(12);
    rpc.advanceTo(5);
    await step();
    rpc.advance();
    await step();
    // Every stored leaf replaced by a relay outside the tree: the branch no longer proves the leaf.
    const outsider = JSON.stringify(relayProofToJSON(proofs[12]));
    evidence.rows = evidence.rows.map((r) => ({ ...r, proof: outsider }));
    rpc.advanceTo(13);
    expect(await step()).toMatchObject({ state: "failed", relaysLost: 12, reason: expect.stringContaining("pocketcore/66") });
    expect(evidence.rows).toEqual([]);
  });

  it("discards a session below the minimum and expires one whose window passed", async () => {
    const short = world(9);
    short.rpc.advanceTo(5);
    expect(await short.step()).toMatchObject({ state: "discarded", relays: 9, relaysLost: 9 });
    expect(short.evidence.sealed).toBe(true);
    const late = world(12);
    late.rpc.advanceTo(13);
    expect(await late.step()).toMatchObject({ state: "expired", relays: 12, relaysLost: 12 });
    expect(late.rpc.sent).toHaveLength(0);
  });

  it("expires a claim deleted before its proof", async () => {
    const { rpc, step } = world();
    rpc.advanceTo(5);
    await step();
    rpc.advance();
    await step();
    rpc.advanceTo(6 + 480);
    expect(await step()).toMatchObject({ state: "expired", relaysLost: 12, reason: expect.stringContaining("no longer stored") });
  });

  it("waits and records why while the chain is unreachable", async () => {
    const { rpc, step } = world();
    rpc.down = true;
    expect(await step()).toMatchObject({ state: "open", lastError: expect.stringContaining("unreachable") });
    rpc.down = false;
    expect((await step()).lastError).toBeUndefined();
  });
});
