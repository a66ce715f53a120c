/** A claim for a session that has not ended is refused with code 60, and nothing changes. */
import { describe, expect, it } from "vitest";
import { claimFor, claimTxHex, relayProofs } from "./support/fixtures.js";
import { advanceTo, expectRefused, rawtx, sessionServicers, snapshot, startChain } from "./support/scenario.js";

describe("early claim", () => {
  it("is refused until the session's last block is committed", async () => {
    await startChain();
    const [servicer] = await sessionServicers();
    const claim = claimFor(servicer, await relayProofs(servicer, 1, 10));
    // Session 1 covers blocks 1–4: at height 3 the claim would land in block 4, inside the session.
    await advanceTo(3);
    const before = await snapshot();
    const answer = await rawtx(servicer, await claimTxHex(servicer, claim));
    await expectRefused(answer, 60);
    expect(answer.json.raw_log).toContain("can be included from height 5");
    expect(await snapshot()).toEqual(before);
  });
});
