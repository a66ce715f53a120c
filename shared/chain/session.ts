/**
 * Sessions as the chain computes them (spec §4): the seed is `sessionBlockHashFromQueryBlock` of the
 * devnet's own `/v1/query/block` answer at the session height, so anyone can recompute a session
 * from the public RPC; candidates are the nodes staked for the chain at the session start; their
 * eligibility is read at a later height (now for dispatch, the session end for claims).
 * @module
 */
import { bytesToBase64 } from "../primitives/bytes.js";
import { internalError } from "../morse/errors.js";
import type { GoValue } from "../morse/gojson.js";
import { latestSessionBlockHeight, sessionKey, validateSessionHeader, type MorseFailure } from "../morse/session.js";
import { sessionBlockHashFromQueryBlock } from "../morse/session-block-hash.js";
import { sessionNodes } from "../morse/session-nodes.js";
import { addressOf, validatorJSON } from "./actors.js";
import { queryBlockResponse } from "./block.js";
import type { ChainView } from "./view.js";

/** A computed session. */
export interface Session {
  readonly ok: true;
  /** The 32-byte session key. */
  readonly key: Uint8Array;
  /** Servicer addresses in selection order. */
  readonly nodes: string[];
}

/**
 * The session of (`appPublicKey`, `chain`) starting at `sessionHeight`, with node eligibility read at
 * `eligibilityHeight` (PC `NewSession(sessionCtx, ctx, …)`). Code 17 when too few nodes are eligible;
 * `sdk` code 1 when the session block does not exist.
 */
export function computeSession(
  view: ChainView,
  appPublicKey: string,
  chain: string,
  sessionHeight: number,
  eligibilityHeight: number,
): Session | MorseFailure {
  const block = view.block(sessionHeight);
  if (!block) return { ok: false, ...internalError(`no block at session height ${sessionHeight}`) };
  const seed = sessionBlockHashFromQueryBlock(queryBlockResponse(view.identity, block));
  if (!seed.ok) return seed;
  const key = sessionKey(appPublicKey, chain, seed.blockHash);
  if (!key.ok) return key;
  const params = view.genesis.params;
  const selected = sessionNodes({
    candidates: view.nodes(sessionHeight).filter((n) => n.chains.includes(chain)).map((n) => addressOf(n.public_key)),
    chain,
    sessionKey: key.key,
    sessionNodeCount: params.session_node_count,
    nodeState: (address) => view.node(address, eligibilityHeight),
    maxChains: params.maximum_chains,
  });
  return selected.ok ? { ok: true, key: key.key, nodes: selected.nodes } : selected;
}

/**
 * `/v1/client/dispatch` (spec §1.3, PC `HandleDispatch`): the session at the latest session height,
 * whatever `session_height` the request named. Nodes are listed as the session-start state knows them.
 */
export function dispatch(view: ChainView, appPublicKey: string, chain: string): { readonly ok: true; readonly body: GoValue } | MorseFailure {
  const height = view.latestHeight();
  const sessionHeight = Number(latestSessionBlockHeight(height, view.genesis.params.blocks_per_session));
  const invalid = validateSessionHeader({ app_public_key: appPublicKey, chain, session_height: sessionHeight });
  if (invalid) return { ok: false, ...invalid };
  const session = computeSession(view, appPublicKey, chain, sessionHeight, height);
  if (!session.ok) return session;
  return {
    ok: true,
    body: {
      block_height: height,
      session: {
        header: { app_public_key: appPublicKey, chain, session_height: sessionHeight },
        key: bytesToBase64(session.key),
        nodes: session.nodes.map((address) => validatorJSON(view.node(address, sessionHeight)!)),
      },
    },
  };
}
