/**
 * Named networks: `/net/<name>/v1/…` is a separate chain with its own genesis and blocks, so tests
 * and demos can share one devnet process; the default network (`/v1/…`) is untouched by them.
 */
import { describe, expect, it } from "vitest";
import { APP, CHAIN, testGenesis } from "./support/fixtures.js";
import { get, ok, post } from "./support/rpc.js";

describe("named networks", () => {
  it("keeps each network's genesis and height apart from the others and from the default one", async () => {
    await ok("/net/alpha/v1/devnet/genesis", testGenesis());
    await ok("/net/beta/v1/devnet/genesis", testGenesis({ chain_id: "beta-chain" }));
    await ok("/net/alpha/v1/devnet/advance", { blocks: 3 });

    expect((await ok("/net/alpha/v1/query/height")).height).toBe(4);
    expect((await ok("/net/beta/v1/query/height")).height).toBe(1);
    expect((await post("/v1/query/height")).status).toBe(503);
    expect((await get("/net/alpha/v1")).json).toMatch(/devnet/);

    const dispatch = await ok("/net/alpha/v1/client/dispatch", { app_public_key: APP.publicKeyHex, chain: CHAIN });
    expect(dispatch.block_height).toBe(4);
    expect((await ok("/net/beta/v1/devnet/genesis", testGenesis({ chain_id: "beta-chain" }))).created).toBe(false);
  });

  it("refuses a malformed network name with 400", async () => {
    for (const name of ["UPPER", "-dash", "a_b", "x".repeat(64)]) {
      const answer = await post(`/net/${name}/v1/query/height`);
      expect(answer.status, name).toBe(400);
      expect(answer.json.message).toContain("bad network name");
    }
  });
});
