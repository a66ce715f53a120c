/**
 * Fees: a claim whose fee is below 10000 upokt, in another denomination, or missing is refused with
 * sdk 14 (CodeInsufficientFee), its signature being valid; nothing changes. A fee above the minimum
 * is accepted and charged in full, as cosmos' ante handler charges what the tx names.
 */
import { describe, expect, it } from "vitest";
import { CLAIM_MSG_TYPE } from "../../shared/morse/tx/msgs.js";
import { signTx, unsignedTx } from "../../shared/morse/tx/tx.js";
import { CHAIN_ID, claimFor, relayProofs } from "./support/fixtures.js";
import { ok } from "./support/rpc.js";
import { advanceTo, expectRefused, rawtx, sessionServicers, snapshot, startChain, submit } from "./support/scenario.js";

describe("wrong fee", () => {
  it("refuses low, foreign and missing fees with sdk 14; charges a higher fee in full", async () => {
    await startChain();
    const [servicer] = await sessionServicers();
    const claim = claimFor(servicer, await relayProofs(servicer, 1, 10));
    await advanceTo(4);
    const withFee = async (fee: { denom: string; amount: bigint }[]) =>
      (await signTx({ ...unsignedTx({ type: CLAIM_MSG_TYPE, value: claim }), fee }, CHAIN_ID, servicer)).hex;
    const before = await snapshot();

    await expectRefused(await rawtx(servicer, await withFee([{ denom: "upokt", amount: 9999n }])), 14, "sdk");
    await expectRefused(await rawtx(servicer, await withFee([{ denom: "uatom", amount: 10000n }])), 14, "sdk");
    await expectRefused(await rawtx(servicer, await withFee([])), 14, "sdk");
    expect(await snapshot()).toEqual(before);

    const balance = BigInt((await ok("/v1/query/balance", { address: servicer.address })).balance);
    await submit(servicer, await withFee([{ denom: "upokt", amount: 10001n }]));
    await ok("/v1/devnet/advance", { blocks: 1 });
    expect(BigInt((await ok("/v1/query/balance", { address: servicer.address })).balance)).toBe(balance - 10001n);
  });
});
