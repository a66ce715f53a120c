import { describe, expect, it } from "vitest";
import { allParams, DEFAULT_PARAMS, paramValue, parseParams, relaysToTokensMultiplier } from "./params.js";

describe("parseParams", () => {
  it("defaults to the mainnet genesis values of spec §8", () => {
    const parsed = parseParams(undefined);
    expect(parsed).toEqual({ ok: true, value: DEFAULT_PARAMS });
    expect(DEFAULT_PARAMS).toMatchObject({
      blocks_per_session: 4,
      session_node_count: 5,
      claim_submission_window: 3,
      claim_expiration: 120,
      minimum_number_of_proofs: 10,
      replay_attack_burn_multiplier: 3,
      relays_to_tokens_multiplier: 10000n,
      dao_allocation: 10,
      proposer_allocation: 1,
      maximum_chains: 15,
      client_block_sync_allowance: 10,
      client_session_sync_allowance: 0,
    });
  });

  it("overrides only what is given, amounts as strings or safe numbers", () => {
    const parsed = parseParams({ blocks_per_session: 2, relays_to_tokens_multiplier: 5, relays_to_tokens_multiplier_map: { "0021": "12000" } });
    expect(parsed.ok && parsed.value).toMatchObject({ blocks_per_session: 2, session_node_count: 5, relays_to_tokens_multiplier: 5n, relays_to_tokens_multiplier_map: { "0021": 12000n } });
  });

  it("refuses unknown names, out-of-range values and allocations above 100%", () => {
    expect(parseParams({ blocks_per_sesion: 4 })).toMatchObject({ ok: false, error: expect.stringContaining("unknown fields: blocks_per_sesion") });
    expect(parseParams({ blocks_per_session: 0 })).toMatchObject({ ok: false, error: expect.stringContaining("params.blocks_per_session") });
    expect(parseParams({ minimum_number_of_proofs: 4 })).toMatchObject({ ok: false });
    expect(parseParams({ session_node_count: 2.5 })).toMatchObject({ ok: false });
    expect(parseParams({ dao_allocation: 90, proposer_allocation: 11 })).toMatchObject({ ok: false, error: expect.stringContaining("100") });
    expect(parseParams({ supported_blockchains: ["zz"] })).toMatchObject({ ok: false });
    expect(parseParams({ relays_to_tokens_multiplier_map: { "12345678aa": "1" } })).toMatchObject({ ok: false });
  });
});

describe("Pocket RPC form", () => {
  it("lists Morse's <subspace>/<Key> names with string values", () => {
    const all = allParams(DEFAULT_PARAMS);
    expect(all.pocket_params).toContainEqual({ param_key: "pocketcore/SessionNodeCount", param_value: "5" });
    expect(all.node_params).toContainEqual({ param_key: "pos/ProposerPercentage", param_value: "1" });
    expect(all.node_params).toContainEqual({ param_key: "pos/RelaysToTokensMultiplierMap", param_value: "{}" });
    expect(paramValue(DEFAULT_PARAMS, "pocketcore/SupportedBlockchains")).toBe('["0001","0021"]');
    expect(paramValue(DEFAULT_PARAMS, "application/MaximumChains")).toBe("15");
    expect(paramValue(DEFAULT_PARAMS, "devnet/ClientBlockSyncAllowance")).toBe("10");
    expect(paramValue(DEFAULT_PARAMS, "pos/Nope")).toBeUndefined();
  });

  it("takes the per-chain multiplier when the map has the chain", () => {
    const params = { ...DEFAULT_PARAMS, relays_to_tokens_multiplier_map: { "0021": 12000n } };
    expect(relaysToTokensMultiplier(params, "0021")).toBe(12000n);
    expect(relaysToTokensMultiplier(params, "0001")).toBe(10000n);
  });
});
