/** Claims below MinimumNumberOfProofs are refused: 49 on chain, 11 below ValidateBasic's floor of 5. */
import { describe, expect, it } from "vitest";
import { claimFor, claimTxHex, relayProofs } from "./support/fixtures.js";
import { advanceTo, expectRefused, rawtx, sessionServicers, snapshot, startChain } from "./support/scenario.js";

describe("too few proofs", () => {
  it("refuses 9 proofs (minimum 10) with 49 and 4 proofs with 11, changing nothing", async () => {
    await startChain();
    const [servicer] = await sessionServicers();
    const nine = claimFor(servicer, await relayProofs(servicer, 1, 9));
    const four = claimFor(servicer, await relayProofs(servicer, 1, 4));
    await advanceTo(4);
    const before = await snapshot();
    await expectRefused(await rawtx(servicer, await claimTxHex(servicer, nine)), 49);
    await expectRefused(await rawtx(servicer, await claimTxHex(servicer, four)), 11);
    expect(await snapshot()).toEqual(before);
  });
});
