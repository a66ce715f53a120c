/** The shapes of the parameter, list and claim queries (spec §1.6). */
import { describe, expect, it } from "vitest";
import { CHAIN, NODES } from "./support/fixtures.js";
import { ok, post } from "./support/rpc.js";
import { claimedSession } from "./support/scenario.js";

describe("queries", () => {
  it("answers params, pages and claims in Morse's shapes", async () => {
    const { servicer, claim } = await claimedSession(10);
    expect(await ok("/v1/query/param", { height: 0, key: "pos/BlocksPerSession" })).toEqual({ param_key: "pos/BlocksPerSession", param_value: "4" });
    expect((await ok("/v1/query/param", { key: "pocketcore/SupportedBlockchains" })).param_value).toBe('["0001","0021"]');
    expect((await ok("/v1/query/param", { key: "devnet/ClientSessionSyncAllowance" })).param_value).toBe("0");
    const all = await ok("/v1/query/allparams", { height: 0 });
    expect(Object.keys(all)).toEqual(["app_params", "auth_params", "gov_params", "node_params", "pocket_params"]);
    expect(all.pocket_params).toContainEqual({ param_key: "pocketcore/ClaimSubmissionWindow", param_value: "3" });
    expect(all.node_params).toContainEqual({ param_key: "pos/RelaysToTokensMultiplier", param_value: "10000" });

    const page2 = await ok("/v1/query/nodes", { opts: { page: 2, per_page: 3 } });
    expect(page2.page).toBe(2);
    expect(page2.total_pages).toBe(3);
    expect(page2.result.map((n: { address: string }) => n.address)).toEqual(NODES.map((k) => k.address).sort().slice(3, 6));
    expect((await ok("/v1/query/nodes", { opts: { staking_status: 1 } })).result).toEqual([]);

    const claims = await ok("/v1/query/nodeclaims", { address: servicer.address, height: 0, page: 1, per_page: 10 });
    expect(claims.result).toHaveLength(1);
    expect(claims.result[0]).toEqual({
      header: { app_public_key: claim.header.app_public_key, chain: CHAIN, session_height: "1" },
      merkle_root: { merkleHash: expect.any(String), range: { lower: "0", upper: claim.merkle_root.upper.toString() } },
      total_proofs: "10",
      from_address: servicer.address,
      evidence_type: "1",
      expiration_height: "485",
    });
    const missing = await post("/v1/query/nodeclaim", { address: servicer.address, app_pubkey: claim.header.app_public_key, blockchain: CHAIN, session_block_height: 5 });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain("no claim found");
  });
});
