/** A staked servicer that the session walk did not select cannot claim for the session (code 14). */
import { describe, expect, it } from "vitest";
import { claimFor, claimTxHex, relayProofs } from "./support/fixtures.js";
import { advanceTo, expectRefused, rawtx, servicerOutsideSession, snapshot, startChain } from "./support/scenario.js";

describe("servicer not in the session", () => {
  it("is refused with 14 even with well-signed relays", async () => {
    await startChain();
    const outsider = await servicerOutsideSession();
    const claim = claimFor(outsider, await relayProofs(outsider, 1, 10));
    await advanceTo(4);
    const before = await snapshot();
    await expectRefused(await rawtx(outsider, await claimTxHex(outsider, claim)), 14);
    expect(await snapshot()).toEqual(before);
  });
});
