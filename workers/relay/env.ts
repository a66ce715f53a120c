/**
 * The relay Worker's bindings (top-level `wrangler.toml`, secrets, `.dev.vars`). Every setting is a
 * string as Cloudflare passes it; `config.ts` parses and checks them once per isolate.
 * @module
 */
import type { SessionEvidence } from "../../durable-objects/session-evidence.js";
import type { SessionRegistry } from "../../durable-objects/session-registry.js";

export interface RelayEnv {
  /** Per-session evidence objects; each claims and proves its own session (`shared/claimer/`). */
  readonly EVIDENCE: DurableObjectNamespace<SessionEvidence>;
  /** The session registry (one object): which evidence objects exist, for the cron and `GET /v1/edge/sessions`. */
  readonly REGISTRY?: DurableObjectNamespace<SessionRegistry>;
  /** Workers Analytics Engine dataset; optional: one data point per relay when bound. */
  readonly ANALYTICS?: AnalyticsEngineDataset;
  /** Base URL of the Pocket RPC this deployment reads the chain from (the devnet locally). */
  readonly POCKET_RPC_URL?: string;
  /** Secret: the servicers' 128-hex private keys, separated by commas, spaces or newlines, or a JSON array. */
  readonly SERVICER_PRIVATE_KEYS?: string;
  /** JSON: chain id → backends (`shared/backends/config.ts`). May be a secret when it carries credentials. */
  readonly BACKENDS?: string;
  /** `client_block_sync_allowance` (default 10, spec §5 row 4). */
  readonly CLIENT_BLOCK_SYNC_ALLOWANCE?: string;
  /** `client_session_sync_allowance` in sessions (default 0: only the current session, spec §4.1). */
  readonly CLIENT_SESSION_SYNC_ALLOWANCE?: string;
  /** `json_sort_relay_responses` (default "true", spec §3.3). */
  readonly SORT_JSON_RESPONSES?: string;
  /** Budget of one relay's backend work, failover and hedge included (default 20000 ms). */
  readonly RELAY_DEADLINE_MS?: string;
  /** Largest backend answer accepted, in bytes (default 4 MiB, 64 KiB–32 MiB; see README "Limits"). */
  readonly MAX_RESPONSE_BYTES?: string;
  /** How long a chain height is trusted before it is read again (default 5000 ms). */
  readonly HEIGHT_CACHE_MS?: string;
  /** "false" turns hedged requests off (e.g. for backends where a duplicate request costs). */
  readonly HEDGE?: string;
  /** "false" turns off the per-relay log line. */
  readonly LOG_RELAYS?: string;
  /**
   * Milliseconds between two alarms of a session-evidence object with claim or proof work ahead
   * (default 60000, 1000–86400000). Each alarm reads the chain's height once; the cron (every minute)
   * ticks unfinished sessions as well.
   */
  readonly CLAIMER_POLL_MS?: string;
  /**
   * Secret: the bearer token of the operator route `GET /v1/edge/sessions` (`Authorization: Bearer
   * <token>`). Unset, the route answers 503; set it with `wrangler secret put OPERATOR_TOKEN`.
   */
  readonly OPERATOR_TOKEN?: string;
  /** How long a finished session's evidence object keeps its small record after the registry has it (ms, default 86400000). */
  readonly EVIDENCE_TOMBSTONE_MS?: string;
}
