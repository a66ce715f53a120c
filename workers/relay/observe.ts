/**
 * Observability of the relay path: one structured log line per relay (Workers Logs / `wrangler tail`
 * index JSON fields) and, when the `ANALYTICS` binding is configured, one Analytics Engine data point
 * per relay, so operators can chart outcomes, codes, regions and added latency per chain.
 * @module
 */
import type { RelayEnv } from "./env.js";

/** What one relay did. */
export interface RelayRecord {
  /** "served", "refused" (a Morse error code), "backend-error" (code 28) or "error" (ours). */
  outcome: "served" | "refused" | "backend-error" | "error";
  /** The Morse code answered (0 when served). */
  code: number;
  chain: string;
  /** The servicer's address (empty when refused before it was known). */
  servicer: string;
  app: string;
  region: string;
  backend: string;
  /** Wall time of the backend call(s), failover and hedge included. */
  backendMs: number;
  /** Wall time spent at the edge outside the backend call. */
  edgeMs: number;
  hedged: boolean;
  attempts: number;
}

export function recordRelay(env: RelayEnv, log: boolean, r: RelayRecord): void {
  if (log) {
    console.log(
      JSON.stringify({
        msg: "relay",
        outcome: r.outcome,
        code: r.code,
        chain: r.chain,
        servicer: r.servicer,
        app: r.app.slice(0, 16),
        region: r.region,
        backend: r.backend,
        edge_ms: r.edgeMs,
        backend_ms: r.backendMs,
        hedged: r.hedged,
        attempts: r.attempts,
      }),
    );
  }
  // Blobs are the dimensions to group by, doubles the measures; the chain is the sampling index.
  env.ANALYTICS?.writeDataPoint({
    indexes: [r.chain.slice(0, 32)],
    blobs: [r.outcome, String(r.code), r.chain, r.region, r.backend, r.servicer],
    doubles: [r.edgeMs, r.backendMs, r.attempts, r.hedged ? 1 : 0],
  });
}
