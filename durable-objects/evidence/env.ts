/**
 * The bindings a session-evidence object reads. It runs in the relay Worker's deployment and gets the
 * same `env` (`workers/relay/env.ts`), of which it needs the chain, the signing keys, the poll
 * interval, the session sync allowance and the session registry.
 * @module
 */
import type { ClaimerVars } from "../../shared/claimer/settings.js";
import type { SessionRegistry } from "../session-registry.js";

export interface EvidenceEnv extends ClaimerVars {
  /** The session registry; without it the object still claims and proves, unlisted. */
  readonly REGISTRY?: DurableObjectNamespace<SessionRegistry>;
  /** How long a finished, reported session keeps its tombstone before its storage is deleted (ms; default a day). */
  readonly EVIDENCE_TOMBSTONE_MS?: string;
}
