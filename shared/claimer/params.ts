/**
 * The chain parameters the claimer depends on (spec §7.2, §7.4), read from `/v1/query/allparams` at
 * the session height: the session length, the claim window and expiry, the minimum claim, the
 * supported chains and what a proven relay pays.
 * @module
 */
import { bad, ok, type Parsed } from "../chain/input.js";
import { DEFAULT_PARAMS, type ChainParams } from "../chain/params.js";

export interface ClaimerParams {
  /** pos `BlocksPerSession`. */
  readonly blocksPerSession: number;
  /** pocketcore `ClaimSubmissionWindow`, in sessions. */
  readonly claimSubmissionWindow: number;
  /** pocketcore `ClaimExpiration`, in sessions. */
  readonly claimExpiration: number;
  /** pocketcore `MinimumNumberOfProofs`. */
  readonly minimumProofs: number;
  /** pocketcore `SupportedBlockchains`; `undefined` when the chain does not list it (nothing is refused for it). */
  readonly supportedChains: readonly string[] | undefined;
  /** The reward parameters, in the form `relayReward` (`shared/chain/rewards.ts`) takes. */
  readonly reward: ChainParams;
}

const POSITIVE = /^[1-9][0-9]{0,8}$/;
const NATURAL = /^(0|[1-9][0-9]{0,39})$/;

/**
 * Reads the claimer's parameters from allparams' `"<subspace>/<Key>" → value` map.
 * @example claimerParams(new Map([["pos/BlocksPerSession", "4"], …])) // { ok: true, value: { blocksPerSession: 4, … } }
 */
export function claimerParams(all: ReadonlyMap<string, string>): Parsed<ClaimerParams> {
  const positive = (key: string): number | string => {
    const raw = all.get(key);
    return raw !== undefined && POSITIVE.test(raw) ? Number(raw) : `${key} must be a positive integer, got ${JSON.stringify(raw)}`;
  };
  const blocksPerSession = positive("pos/BlocksPerSession");
  const claimSubmissionWindow = positive("pocketcore/ClaimSubmissionWindow");
  const claimExpiration = positive("pocketcore/ClaimExpiration");
  const minimumProofs = positive("pocketcore/MinimumNumberOfProofs");
  for (const value of [blocksPerSession, claimSubmissionWindow, claimExpiration, minimumProofs]) if (typeof value === "string") return bad(value);

  let supportedChains: string[] | undefined;
  const supported = all.get("pocketcore/SupportedBlockchains");
  if (supported !== undefined) {
    const list = parseJSON(supported);
    if (!Array.isArray(list) || !list.every((c) => typeof c === "string")) return bad("pocketcore/SupportedBlockchains must be a JSON list of chain ids");
    supportedChains = list;
  }

  const multiplier = all.get("pos/RelaysToTokensMultiplier");
  if (multiplier === undefined || !NATURAL.test(multiplier)) return bad(`pos/RelaysToTokensMultiplier must be a non-negative integer, got ${JSON.stringify(multiplier)}`);
  const map: Record<string, bigint> = {};
  const rawMap = all.get("pos/RelaysToTokensMultiplierMap");
  if (rawMap !== undefined && rawMap !== "") {
    const parsed = parseJSON(rawMap);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return bad("pos/RelaysToTokensMultiplierMap must be a JSON object");
    for (const [chain, value] of Object.entries(parsed)) {
      if (!NATURAL.test(String(value))) return bad(`pos/RelaysToTokensMultiplierMap.${chain} must be a non-negative integer`);
      map[chain] = BigInt(String(value));
    }
  }
  const percent = (key: string): number | string => {
    const raw = all.get(key) ?? "";
    return /^[0-9]{1,3}$/.test(raw) && Number(raw) <= 100 ? Number(raw) : `${key} must be a percentage, got ${JSON.stringify(all.get(key))}`;
  };
  const dao = percent("pos/DAOAllocation");
  const proposer = percent("pos/ProposerPercentage");
  if (typeof dao === "string") return bad(dao);
  if (typeof proposer === "string") return bad(proposer);

  return ok({
    blocksPerSession: blocksPerSession as number,
    claimSubmissionWindow: claimSubmissionWindow as number,
    claimExpiration: claimExpiration as number,
    minimumProofs: minimumProofs as number,
    supportedChains,
    // Only the reward fields are read from `reward`; the rest keep their defaults.
    reward: { ...DEFAULT_PARAMS, relays_to_tokens_multiplier: BigInt(multiplier), relays_to_tokens_multiplier_map: map, dao_allocation: dao, proposer_allocation: proposer },
  });
}

/** `JSON.parse`, with `undefined` for text that is not JSON. */
export function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
