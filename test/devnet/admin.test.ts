/**
 * Devnet-only administration: staking, unstaking and jailing apps and nodes, effective in the latest
 * state and visible to queries and dispatch at once.
 */
import { describe, expect, it } from "vitest";
import { addressOf } from "../../shared/chain/actors.js";
import { testKey } from "../../shared/chain/testing.js";
import { APP, CHAIN, NODE_BALANCE, NODE_TOKENS, NODES } from "./support/fixtures.js";
import { ok, post } from "./support/rpc.js";
import { startChain } from "./support/scenario.js";

describe("admin routes", () => {
  it("stakes, jails, unjails and unstakes a node", async () => {
    await startChain();
    const newcomer = testKey("newcomer");
    const staked = await ok("/v1/devnet/stake/node", {
      public_key: newcomer.publicKeyHex,
      chains: [CHAIN],
      service_url: "https://newcomer.example:443",
      tokens: "20000000000",
      output_address: NODES[0].address,
    });
    expect(staked).toMatchObject({ address: newcomer.address, tokens: "20000000000", jailed: false, status: 2, output_address: NODES[0].address });
    expect(await ok("/v1/query/node", { address: newcomer.address })).toEqual(staked);

    expect((await ok("/v1/devnet/jail", { address: newcomer.address })).jailed).toBe(true);
    const jailedOnly = (await ok("/v1/query/nodes", { opts: { jailed_status: 1 } })).result;
    expect(jailedOnly.map((n: { address: string }) => n.address)).toEqual([newcomer.address]);
    expect((await ok("/v1/devnet/unjail", { address: newcomer.address })).jailed).toBe(false);

    // Unstaking is immediate; the stake goes to the output address.
    expect(await ok("/v1/devnet/unstake/node", { address: newcomer.address })).toEqual({
      address: newcomer.address,
      unstaked_tokens: "20000000000",
      credited_to: NODES[0].address,
    });
    expect((await post("/v1/query/node", { address: newcomer.address })).status).toBe(400);
    expect(BigInt((await ok("/v1/query/balance", { address: NODES[0].address })).balance)).toBe(NODE_BALANCE + 20_000_000_000n);
    // History is kept: at height 1 the node was staked (the admin edit applied to height 1).
    expect((await ok("/v1/devnet/advance", {})).height).toBe(2);
    expect((await post("/v1/query/node", { address: newcomer.address, height: 2 })).status).toBe(400);
  });

  it("stakes, edits and unstakes an app", async () => {
    const app = testKey("another app");
    await ok("/v1/devnet/stake/app", { public_key: app.publicKeyHex, chains: [CHAIN], staked_tokens: "5000000", max_relays: "1000" });
    const edited = await ok("/v1/devnet/stake/app", { public_key: app.publicKeyHex, chains: [CHAIN, "0001"], staked_tokens: "6000000", max_relays: "2000" });
    expect(edited).toMatchObject({ chains: [CHAIN, "0001"], max_relays: "2000", staked_tokens: "6000000" });
    const apps = (await ok("/v1/query/apps", { opts: { blockchain: "0001" } })).result;
    expect(apps.map((a: { public_key: string }) => a.public_key)).toEqual([app.publicKeyHex]);
    expect(await ok("/v1/devnet/unstake/app", { address: addressOf(app.publicKeyHex) })).toEqual({ address: addressOf(app.publicKeyHex), unstaked_tokens: "6000000" });
    expect((await post("/v1/query/app", { address: addressOf(app.publicKeyHex) })).status).toBe(400);
    expect((await ok("/v1/query/app", { address: addressOf(APP.publicKeyHex) })).public_key).toBe(APP.publicKeyHex);
    expect((await ok("/v1/query/node", { address: NODES[1].address })).tokens).toBe(NODE_TOKENS.toString());
  });
});
