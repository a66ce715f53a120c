/**
 * A branch that does not verify against the claimed root is refused with 66 (InvalidMerkleVerify):
 * a sibling whose range no longer touches the target's, or a target hash that is not the leaf's.
 * (A wrong sibling *hash* is flagged by Go's `Validate` as a replay attack, 86; see replay-burn.)
 */
import { describe, expect, it } from "vitest";
import type { MsgProof } from "../../shared/morse/tx/msgs.js";
import { proofFor, proofTxHex } from "./support/fixtures.js";
import { advanceTo, claimedSession, expectRefused, proofIndexFromRpc, rawtx, snapshot } from "./support/scenario.js";

describe("tampered branch", () => {
  it("refuses a moved sibling range and a swapped target hash, changing nothing", async () => {
    const { servicer, proofs, claim } = await claimedSession(12);
    await advanceTo(13);
    const index = await proofIndexFromRpc(claim);
    const honest = proofFor(proofs, index);
    const [sibling, ...rest] = honest.merkle_proofs.hashRanges;
    // The sibling must touch the target: on the right (even index) at its lower bound, on the left at its upper.
    const moved = index % 2 === 0 ? { ...sibling, lower: sibling.lower + 1n } : { ...sibling, upper: sibling.upper - 1n };
    const movedSibling: MsgProof = { ...honest, merkle_proofs: { ...honest.merkle_proofs, hashRanges: [moved, ...rest] } };
    const otherHash = honest.merkle_proofs.targetRange.hash.slice();
    otherHash[0] ^= 1;
    const swappedTarget: MsgProof = { ...honest, merkle_proofs: { ...honest.merkle_proofs, targetRange: { ...honest.merkle_proofs.targetRange, hash: otherHash } } };

    const before = await snapshot();
    await expectRefused(await rawtx(servicer, await proofTxHex(servicer, movedSibling)), 66);
    await expectRefused(await rawtx(servicer, await proofTxHex(servicer, swappedTarget)), 66);
    expect(await snapshot()).toEqual(before);
  });
});
