/** Fees (10000 upokt per claim or proof) must be payable: otherwise sdk code 5, and nothing changes. */
import { describe, expect, it } from "vitest";
import { CHAIN, claimFor, claimTxHex, NODES, proofFor, proofTxHex, relayProofs } from "./support/fixtures.js";
import { ok } from "./support/rpc.js";
import { advanceTo, expectRefused, proofIndexFromRpc, rawtx, sessionServicers, snapshot, startChain, submit } from "./support/scenario.js";

describe("insufficient funds", () => {
  it("refuses a tx whose fee is already promised to a pending tx, and one the balance cannot cover", async () => {
    // Every servicer can pay exactly one fee.
    await startChain({ accounts: NODES.map((k) => ({ address: k.address, balance: "10000" })), params: { supported_blockchains: [CHAIN] } });
    const [servicer] = await sessionServicers();
    const proofs = await relayProofs(servicer, 1, 10);
    const claim = claimFor(servicer, proofs);
    await advanceTo(4);
    await submit(servicer, await claimTxHex(servicer, claim));

    // The pending claim's fee is promised: a second tx cannot be paid for.
    let before = await snapshot();
    const pending = await rawtx(servicer, await proofTxHex(servicer, proofFor(proofs, 0)));
    await expectRefused(pending, 5, "sdk");
    expect(pending.json.raw_log).toContain("can spend 0upokt");
    expect(await snapshot()).toEqual(before);

    // Once the claim is included its fee is paid: the balance is 0 and the proof cannot be sent.
    await ok("/v1/devnet/advance", { blocks: 1 });
    expect(await ok("/v1/query/balance", { address: servicer.address })).toEqual({ balance: 0 });
    await advanceTo(13);
    before = await snapshot();
    const proof = await rawtx(servicer, await proofTxHex(servicer, proofFor(proofs, await proofIndexFromRpc(claim))));
    await expectRefused(proof, 5, "sdk");
    expect(await snapshot()).toEqual(before);
  });
});
