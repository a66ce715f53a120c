/**
 * Sessions, part 2 (spec §4.3): which servicers serve a session (PC `NewSessionNodes`).
 *
 * The walk draws `index = BigEndianUint64(key[0:8]) mod total` and re-hashes the key with SHA3-256
 * at every step. Two Go details shape the result and are copied here:
 * - every drawn address is remembered *before* its eligibility is checked, so an ineligible node is
 *   never reconsidered, and the walk fails with code 17 once every candidate has been drawn;
 * - candidates come from the session-start state, while eligibility (jailed, chains, max chains)
 *   is read from the current (or session-end) state.
 * @module
 */
import { hexToBytes, readU64BE } from "../primitives/bytes.js";
import { morseError } from "./errors.js";
import { sha3 } from "./hash.js";
import type { MorseFailure } from "./session.js";

/** One step of the pseudorandom walk: the key that was read and the index it selects. */
export interface WalkStep {
  readonly key: Uint8Array;
  readonly index: number;
}

/**
 * The infinite sequence of draws from `sessionKey` over `total` candidates
 * (PC `PseudorandomSelection` + `Hash(sessionKey)`). Step 0 reads the session key itself.
 */
export function* sessionNodeWalk(sessionKey: Uint8Array, total: number): Generator<WalkStep, never> {
  if (sessionKey.length < 8) throw new RangeError("session key shorter than 8 bytes");
  if (!Number.isSafeInteger(total) || total < 1) throw new RangeError(`bad candidate count: ${total}`);
  let key = sessionKey;
  const modulus = BigInt(total);
  for (;;) {
    yield { key, index: Number(readU64BE(key) % modulus) };
    key = sha3(key);
  }
}

/** What the walk needs to know about a node in the current (or session-end) state. */
export interface SessionNodeState {
  readonly jailed: boolean;
  readonly chains: readonly string[];
}

export interface SessionNodesParameters {
  /**
   * Addresses (20-byte hex) of the validators staked for `chain` at the session-start state,
   * jailed ones included (PC `GetValidatorsByChain`). Any order: they are sorted by address
   * bytes here, which is the order of Go's KV prefix iteration.
   */
  readonly candidates: readonly string[];
  /** The relay chain, compared as an exact string with each node's chains, as Go does. */
  readonly chain: string;
  /** The 32-byte session key (`sessionKey(...).key`). */
  readonly sessionKey: Uint8Array;
  /** `SessionNodeCount`, read at the session-start state. */
  readonly sessionNodeCount: number;
  /**
   * The node as the current (or session-end) state knows it; `undefined` when not found there.
   * Synchronous on purpose: load the states of all candidates first (the walk may touch all).
   */
  readonly nodeState: (address: string) => SessionNodeState | undefined;
  /**
   * `pos` `MaximumChains` at the session-start state, once the max-chains enforcement upgrade is
   * active: nodes staked for more chains are skipped. Omit before the upgrade.
   */
  readonly maxChains?: number;
}

/**
 * The session's servicer addresses (lowercase hex) in selection order, or code 17 when there are
 * fewer candidates than `sessionNodeCount` or too few eligible ones.
 * Throws on a malformed or duplicate candidate address (Go's input is a set of 20-byte keys).
 */
export function sessionNodes(params: SessionNodesParameters): { readonly ok: true; readonly nodes: string[] } | MorseFailure {
  const { chain, sessionKey, sessionNodeCount, nodeState, maxChains } = params;
  if (!Number.isSafeInteger(sessionNodeCount) || sessionNodeCount < 1) {
    throw new RangeError(`bad session node count: ${sessionNodeCount}`);
  }
  const candidates = sortedAddresses(params.candidates);
  const total = candidates.length;
  if (total < sessionNodeCount) return { ok: false, ...morseError(17) };

  const seen = new Set<number>();
  const nodes: string[] = [];
  for (const { index } of sessionNodeWalk(sessionKey, total)) {
    if (seen.size >= total) return { ok: false, ...morseError(17) };
    if (seen.has(index)) continue;
    seen.add(index);
    const address = candidates[index];
    const node = nodeState(address);
    if (!node || node.jailed || !node.chains.includes(chain)) continue;
    if (maxChains !== undefined && node.chains.length > maxChains) continue;
    nodes.push(address);
    if (nodes.length === sessionNodeCount) return { ok: true, nodes };
  }
  throw new Error("unreachable: the walk is infinite");
}

/** Lowercase addresses sorted by their bytes; lowercase hex of equal length sorts the same way. */
function sortedAddresses(addresses: readonly string[]): string[] {
  const out = addresses.map((address) => {
    const bytes = hexToBytes(address);
    if (!bytes || bytes.length !== 20) throw new TypeError(`bad candidate address: ${JSON.stringify(address)}`);
    return address.toLowerCase();
  });
  out.sort();
  for (let i = 1; i < out.length; i++) {
    if (out[i] === out[i - 1]) throw new TypeError(`duplicate candidate address: ${out[i]}`);
  }
  return out;
}
