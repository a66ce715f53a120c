import { describe, expect, it } from "vitest";
import { allParams, DEFAULT_PARAMS } from "../chain/params.js";
import { claimerParams } from "./params.js";

const asMap = (params = DEFAULT_PARAMS) => new Map(Object.values(allParams(params)).flat().map((e) => [e.param_key, e.param_value] as const));

describe("claimerParams", () => {
  it("reads what the devnet's allparams answers", () => {
    const parsed = claimerParams(asMap({ ...DEFAULT_PARAMS, relays_to_tokens_multiplier_map: { "0021": 7n } }));
    expect(parsed).toMatchObject({
      ok: true,
      value: { blocksPerSession: 4, claimSubmissionWindow: 3, claimExpiration: 120, minimumProofs: 10, supportedChains: ["0001", "0021"] },
    });
    if (!parsed.ok) return;
    expect(parsed.value.reward).toMatchObject({ relays_to_tokens_multiplier: 10000n, relays_to_tokens_multiplier_map: { "0021": 7n }, dao_allocation: 10, proposer_allocation: 1 });
  });

  it("treats a missing SupportedBlockchains as no restriction and refuses missing or bad numbers", () => {
    const map = asMap();
    map.delete("pocketcore/SupportedBlockchains");
    expect(claimerParams(map)).toMatchObject({ ok: true, value: { supportedChains: undefined } });
    for (const [key, value] of [["pos/BlocksPerSession", "0"], ["pocketcore/ClaimSubmissionWindow", "x"], ["pos/DAOAllocation", "101"], ["pos/RelaysToTokensMultiplier", "-1"], ["pocketcore/SupportedBlockchains", "{"]]) {
      const bad = asMap();
      bad.set(key, value);
      expect(claimerParams(bad), key).toMatchObject({ ok: false, error: expect.stringContaining(key) });
    }
    const missing = asMap();
    missing.delete("pocketcore/MinimumNumberOfProofs");
    expect(claimerParams(missing)).toMatchObject({ ok: false });
  });
});
