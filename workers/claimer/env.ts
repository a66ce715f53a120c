/**
 * The bindings the claimer's Worker side uses (the cron handler and the operator route): a part of the
 * relay Worker's, since one deployment serves, claims and proves (`workers/relay/env.ts`).
 * @module
 */
import type { RelayEnv } from "../relay/env.js";

export type ClaimerEnv = Pick<RelayEnv, "EVIDENCE" | "REGISTRY" | "OPERATOR_TOKEN">;
