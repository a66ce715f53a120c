/** A proof for a session the servicer never claimed is refused with 65 (claim not found). */
import { describe, expect, it } from "vitest";
import { proofFor, proofTxHex, relayProofs } from "./support/fixtures.js";
import { advanceTo, expectRefused, rawtx, sessionServicers, snapshot, startChain } from "./support/scenario.js";

describe("proof without a claim", () => {
  it("is refused with 65", async () => {
    await startChain();
    const [servicer] = await sessionServicers();
    const proofs = await relayProofs(servicer, 1, 10);
    await advanceTo(13);
    const before = await snapshot();
    await expectRefused(await rawtx(servicer, await proofTxHex(servicer, proofFor(proofs, 0))), 65);
    expect(await snapshot()).toEqual(before);
  });
});
