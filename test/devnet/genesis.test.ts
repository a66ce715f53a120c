/**
 * Loading the genesis: Pocket routes refuse to answer before it, the same genesis loads twice
 * (idempotent), a different one is refused with 409, an invalid one with 400; afterwards the chain is
 * at height 1 with the genesis state.
 */
import { describe, expect, it } from "vitest";
import { addressOf } from "../../shared/chain/actors.js";
import { genesisHash, parseGenesis } from "../../shared/chain/genesis.js";
import { APP, CHAIN, CHAIN_ID, NODE_BALANCE, NODES, testGenesis } from "./support/fixtures.js";
import { get, ok, post } from "./support/rpc.js";

describe("genesis", () => {
  it("answers a clear 503 on Pocket routes while the devnet has no genesis", async () => {
    for (const path of ["/v1/query/height", "/v1/query/block", "/v1/client/dispatch", "/v1/query/nodes"]) {
      const answer = await post(path, path.endsWith("dispatch") ? { app_public_key: APP.publicKeyHex, chain: CHAIN } : {});
      expect(answer.status, path).toBe(503);
      expect(answer.json.code).toBe(503);
      expect(answer.json.message).toContain("no genesis");
    }
    expect((await get("/v1/devnet/status")).json.initialised).toBe(false);
  });

  it("refuses an invalid genesis with 400 and a message naming the field, leaving the devnet empty", async () => {
    const badKey = await post("/v1/devnet/genesis", testGenesis({ apps: [{ public_key: "zz", chains: [CHAIN], staked_tokens: "1", max_relays: "1" }] }));
    expect(badKey.status).toBe(400);
    expect(badKey.json.message).toContain("apps[0].public_key");
    const typo = await post("/v1/devnet/genesis", testGenesis({ block_time: 5 }));
    expect(typo.status).toBe(400);
    expect(typo.json.message).toContain("unknown fields: block_time");
    expect((await get("/v1/devnet/status")).json.initialised).toBe(false);
  });

  it("loads a genesis, and loading the same one again is a no-op", async () => {
    const expectedHash = genesisHash((parseGenesis(testGenesis()) as { ok: true; value: never }).value);
    const first = await ok("/v1/devnet/genesis", testGenesis());
    expect(first).toEqual({ created: true, chain_id: CHAIN_ID, genesis_hash: expectedHash, height: 1 });
    // Same chain, other formatting and explicit defaults: same genesis hash.
    const again = await ok("/v1/devnet/genesis", JSON.stringify(testGenesis({ block_time_ms: 0 }), null, 2));
    expect(again).toEqual({ ...first, created: false });
  });

  it("refuses a different genesis on an initialised chain with 409", async () => {
    const other = await post("/v1/devnet/genesis", testGenesis({ chain_id: "another-chain" }));
    expect(other.status).toBe(409);
    expect(other.json.code).toBe(409);
    expect(other.json.message).toContain("already runs genesis");
    expect((await get("/v1/devnet/status")).json.chain_id).toBe(CHAIN_ID);
  });

  it("serves the genesis state at height 1", async () => {
    expect(await ok("/v1/query/height")).toEqual({ height: 1 });
    const nodes = (await ok("/v1/query/nodes", { height: 0, opts: { staking_status: 2, blockchain: CHAIN, page: 1, per_page: 100 } })).result;
    expect(nodes.map((n: { address: string }) => n.address)).toEqual(NODES.map((k) => k.address).sort());
    const app = await ok("/v1/query/app", { address: addressOf(APP.publicKeyHex), height: 1 });
    expect(app).toMatchObject({ public_key: APP.publicKeyHex, chains: [CHAIN], max_relays: "100000", staked_tokens: "100000000000", status: 2, jailed: false });
    expect(await ok("/v1/query/balance", { address: NODES[0].address })).toEqual({ balance: Number(NODE_BALANCE) });
    const canonical = (await get("/v1/devnet/genesis")).json;
    expect(canonical.params.claim_expiration).toBe(120);
  });
});
