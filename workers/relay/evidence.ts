/**
 * Reaching a session's evidence object. Its name is the session (servicer, app, chain, height), so
 * every isolate in every location reaches the same single writer. The location hint places the
 * object, on creation only, in the region of the backend that serves the session's first relay —
 * the region nearest its client — so later reservations travel no farther than the backend call.
 * @module
 */
import type { EvidenceHeader, ReserveRequest, ReserveResult } from "../../durable-objects/evidence/api.js";
import { evidenceObjectName } from "../../shared/evidence/row-key.js";
import type { RelayEnv } from "./env.js";

/** What the relay path calls on an evidence object. */
export interface EvidenceStub {
  reserve(request: ReserveRequest): Promise<ReserveResult>;
}

export function evidenceFor(env: RelayEnv, header: EvidenceHeader, region: string | undefined): EvidenceStub {
  const name = evidenceObjectName(header);
  if (!name.ok) throw new Error(`evidence header: ${name.error}`);
  const id = env.EVIDENCE.idFromName(name.value);
  const stub = region ? env.EVIDENCE.get(id, { locationHint: region as DurableObjectLocationHint }) : env.EVIDENCE.get(id);
  return stub as unknown as EvidenceStub;
}
