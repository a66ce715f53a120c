/** A valid branch for a leaf other than the pseudorandom one is refused with 49; the claim stays. */
import { describe, expect, it } from "vitest";
import { proofFor, proofTxHex } from "./support/fixtures.js";
import { advanceTo, claimedSession, expectRefused, proofIndexFromRpc, rawtx, snapshot } from "./support/scenario.js";

describe("wrong proof index", () => {
  it("refuses the proof of a neighbouring leaf", async () => {
    const { servicer, proofs, claim } = await claimedSession(12);
    await advanceTo(13);
    const index = await proofIndexFromRpc(claim);
    const wrong = proofFor(proofs, (index + 1) % proofs.length);
    const before = await snapshot();
    await expectRefused(await rawtx(servicer, await proofTxHex(servicer, wrong)), 49);
    expect(await snapshot()).toEqual(before);
  });
});
