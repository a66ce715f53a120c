/**
 * What the chain rules read from chain state: a synchronous, read-only view at any committed height.
 * The devnet's Durable Object implements it over SQLite (synchronous, so a check and the write that
 * follows it cannot interleave with another request); tests implement it in memory.
 *
 * "State at height h" is the state after block h was committed, Morse's `PrevCtx(h)`.
 * @module
 */
import type { AppState, NodeState } from "./actors.js";
import type { BlockRecord, ChainIdentity } from "./block.js";
import type { Genesis } from "./genesis.js";
import type { MsgClaim } from "../morse/tx/msgs.js";

/** The key of a stored claim (PC `KeyForClaim`): servicer, session header, evidence type. */
export interface ClaimKey {
  readonly from_address: string;
  readonly app_public_key: string;
  readonly chain: string;
  readonly session_height: bigint;
  readonly evidence_type: number;
}

/** Read access to chain state for the pure rules. */
export interface ChainView {
  readonly genesis: Genesis;
  readonly identity: ChainIdentity;
  /** The last committed height. */
  latestHeight(): number;
  /** A committed block, or `undefined` above the latest height. */
  block(height: number): BlockRecord | undefined;
  /** The node with this address at `height`, `undefined` if not staked then. */
  node(address: string, height: number): NodeState | undefined;
  /** The app with this address at `height`. */
  app(address: string, height: number): AppState | undefined;
  /** Every node staked at `height`. */
  nodes(height: number): readonly NodeState[];
  /** A stored claim (claims are current state only: they are deleted, never versioned). */
  claim(key: ClaimKey): MsgClaim | undefined;
  /** The balance available to pay a fee, in upokt. */
  balance(address: string): bigint;
}

/** The key under which `claim` is stored. */
export function claimKeyOf(claim: Pick<MsgClaim, "from_address" | "header" | "evidence_type">): ClaimKey {
  return {
    from_address: claim.from_address,
    app_public_key: claim.header.app_public_key,
    chain: claim.header.chain,
    session_height: claim.header.session_height,
    evidence_type: claim.evidence_type,
  };
}
