/**
 * Reaching a session's evidence object. Its name is the session (servicer, app, chain, height), so
 * every isolate in every location reaches the same single writer. The location hint places the
 * object, on creation only, in the region of the backend that serves the session's first relay —
 * the region nearest its client — so later reservations travel no farther than the backend call.
 *
 * Group commit: while a call to an object is in flight, the relays for it that arrive queue up and go
 * together in the next call (`reserveMany`, one commit). An idle object gets each relay at once, so
 * batching adds no wait; a busy one pays one round trip and one commit per batch instead of per relay.
 * @module
 */
import type { EvidenceHeader, ReserveRequest, ReserveResult, SessionEvidenceApi } from "../../shared/evidence/api.js";
import { MAX_BATCH } from "../../durable-objects/session-evidence.js";
import { evidenceObjectName } from "../../shared/evidence/row-key.js";
import { BoundedCache } from "../../shared/morse/keys.js";
import type { RelayEnv } from "./env.js";

/** What the relay path calls on an evidence object. */
export interface EvidenceStub {
  reserve(request: ReserveRequest): Promise<ReserveResult>;
}

interface Waiting {
  readonly request: ReserveRequest;
  readonly resolve: (result: ReserveResult) => void;
}

/** One object's queue in this isolate. */
class Batcher implements EvidenceStub {
  private queue: Waiting[] = [];
  private flying = false;

  constructor(
    /** The namespace it was made for: tests give each file its own bindings within one isolate. */
    readonly namespace: RelayEnv["EVIDENCE"],
    private readonly stub: () => SessionEvidenceApi,
  ) {}

  reserve(request: ReserveRequest): Promise<ReserveResult> {
    return new Promise((resolve) => {
      this.queue.push({ request, resolve });
      if (!this.flying) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flying = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        const results = await this.send(batch.map((w) => w.request));
        batch.forEach((w, i) => w.resolve(results[i]));
      }
    } finally {
      this.flying = false;
    }
  }

  /** Never rejects: a failed call answers every relay of the batch with code 1 (no signed answer). */
  private async send(requests: ReserveRequest[]): Promise<ReserveResult[]> {
    const failed = (message: string): ReserveResult[] => requests.map(() => ({ ok: false, code: 1, message }));
    try {
      // A fresh stub per call: a stub that saw an exception (e.g. the object was reset) stays broken.
      const stub = this.stub();
      if (requests.length === 1) return [await stub.reserve(requests[0])];
      const results = await stub.reserveMany(requests);
      return Array.isArray(results) ? results : failed(results.message);
    } catch (error) {
      return failed(`evidence store unavailable: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

// Per isolate; an entry is a few closures, and an idle session's batcher is simply dropped at overflow.
const batchers = new BoundedCache<string, Batcher>(10_000);

export function evidenceFor(env: RelayEnv, header: EvidenceHeader, region: string | undefined): EvidenceStub {
  const name = evidenceObjectName(header);
  if (!name.ok) throw new Error(`evidence header: ${name.error}`);
  let batcher = batchers.get(name.value);
  if (!batcher || batcher.namespace !== env.EVIDENCE) {
    const namespace = env.EVIDENCE;
    const id = namespace.idFromName(name.value);
    batcher = new Batcher(namespace, () => {
      const stub = region ? namespace.get(id, { locationHint: region as DurableObjectLocationHint }) : namespace.get(id);
      return stub as unknown as SessionEvidenceApi;
    });
    batchers.set(name.value, batcher);
  }
  return batcher;
}
