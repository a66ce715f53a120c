/**
 * Relay economics of a proven claim and of a replay attack (spec §7.3–7.4, PC
 * `x/nodes/keeper/reward.go`, `slash.go`), without PIP-22 stake weighting. All amounts are upokt
 * bigints: rewards and burns exceed 2^53 on real stakes and must never round.
 * @module
 */
import { relaysToTokensMultiplier, type ChainParams } from "./params.js";

/** How a proven claim's reward splits. */
export interface RelayReward {
  /** `multiplier(chain) × relays`, everything minted for the claim. */
  readonly coins: bigint;
  /** `trunc(coins × (DAOAllocation + ProposerAllocation) / 100)`, the fee collector's share. */
  readonly fees: bigint;
  /** `coins − fees`, minted to the node's output address (or the node itself). */
  readonly nodeReward: bigint;
}

/**
 * PC `RewardForRelays` + `NodeReward`: the coins minted for `relays` proven relays of `chain`.
 * @example relayReward(DEFAULT_PARAMS, "0021", 10n) // { coins: 100000n, fees: 11000n, nodeReward: 89000n }
 */
export function relayReward(params: ChainParams, chain: string, relays: bigint): RelayReward {
  const coins = relaysToTokensMultiplier(params, chain) * relays;
  // bigint division truncates, like sdk.Dec's TruncateInt on a non-negative value.
  const fees = (coins * BigInt(params.dao_allocation + params.proposer_allocation)) / 100n;
  return { coins, fees, nodeReward: coins - fees };
}

/**
 * Tokens burned from a node's stake for a replay attack: PC `HandleReplayAttack` passes
 * `total_proofs × ReplayAttackBurnMultiplier` challenges to `BurnForChallenge`, which multiplies them by
 * the global `RelaysToTokensMultiplier` and burns at most the whole stake (`simpleSlash`).
 */
export function replayAttackBurn(params: ChainParams, totalProofs: bigint, stakedTokens: bigint): bigint {
  const burn = params.relays_to_tokens_multiplier * totalProofs * BigInt(params.replay_attack_burn_multiplier);
  return burn < stakedTokens ? burn : stakedTokens;
}
