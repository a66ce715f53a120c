import { describe, expect, it } from "vitest";
import { utf8 } from "../primitives/bytes.js";
import { executeTx, prepareTx, preparedFromAccepted, type PreparedTx } from "./deliver.js";
import { claimFromEvidence, proofFromEvidence } from "./evidence.js";
import { computeSession } from "./session.js";
import { MemoryChain, signedRelayProofs, TEST_APP, TEST_CHAIN, TEST_CHAIN_ID, TEST_CLIENT, TEST_NODES, testGenesis, testGenesisJSON, testKey } from "./testing.js";
import { CLAIM_MSG_TYPE, PROOF_MSG_TYPE, type TxMsg } from "../morse/tx/msgs.js";
import { decodeTx, encodeTx, signTx, unsignedTx, type StdTx, type UnsignedTx } from "../morse/tx/tx.js";
import type { MorseKey } from "../morse/keys.js";

const OUTPUT = testKey("output").address;
// Every node sends its rewards to OUTPUT.
const genesis = testGenesis({ nodes: (testGenesisJSON().nodes as object[]).map((n) => ({ ...n, output_address: OUTPUT })) });

function freshChain(): MemoryChain {
  const chain = new MemoryChain(genesis);
  chain.height = 4;
  return chain;
}

const session = computeSession(freshChain(), TEST_APP.publicKeyHex, TEST_CHAIN, 1, 4);
if (!session.ok) throw new Error(session.message);
const servicer = TEST_NODES.find((k) => k.address === session.nodes[0])!;

const proofs = await signedRelayProofs({ app: TEST_APP, client: TEST_CLIENT, servicerPublicKey: servicer.publicKeyHex, chain: TEST_CHAIN, sessionHeight: 1n, count: 10 });
const claimMsg = claimFromEvidence(proofs, servicer.address);
if (!claimMsg.ok) throw new Error(claimMsg.error);
const claim: TxMsg = { type: CLAIM_MSG_TYPE, value: claimMsg.value };

async function prepared(msg: TxMsg, signer: MorseKey, edit: (tx: UnsignedTx) => UnsignedTx = (t) => t): Promise<PreparedTx> {
  const result = await prepareTx((await signTx(edit(unsignedTx(msg)), TEST_CHAIN_ID, signer)).bytes, TEST_CHAIN_ID);
  if (!result.ok) throw new Error(result.error.message);
  return result.prepared;
}

async function refusal(bytes: Uint8Array): Promise<{ code: number; codespace: string }> {
  const result = await prepareTx(bytes, TEST_CHAIN_ID);
  if (result.ok) throw new Error("accepted");
  return { code: result.error.code, codespace: result.error.codespace };
}

describe("prepareTx (stateless checks)", () => {
  it("accepts a tx signed by the message's servicer and names its signer and fee", async () => {
    const tx = await prepared(claim, servicer);
    expect(tx).toMatchObject({ signer: servicer.address, fee: 10000n });
    expect(preparedFromAccepted(tx.bytes, tx.signer, tx.fee)).toEqual({ ok: true, prepared: tx });
    expect(preparedFromAccepted(utf8("{}"), tx.signer, tx.fee)).toMatchObject({ ok: false, error: { code: 2 } });
  });

  it("refuses undecodable bytes (2), foreign chains, bad signatures and foreign signers (4), low fees (14)", async () => {
    const signedBy = async (tx: UnsignedTx, key: MorseKey, chainId = TEST_CHAIN_ID) => (await signTx(tx, chainId, key)).bytes;
    expect(await refusal(utf8("{"))).toEqual({ code: 2, codespace: "sdk" });
    expect(await refusal(await signedBy(unsignedTx(claim), servicer, "other-chain"))).toEqual({ code: 4, codespace: "sdk" });
    expect(await refusal(await signedBy(unsignedTx(claim), TEST_NODES.find((k) => k !== servicer)!))).toEqual({ code: 4, codespace: "sdk" });
    const decoded = decodeTx(await signedBy(unsignedTx(claim), servicer));
    if (!decoded.ok) throw new Error(decoded.error);
    const tampered = (edit: (tx: StdTx) => StdTx) => encodeTx(edit(decoded.value));
    const flipped = decoded.value.signature.signature.slice();
    flipped[0] ^= 1;
    expect(await refusal(tampered((tx) => ({ ...tx, signature: { ...tx.signature, signature: flipped } })))).toEqual({ code: 4, codespace: "sdk" });
    expect(await refusal(tampered((tx) => ({ ...tx, memo: "changed after signing" })))).toEqual({ code: 4, codespace: "sdk" });
    expect(await refusal(tampered((tx) => ({ ...tx, entropy: -tx.entropy - 1n })))).toEqual({ code: 4, codespace: "sdk" });
    expect(await refusal(tampered((tx) => ({ ...tx, signature: { ...tx.signature, publicKey: tx.signature.publicKey.subarray(1) } })))).toEqual({ code: 2, codespace: "sdk" });
    expect(await refusal(await signedBy({ ...unsignedTx(claim), fee: [{ amount: 9999n, denom: "upokt" }] }, servicer))).toEqual({ code: 14, codespace: "sdk" });
    expect(await refusal(await signedBy({ ...unsignedTx(claim), fee: [{ amount: 10000n, denom: "uatom" }] }, servicer))).toEqual({ code: 14, codespace: "sdk" });
    expect(await refusal(await signedBy({ ...unsignedTx(claim), fee: [] }, servicer))).toEqual({ code: 14, codespace: "sdk" });
    const tooFew = { type: CLAIM_MSG_TYPE, value: { ...claimMsg.value, total_proofs: 4n } } as const;
    expect(await refusal(await signedBy(unsignedTx(tooFew), servicer))).toEqual({ code: 11, codespace: "pocketcore" });
  });
});

describe("executeTx (fees, handlers, effects)", () => {
  it("stores a claim and charges the fee", async () => {
    const chain = freshChain();
    const outcome = executeTx(chain, await prepared(claim, servicer), 5);
    expect(outcome).toMatchObject({ code: 0, punishable: false });
    expect(outcome.effects).toEqual([
      { kind: "debit", address: servicer.address, amount: 10000n },
      { kind: "set_claim", claim: { ...claimMsg.value, expiration_height: 485n } },
    ]);
  });

  it("charges the fee of a tx whose message fails, and refuses one it cannot pay with 5 and no effects", async () => {
    const chain = freshChain();
    const early = executeTx(chain, await prepared(claim, servicer), 4);
    expect(early).toMatchObject({ code: 60, effects: [{ kind: "debit", amount: 10000n }] });
    chain.apply([{ kind: "debit", address: servicer.address, amount: chain.balance(servicer.address) - 9999n }]);
    expect(executeTx(chain, await prepared(claim, servicer), 5)).toMatchObject({ code: 5, codespace: "sdk", effects: [] });
  });

  it("rewards a valid proof to the node's output address and deletes the claim", async () => {
    const chain = freshChain();
    chain.apply(executeTx(chain, await prepared(claim, servicer), 5).effects);
    chain.height = 13;
    // Exactly one leaf is the pseudorandom one; every other index is refused with 49.
    let rewarded = 0;
    for (let i = 0; i < 10; i++) {
      const proof = proofFromEvidence(proofs, i);
      if (!proof.ok) throw new Error(proof.error);
      const outcome = executeTx(chain, await prepared({ type: PROOF_MSG_TYPE, value: proof.value }, servicer), 14);
      if (outcome.code === 49) continue; // not the pseudorandom leaf
      expect(outcome.code, outcome.log).toBe(0);
      expect(outcome.effects).toEqual([
        { kind: "debit", address: servicer.address, amount: 10000n },
        { kind: "delete_claim", claim: { ...claimMsg.value, expiration_height: 485n } },
        { kind: "credit", address: OUTPUT, amount: 89_000n },
      ]);
      rewarded++;
    }
    expect(rewarded).toBe(1);
  });
});
