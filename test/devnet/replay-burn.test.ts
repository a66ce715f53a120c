/**
 * Duplicate leaves (the same relay claimed twice) make empty ranges in the tree; the proof is flagged
 * as a replay attack (86): the servicer's stake is burned by RelaysToTokensMultiplier × total_proofs ×
 * ReplayAttackBurnMultiplier (PC `BurnForChallenge`), and the claim is deleted.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "../../shared/chain/params.js";
import { replayAttackBurn } from "../../shared/chain/rewards.js";
import { NODE_BALANCE, NODE_TOKENS, proofFor, proofTxHex, relayProofs } from "./support/fixtures.js";
import { ok } from "./support/rpc.js";
import { advanceTo, claimedSession, proofIndexFromRpc, rawtx, txResult } from "./support/scenario.js";

describe("replay attack", () => {
  it("burns total × multipliers from the stake and deletes the claim", async () => {
    // Five relays, each claimed twice: ten leaves, every pair at the leaf level holds an empty range.
    const { servicer, proofs, claim } = await claimedSession(10, {}, async (s) => {
      const five = await relayProofs(s, 1, 5);
      return five.flatMap((p) => [p, p]);
    });
    await advanceTo(13);
    const index = await proofIndexFromRpc(claim);
    // The tx is accepted: its failure is punished on chain, so it must be included.
    const answer = await rawtx(servicer, await proofTxHex(servicer, proofFor(proofs, index)));
    // Queued although it will fail: its failure is punished in the block.
    expect(answer.json, answer.text).toEqual({ logs: null, txhash: expect.any(String) });
    await ok("/v1/devnet/advance", { blocks: 1 });

    const result = await txResult(answer.json.txhash);
    expect(result).toMatchObject({ code: 86, codespace: "pocketcore", height: 14 });
    const burned = replayAttackBurn(DEFAULT_PARAMS, 10n, NODE_TOKENS);
    expect(burned).toBe(10_000n * 10n * 3n);
    const node = await ok("/v1/query/node", { address: servicer.address });
    expect(BigInt(node.tokens)).toBe(NODE_TOKENS - burned);
    expect((await ok("/v1/query/nodeclaims", { address: servicer.address })).result).toEqual([]);
    // Both fees paid, no reward.
    expect(BigInt((await ok("/v1/query/balance", { address: servicer.address })).balance)).toBe(NODE_BALANCE - 20_000n);
  });
});
