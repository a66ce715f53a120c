/** The chain lives in the object's SQLite storage: it survives the object being reset (a Worker restart). */
import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DevnetChain } from "../../durable-objects/devnet-chain.js";
import { CHAIN } from "./support/fixtures.js";
import { chainStub, get, ok } from "./support/rpc.js";
import { claimedSession } from "./support/scenario.js";

describe("restart", () => {
  it("keeps height, blocks, claims and balances across a reset of every Durable Object", async () => {
    const { servicer, claim } = await claimedSession(10);
    await ok("/v1/devnet/advance", { blocks: 2 });
    const read = async () => ({
      status: (await get("/v1/devnet/status")).json,
      block: await ok("/v1/query/block", { height: 5 }),
      claims: (await ok("/v1/query/nodeclaims", { address: servicer.address })).result,
      balance: await ok("/v1/query/balance", { address: servicer.address }),
      dispatch: await ok("/v1/client/dispatch", { app_public_key: claim.header.app_public_key, chain: CHAIN }),
    });
    const before = await read();
    expect(before.status.height).toBe(7);
    expect(before.claims).toHaveLength(1);

    await abortAllDurableObjects();
    expect(await read()).toEqual(before);

    // A second instance built over the same storage (what a new isolate does) sees the same chain.
    const fresh = await runInDurableObject(chainStub() as DurableObjectStub<DevnetChain>, async (_instance, state) => {
      const again = new DevnetChain(state, {});
      await state.blockConcurrencyWhile(async () => {});
      return again.height();
    });
    expect(fresh).toEqual({ ok: true, value: { height: 7 } });
    expect((await ok("/v1/devnet/advance", {})).height).toBe(8);
  });
});
