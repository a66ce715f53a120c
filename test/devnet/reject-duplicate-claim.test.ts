/**
 * One claim per (servicer, session, chain, app): a second claim is refused with 90 whether the first
 * is stored or still in the mempool, and the same transaction twice is refused by the mempool.
 */
import { describe, expect, it } from "vitest";
import { claimFor, claimTxHex, relayProofs } from "./support/fixtures.js";
import { claimedSession, expectRefused, rawtx, snapshot, submit } from "./support/scenario.js";

describe("duplicate claim", () => {
  it("is refused with 90 whether the first claim is stored or pending, and changes nothing", async () => {
    const { servicers, servicer, claim } = await claimedSession(10);
    let before = await snapshot();
    // A new signature (fresh entropy) makes a new transaction for the same claim.
    await expectRefused(await rawtx(servicer, await claimTxHex(servicer, claim)), 90);
    expect(await snapshot()).toEqual(before);

    // Another servicer of session 1 (dispatch now answers session 5, whose seed covers block 5's txs).
    const second = servicers[1];
    const pendingClaim = claimFor(second, await relayProofs(second, 1, 10));
    const firstTx = await claimTxHex(second, pendingClaim);
    await submit(second, firstTx);
    before = await snapshot();
    await expectRefused(await rawtx(second, await claimTxHex(second, pendingClaim)), 90);
    const replayed = await rawtx(second, firstTx);
    expect(replayed.status).toBe(400);
    expect(replayed.json).toEqual({ code: 400, message: "tx already exists in cache" });
    expect(await snapshot()).toEqual(before);
  });
});
