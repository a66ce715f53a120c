/**
 * The devnet's chain parameters: the Morse governance parameters a servicer depends on, with the
 * mainnet genesis values of spec §8 as defaults, and their Pocket RPC form (`/v1/query/param`,
 * `/v1/query/allparams`: `<subspace>/<Key>` names, values as strings).
 *
 * Field names are the genesis file's (snake_case, as Morse's own genesis writes them).
 * Parameters are fixed at genesis: the devnet has no governance transactions.
 * @module
 */
import { compareUtf8 } from "../morse/gojson.js";
import { bad, isRecord, ok, readAmount, readChain, readChains, readInteger, unknownKeys, type Parsed } from "./input.js";

/** The parameters the devnet enforces, named as in the genesis file. */
export interface ChainParams {
  /** pos `BlocksPerSession` (`session_block_frequency`). */
  readonly blocks_per_session: number;
  /** pocketcore `SessionNodeCount`. */
  readonly session_node_count: number;
  /** pocketcore `ClaimSubmissionWindow` (`proof_waiting_period`), in sessions. */
  readonly claim_submission_window: number;
  /** pocketcore `ClaimExpiration`, in sessions. */
  readonly claim_expiration: number;
  /** pocketcore `MinimumNumberOfProofs`. */
  readonly minimum_number_of_proofs: number;
  /** pocketcore `ReplayAttackBurnMultiplier`. */
  readonly replay_attack_burn_multiplier: number;
  /** pos `RelaysToTokensMultiplier`, upokt per relay. */
  readonly relays_to_tokens_multiplier: bigint;
  /** pos `RelaysToTokensMultiplierMap`: per-chain overrides of the multiplier. */
  readonly relays_to_tokens_multiplier_map: Readonly<Record<string, bigint>>;
  /** pos `DAOAllocation`, percent of each relay reward. */
  readonly dao_allocation: number;
  /** pos `ProposerPercentage`, percent of each relay reward. */
  readonly proposer_allocation: number;
  /** pocketcore `SupportedBlockchains`. */
  readonly supported_blockchains: readonly string[];
  /** pos and application `MaximumChains`. */
  readonly maximum_chains: number;
  /** Node config `client_block_sync_allowance` (not a chain parameter in Morse; served by the devnet for convenience). */
  readonly client_block_sync_allowance: number;
  /** Node config `client_session_sync_allowance` (likewise). */
  readonly client_session_sync_allowance: number;
}

/** Mainnet genesis values (PC `app/genesis.go`) and pocket-core's node config defaults, spec §8. */
export const DEFAULT_PARAMS: ChainParams = {
  blocks_per_session: 4,
  session_node_count: 5,
  claim_submission_window: 3,
  claim_expiration: 120,
  minimum_number_of_proofs: 10,
  replay_attack_burn_multiplier: 3,
  relays_to_tokens_multiplier: 10000n,
  relays_to_tokens_multiplier_map: {},
  dao_allocation: 10,
  proposer_allocation: 1,
  supported_blockchains: ["0001", "0021"],
  maximum_chains: 15,
  client_block_sync_allowance: 10,
  client_session_sync_allowance: 0,
};

const SMALL = 1_000_000; // bound for counts and windows: keeps height arithmetic far inside 2^53

/** Integer parameters: name, minimum, maximum. */
const INTEGER_PARAMS: ReadonlyArray<readonly [keyof ChainParams, number, number]> = [
  ["blocks_per_session", 1, SMALL],
  ["session_node_count", 1, 1000],
  ["claim_submission_window", 1, SMALL],
  ["claim_expiration", 1, SMALL],
  // Below 5 the Merkle tree has fewer than 3 levels, which MsgProof.ValidateBasic refuses.
  ["minimum_number_of_proofs", 5, SMALL],
  ["replay_attack_burn_multiplier", 0, SMALL],
  ["dao_allocation", 0, 100],
  ["proposer_allocation", 0, 100],
  ["maximum_chains", 1, 1000],
  ["client_block_sync_allowance", 0, SMALL],
  ["client_session_sync_allowance", 0, SMALL],
];

const KNOWN = [...INTEGER_PARAMS.map(([name]) => name), "relays_to_tokens_multiplier", "relays_to_tokens_multiplier_map", "supported_blockchains"];

/** Reads a genesis `params` object; missing parameters take their {@link DEFAULT_PARAMS} value. */
export function parseParams(value: unknown): Parsed<ChainParams> {
  if (value === undefined) return ok(DEFAULT_PARAMS);
  if (!isRecord(value)) return bad("params must be an object");
  const unknown = unknownKeys(value, KNOWN);
  if (unknown.length > 0) return bad(`params has unknown fields: ${unknown.join(", ")} (known: ${KNOWN.join(", ")})`);
  const out: Record<string, unknown> = { ...DEFAULT_PARAMS };
  for (const [name, min, max] of INTEGER_PARAMS) {
    if (value[name] === undefined) continue;
    const n = readInteger(value[name], `params.${name}`, min, max);
    if (!n.ok) return n;
    out[name] = n.value;
  }
  if (value.relays_to_tokens_multiplier !== undefined) {
    const m = readAmount(value.relays_to_tokens_multiplier, "params.relays_to_tokens_multiplier");
    if (!m.ok) return m;
    out.relays_to_tokens_multiplier = m.value;
  }
  if (value.relays_to_tokens_multiplier_map !== undefined) {
    const map = value.relays_to_tokens_multiplier_map;
    if (!isRecord(map)) return bad("params.relays_to_tokens_multiplier_map must be an object of chain id → multiplier");
    const parsed: Record<string, bigint> = {};
    for (const [chain, multiplier] of Object.entries(map)) {
      const c = readChain(chain, `params.relays_to_tokens_multiplier_map key ${JSON.stringify(chain)}`);
      if (!c.ok) return c;
      const m = readAmount(multiplier, `params.relays_to_tokens_multiplier_map.${chain}`);
      if (!m.ok) return m;
      parsed[chain] = m.value;
    }
    out.relays_to_tokens_multiplier_map = parsed;
  }
  if (value.supported_blockchains !== undefined) {
    const chains = readChains(value.supported_blockchains, "params.supported_blockchains", 10_000);
    if (!chains.ok) return chains;
    out.supported_blockchains = chains.value;
  }
  const params = out as unknown as ChainParams;
  if (params.dao_allocation + params.proposer_allocation > 100) {
    return bad("params.dao_allocation + params.proposer_allocation must not exceed 100 (percent)");
  }
  return ok(params);
}

/** The genesis-file form of `params` (bigints as decimal strings), for hashing and `/v1/devnet/status`. */
export function paramsToJSON(params: ChainParams): Record<string, number | string | string[] | Record<string, string>> {
  return {
    ...params,
    relays_to_tokens_multiplier: params.relays_to_tokens_multiplier.toString(),
    relays_to_tokens_multiplier_map: multiplierMapJSON(params),
    supported_blockchains: [...params.supported_blockchains],
  };
}

function multiplierMapJSON(params: ChainParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const chain of Object.keys(params.relays_to_tokens_multiplier_map).sort(compareUtf8)) {
    out[chain] = params.relays_to_tokens_multiplier_map[chain].toString();
  }
  return out;
}

/**
 * The multiplier for relays of `chain` (PC after PerChainRTTM): the map's entry if present,
 * else the global `RelaysToTokensMultiplier`.
 */
export function relaysToTokensMultiplier(params: ChainParams, chain: string): bigint {
  return Object.hasOwn(params.relays_to_tokens_multiplier_map, chain)
    ? params.relays_to_tokens_multiplier_map[chain]
    : params.relays_to_tokens_multiplier;
}

/** One `{"param_key","param_value"}` entry of the Pocket RPC. */
export interface ParamEntry {
  readonly param_key: string;
  readonly param_value: string;
}

/** `/v1/query/allparams` sections, each a list of entries in Morse's `<subspace>/<Key>` naming. */
export function allParams(params: ChainParams): Record<"app_params" | "node_params" | "pocket_params" | "gov_params" | "auth_params", ParamEntry[]> {
  const entry = (param_key: string, param_value: string | number | bigint): ParamEntry => ({ param_key, param_value: String(param_value) });
  return {
    app_params: [entry("application/MaximumChains", params.maximum_chains)],
    node_params: [
      entry("pos/BlocksPerSession", params.blocks_per_session),
      entry("pos/DAOAllocation", params.dao_allocation),
      entry("pos/MaximumChains", params.maximum_chains),
      entry("pos/ProposerPercentage", params.proposer_allocation),
      entry("pos/RelaysToTokensMultiplier", params.relays_to_tokens_multiplier),
      entry("pos/RelaysToTokensMultiplierMap", JSON.stringify(multiplierMapJSON(params))),
    ],
    pocket_params: [
      entry("pocketcore/ClaimExpiration", params.claim_expiration),
      entry("pocketcore/ClaimSubmissionWindow", params.claim_submission_window),
      entry("pocketcore/MinimumNumberOfProofs", params.minimum_number_of_proofs),
      entry("pocketcore/ReplayAttackBurnMultiplier", params.replay_attack_burn_multiplier),
      entry("pocketcore/SessionNodeCount", params.session_node_count),
      entry("pocketcore/SupportedBlockchains", JSON.stringify(params.supported_blockchains)),
    ],
    gov_params: [],
    auth_params: [],
  };
}

/**
 * The value of one parameter for `/v1/query/param`, or `undefined` for an unknown key. Besides the
 * Morse keys, `devnet/ClientBlockSyncAllowance` and `devnet/ClientSessionSyncAllowance` expose the
 * node-config values of the genesis file, so a servicer can read its whole configuration here.
 */
export function paramValue(params: ChainParams, key: string): string | undefined {
  if (key === "devnet/ClientBlockSyncAllowance") return String(params.client_block_sync_allowance);
  if (key === "devnet/ClientSessionSyncAllowance") return String(params.client_session_sync_allowance);
  for (const section of Object.values(allParams(params))) {
    const found = section.find((e) => e.param_key === key);
    if (found) return found.param_value;
  }
  return undefined;
}
