import { describe, expect, it } from "vitest";
import { DEFAULT_PARAMS } from "./params.js";
import { relayReward, replayAttackBurn } from "./rewards.js";

describe("relayReward (spec §7.4, no PIP-22)", () => {
  it("mints multiplier × relays and keeps the DAO and proposer allocations", () => {
    expect(relayReward(DEFAULT_PARAMS, "0021", 10n)).toEqual({ coins: 100_000n, fees: 11_000n, nodeReward: 89_000n });
  });
  it("truncates the allocation", () => {
    const params = { ...DEFAULT_PARAMS, relays_to_tokens_multiplier: 7n };
    // 7 × 13 = 91 coins; 91 × 11 / 100 = 10.01 → 10.
    expect(relayReward(params, "0021", 13n)).toEqual({ coins: 91n, fees: 10n, nodeReward: 81n });
  });
  it("uses the chain's multiplier from the map, exactly above 2^53", () => {
    const params = { ...DEFAULT_PARAMS, relays_to_tokens_multiplier_map: { "0021": 3_000_000_000_000n } };
    const reward = relayReward(params, "0021", 1_000_000n);
    expect(reward.coins).toBe(3_000_000_000_000_000_000n);
    expect(reward.fees + reward.nodeReward).toBe(reward.coins);
  });
});

describe("replayAttackBurn", () => {
  it("burns RelaysToTokensMultiplier × total × ReplayAttackBurnMultiplier, at most the stake", () => {
    expect(replayAttackBurn(DEFAULT_PARAMS, 10n, 10n ** 12n)).toBe(300_000n);
    expect(replayAttackBurn(DEFAULT_PARAMS, 10n, 1000n)).toBe(1000n);
  });
});
