/**
 * The honest servicer's lifecycle: relays in a session, a claim inside the claim window, a proof of
 * the pseudorandom leaf once the claim matures, and a reward that equals the formula exactly.
 */
import { describe, expect, it } from "vitest";
import { relayReward } from "../../shared/chain/rewards.js";
import { DEFAULT_PARAMS } from "../../shared/chain/params.js";
import { CHAIN, claimFor, claimTxHex, NODE_BALANCE, proofFor, proofTxHex, relayProofs } from "./support/fixtures.js";
import { ok } from "./support/rpc.js";
import { advanceTo, proofIndexFromRpc, sessionServicers, startChain, submit, txResult } from "./support/scenario.js";

const FEE = 10_000n;

describe("an honest servicer is paid for a proven claim", () => {
  it("claim in the window, proof at the pseudorandom index, reward = multiplier × relays − allocations", async () => {
    await startChain();
    const [servicer] = await sessionServicers();
    const proofs = await relayProofs(servicer, 1, 12);
    const claim = claimFor(servicer, proofs);

    // Session 1 ends at height 4; the claim is included in block 5, the first after it.
    await advanceTo(4);
    const claimHash = await submit(servicer, await claimTxHex(servicer, claim));
    await ok("/v1/devnet/advance", { blocks: 1 });
    expect(await txResult(claimHash)).toMatchObject({ code: 0, height: 5 });
    const stored = await ok("/v1/query/nodeclaim", { address: servicer.address, app_pubkey: claim.header.app_public_key, blockchain: CHAIN, session_block_height: 1 });
    // pocket-core's `Codec.MarshalJSON` of the stored claim: amino's {"type","value"} wrapper, every Go int quoted.
    expect(stored).toMatchObject({ type: "pocketcore/claim", value: { total_proofs: "12", from_address: servicer.address, evidence_type: "1", expiration_height: String(5 + 120 * 4) } });

    // The leaf is picked by block 13's last_block_id (13 = 1 + 3·4): once block 13 is committed the
    // claim is mature and a claimer reads the index from the RPC; the proof goes in block 14.
    await advanceTo(13);
    const index = await proofIndexFromRpc(claim);
    const proofHash = await submit(servicer, await proofTxHex(servicer, proofFor(proofs, index)));
    await ok("/v1/devnet/advance", { blocks: 1 });
    const result = await txResult(proofHash);
    expect(result, result.log).toMatchObject({ code: 0, height: 14 });

    const reward = relayReward(DEFAULT_PARAMS, CHAIN, 12n);
    expect(reward).toEqual({ coins: 120_000n, fees: 13_200n, nodeReward: 106_800n });
    const balance = (await ok("/v1/query/balance", { address: servicer.address })).balance;
    expect(BigInt(balance)).toBe(NODE_BALANCE - 2n * FEE + reward.nodeReward);
    expect((await ok("/v1/query/nodeclaims", { address: servicer.address })).result).toEqual([]);
  });
});
