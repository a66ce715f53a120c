/**
 * The heights at which a session's claim and proof may be sent (spec §4.1, §6.4, §7.2), as "latest
 * committed height" bounds: a transaction sent when the chain is at height `h` is included at `h + 1`
 * at the earliest, so every bound here is one below the inclusion height the chain checks.
 * @module
 */
import type { ClaimerParams } from "./params.js";

export interface SessionWindows {
  readonly sessionHeight: number;
  /**
   * First latest height at which the evidence is sealed and claimed: the relay Worker no longer admits
   * relays of the session (`latestSBH − allowance·BPS > sbh`), so sealing loses none. Never later
   * than {@link claimUntil}.
   */
  readonly claimFrom: number;
  /** Last latest height at which a claim is sent: it is included at `sbh + CSW·BPS` at the latest (69 after). */
  readonly claimUntil: number;
  /**
   * `sbh + CSW·BPS`, the block whose `last_block_id.hash` picks the leaf to prove; a proof is sent once
   * it is committed, so it is included after it, as the chain requires.
   */
  readonly proofHeight: number;
}

/**
 * The windows of the session at `sessionHeight`; `sessionSyncAllowance` is the relay Worker's
 * `CLIENT_SESSION_SYNC_ALLOWANCE` (sessions after its end during which its relays are still admitted).
 * @example sessionWindows(1, { blocksPerSession: 4, claimSubmissionWindow: 3, … }, 0)
 *   // { sessionHeight: 1, claimFrom: 5, claimUntil: 12, proofHeight: 13 }
 */
export function sessionWindows(sessionHeight: number, params: Pick<ClaimerParams, "blocksPerSession" | "claimSubmissionWindow">, sessionSyncAllowance: number): SessionWindows {
  const bps = params.blocksPerSession;
  const lastClaimInclusion = sessionHeight + params.claimSubmissionWindow * bps;
  const claimUntil = lastClaimInclusion - 1;
  // pocket-core claims as soon as the session is over (`height > sbh + BPS − 1`); here that point is
  // moved past the relays the Worker may still admit, else sealing would refuse them with 90.
  const lastRelayHeight = sessionHeight + (sessionSyncAllowance + 1) * bps - 1;
  return { sessionHeight, claimFrom: Math.min(lastRelayHeight + 1, claimUntil), claimUntil, proofHeight: lastClaimInclusion };
}

/**
 * Last latest height at which a proof is sent for a claim expiring at `expirationHeight`: BeginBlock
 * of that height deletes the claim, so the proof must be included one block before it.
 */
export function proofUntil(expirationHeight: number): number {
  return expirationHeight - 2;
}
