/** A claim for more relays than maxPossibleRelays (app max_relays / chains / SessionNodeCount) is refused with 71. */
import { describe, expect, it } from "vitest";
import { maxPossibleRelays } from "../../shared/morse/max-relays.js";
import { claimFor, claimTxHex, relayProofs, SMALL_APP } from "./support/fixtures.js";
import { advanceTo, expectRefused, rawtx, sessionServicers, snapshot, startChain, submit } from "./support/scenario.js";

describe("over max relays", () => {
  it("refuses 11 relays of an app allowing 10 per servicer, accepts exactly 10", async () => {
    await startChain();
    expect(maxPossibleRelays(50n, 1, 5)).toBe(10n);
    const [servicer, other] = await sessionServicers(SMALL_APP);
    const over = claimFor(servicer, await relayProofs(servicer, 1, 11, SMALL_APP));
    const exact = claimFor(other, await relayProofs(other, 1, 10, SMALL_APP));
    await advanceTo(4);
    const before = await snapshot();
    await expectRefused(await rawtx(servicer, await claimTxHex(servicer, over)), 71);
    expect(await snapshot()).toEqual(before);
    await submit(other, await claimTxHex(other, exact));
  });
});
