/** A claim is deleted at inclusion height + ClaimExpiration·BPS; a proof after that finds no claim (65). */
import { describe, expect, it } from "vitest";
import { CHAIN, proofFor, proofTxHex } from "./support/fixtures.js";
import { ok } from "./support/rpc.js";
import { advanceTo, claimedSession, expectRefused, proofIndexFromRpc, rawtx, snapshot } from "./support/scenario.js";

describe("expired claim", () => {
  it("disappears at its expiration height, and its proof is refused", async () => {
    // ClaimExpiration 3 sessions: included in block 5, the claim expires at 5 + 3·4 = 17.
    const { servicer, proofs, claim } = await claimedSession(10, { params: { supported_blockchains: [CHAIN], claim_expiration: 3 } });
    const query = { address: servicer.address, app_pubkey: claim.header.app_public_key, blockchain: CHAIN, session_block_height: 1 };
    expect((await ok("/v1/query/nodeclaim", query)).value.expiration_height).toBe("17");
    await advanceTo(16);
    expect((await ok("/v1/query/nodeclaims", { address: servicer.address })).result).toHaveLength(1);
    await advanceTo(17);
    expect((await ok("/v1/query/nodeclaims", { address: servicer.address })).result).toEqual([]);

    const index = await proofIndexFromRpc(claim);
    const before = await snapshot();
    await expectRefused(await rawtx(servicer, await proofTxHex(servicer, proofFor(proofs, index))), 65);
    expect(await snapshot()).toEqual(before);
  });
});
