/** A claim once its session's claim window has closed (the proof block is known) is refused with 69. */
import { describe, expect, it } from "vitest";
import { claimFor, claimTxHex, relayProofs } from "./support/fixtures.js";
import { advanceTo, expectRefused, rawtx, sessionServicers, snapshot, startChain, submit } from "./support/scenario.js";

describe("late claim", () => {
  it("is refused after sbh + ClaimSubmissionWindow·BPS, accepted at the last height of the window", async () => {
    await startChain();
    const [first, second] = await sessionServicers();
    const lateClaim = claimFor(first, await relayProofs(first, 1, 10));
    const lastMomentClaim = claimFor(second, await relayProofs(second, 1, 10));
    // The window of session 1 closes at 1 + 3·4 = 13: a claim may be in block 13, not in block 14.
    await advanceTo(12);
    await submit(second, await claimTxHex(second, lastMomentClaim));
    await advanceTo(13);
    const before = await snapshot();
    const answer = await rawtx(first, await claimTxHex(first, lateClaim));
    await expectRefused(answer, 69);
    expect(await snapshot()).toEqual(before);
  });
});
