/**
 * A proof before the block that picks its leaf exists (`sbh + ClaimSubmissionWindow·BPS`) is refused
 * as pocket-core refuses it (`sdk` code 1 from GetPrevBlockHash), with a message naming the height.
 */
import { describe, expect, it } from "vitest";
import { proofFor, proofTxHex } from "./support/fixtures.js";
import { advanceTo, claimedSession, expectRefused, rawtx, snapshot } from "./support/scenario.js";

describe("early proof", () => {
  it("is refused while the claim is still in its waiting period", async () => {
    const { servicer, proofs } = await claimedSession(10);
    await advanceTo(8);
    const before = await snapshot();
    const answer = await rawtx(servicer, await proofTxHex(servicer, proofFor(proofs, 0)));
    await expectRefused(answer, 1, "sdk");
    expect(answer.json.raw_log).toContain("from height 13");
    expect(await snapshot()).toEqual(before);
  });
});
