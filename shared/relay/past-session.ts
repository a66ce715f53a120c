/**
 * A session that is no longer the latest, computed from the chain as pocket-core computes it (spec
 * §4): dispatch only ever answers the latest session, but with `client_session_sync_allowance` > 0 a
 * servicer must also serve the previous ones. Candidates are the nodes staked for the chain at the
 * session start (sorted by address), the seed is the session block hash rebuilt from
 * `/v1/query/block`, and eligibility (jailed, chains) is read at the latest height, as pocket-core's
 * relay path reads it from its current context.
 * @module
 */
import { sdkErrorString, type MorseError } from "../morse/errors.js";
import { sessionKey } from "../morse/session.js";
import { sessionBlockHashFromQueryBlock, type QueryBlockResponse } from "../morse/session-block-hash.js";
import { sessionNodes, type SessionNodeState } from "../morse/session-nodes.js";
import type { PocketRpc, RpcResult } from "../rpc/pocket-rpc.js";

/** Pages of 1000 nodes; a chain with more than this many pages is refused rather than read forever. */
const PER_PAGE = 1000;
const MAX_PAGES = 50;

interface NodeRow {
  readonly address: string;
  readonly jailed: boolean;
  readonly chains: readonly string[];
}

/** Every node staked for `chain` at `height` (all pages). */
async function stakedNodes(rpc: PocketRpc, height: number, chain: string): Promise<RpcResult<NodeRow[]>> {
  const rows: NodeRow[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await rpc.call("/v1/query/nodes", { height, opts: { staking_status: 2, jailed_status: 0, blockchain: chain, page, per_page: PER_PAGE } });
    if (!answer.ok) return answer;
    const result = answer.value?.result;
    if (!Array.isArray(result)) return { ok: false, status: 200, error: "the chain's answer to /v1/query/nodes lacks result" };
    for (const n of result) rows.push({ address: String(n?.address ?? "").toLowerCase(), jailed: n?.jailed === true, chains: Array.isArray(n?.chains) ? n.chains.map(String) : [] });
    const pages = Number(answer.value?.total_pages ?? 1);
    if (page >= pages) return { ok: true, value: rows };
  }
  return { ok: false, status: 200, error: `more than ${MAX_PAGES * PER_PAGE} nodes for chain ${chain}` };
}

/**
 * The addresses of the session of (`appPublicKey`, `chain`) at `sessionHeight`, with eligibility at
 * `latestHeight`. A protocol failure (e.g. 17, too few nodes) comes back as status 400 with the
 * Morse code in the message.
 */
export async function pastSessionNodes(
  rpc: PocketRpc,
  appPublicKey: string,
  chain: string,
  sessionHeight: number,
  latestHeight: number,
  sessionNodeCount: number,
  maxChains: number | undefined,
): Promise<RpcResult<string[]>> {
  const [block, candidates, current] = await Promise.all([
    rpc.call("/v1/query/block", { height: sessionHeight }),
    stakedNodes(rpc, sessionHeight, chain),
    stakedNodes(rpc, latestHeight, chain),
  ]);
  if (!block.ok) return block;
  if (!candidates.ok) return candidates;
  if (!current.ok) return current;
  const seed = sessionBlockHashFromQueryBlock(block.value as QueryBlockResponse);
  if (!seed.ok) return refusal(seed);
  const key = sessionKey(appPublicKey, chain, seed.blockHash);
  if (!key.ok) return refusal(key);
  const now = new Map<string, SessionNodeState>(current.value.map((n) => [n.address, { jailed: n.jailed, chains: n.chains }]));
  const selected = sessionNodes({
    candidates: candidates.value.map((n) => n.address),
    chain,
    sessionKey: key.key,
    sessionNodeCount,
    nodeState: (address) => now.get(address),
    maxChains,
  });
  return selected.ok ? { ok: true, value: selected.nodes } : refusal(selected);
}

/** A protocol failure, worded as pocket-core's `{"code":400,"message":…}` (the relay path reads the code back). */
function refusal(error: MorseError): { ok: false; status: number; error: string } {
  return { ok: false, status: 400, error: sdkErrorString(error) };
}
