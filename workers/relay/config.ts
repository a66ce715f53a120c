/**
 * Parses the relay Worker's settings once per isolate (they only change with a new deployment, which
 * starts new isolates) and keeps the per-isolate state built from them: servicer keys, the chain
 * view and backend health. A bad setting is reported by `/v1/health` and in every refused relay's
 * log line, never by a crash.
 * @module
 */
import { BackendHealth, DEFAULT_MAX_RESPONSE_BYTES, parseBackends, type BackendsConfig } from "../../shared/backends/index.js";
import { parsePrivateKey, type MorseKey } from "../../shared/morse/keys.js";
import { splitKeys } from "../../shared/claimer/settings.js";
import { ChainView } from "../../shared/relay/chain-view.js";
import { PocketRpc } from "../../shared/rpc/pocket-rpc.js";
import type { RelayEnv } from "./env.js";

export interface RelayConfig {
  readonly rpcUrl: string;
  /** Hosted servicers by lowercase public key hex. */
  readonly servicers: ReadonlyMap<string, MorseKey>;
  readonly backends: BackendsConfig;
  readonly clientBlockSyncAllowance: number;
  readonly clientSessionSyncAllowance: number;
  readonly sortJsonResponses: boolean;
  readonly relayDeadlineMs: number;
  /** Largest backend answer accepted; a larger one fails its attempt (`MAX_RESPONSE_BYTES`). */
  readonly maxResponseBytes: number;
  readonly heightCacheMs: number;
  readonly hedge: boolean;
  readonly logRelays: boolean;
}

/** The isolate's state for one configuration. */
export interface RelayRuntime {
  readonly config: RelayConfig;
  readonly chain: ChainView;
  readonly health: BackendHealth;
}

export type RuntimeResult = { readonly ok: true; readonly runtime: RelayRuntime } | { readonly ok: false; readonly errors: readonly string[] };

/** The settings a runtime is built from; a change to any of them builds a new one. */
const SETTINGS = [
  "POCKET_RPC_URL",
  "SERVICER_PRIVATE_KEYS",
  "BACKENDS",
  "CLIENT_BLOCK_SYNC_ALLOWANCE",
  "CLIENT_SESSION_SYNC_ALLOWANCE",
  "SORT_JSON_RESPONSES",
  "RELAY_DEADLINE_MS",
  "MAX_RESPONSE_BYTES",
  "HEIGHT_CACHE_MS",
  "HEDGE",
  "LOG_RELAYS",
] as const satisfies readonly (keyof RelayEnv)[];

let cached: { values: readonly (string | undefined)[]; result: RuntimeResult } | undefined;

/** The runtime for `env`, built on first use and reused while the settings stay the same. */
export function runtimeFor(env: RelayEnv): RuntimeResult {
  // Per request: compare the setting strings (the same string objects request after request, so the
  // comparison is cheap) rather than serialise them all, keys included, to a cache key.
  const values = SETTINGS.map((name) => env[name]);
  if (cached && cached.values.every((v, i) => v === values[i])) return cached.result;
  const parsed = parseConfig(env);
  const result: RuntimeResult = parsed.ok
    ? {
        ok: true,
        runtime: {
          config: parsed.config,
          chain: new ChainView(new PocketRpc({ baseUrl: parsed.config.rpcUrl }), { heightTtlMs: parsed.config.heightCacheMs }),
          health: new BackendHealth(),
        },
      }
    : parsed;
  cached = { values, result };
  return result;
}

type ConfigResult = { ok: true; config: RelayConfig } | { ok: false; errors: string[] };

/** Checks every setting and reports all problems at once. Secret values never appear in messages. */
export function parseConfig(env: RelayEnv): ConfigResult {
  const errors: string[] = [];
  const rpcUrl = (env.POCKET_RPC_URL ?? "").trim();
  if (!/^https?:\/\/[^\s]+$/.test(rpcUrl)) errors.push("POCKET_RPC_URL must be the http(s) URL of a Pocket RPC (e.g. the devnet's)");

  const servicers = new Map<string, MorseKey>();
  const keys = splitKeys(env.SERVICER_PRIVATE_KEYS ?? "");
  if (keys.length === 0) errors.push("SERVICER_PRIVATE_KEYS (a secret) must hold at least one 128-hex servicer private key");
  keys.forEach((hex, i) => {
    const parsed = parsePrivateKey(hex);
    if (parsed.ok) servicers.set(parsed.key.publicKeyHex, parsed.key);
    else errors.push(`SERVICER_PRIVATE_KEYS[${i}]: ${parsed.error}`);
  });

  let backends: BackendsConfig | undefined;
  const parsedBackends = parseBackends(env.BACKENDS ?? "");
  if (parsedBackends.ok) backends = parsedBackends.value;
  else errors.push(`BACKENDS: ${parsedBackends.error}`);

  const int = (name: keyof RelayEnv, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || String(raw).trim() === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) errors.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    return value;
  };
  const bool = (name: keyof RelayEnv, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || String(raw).trim() === "") return fallback;
    const text = String(raw).trim().toLowerCase();
    if (text !== "true" && text !== "false") errors.push(`${name} must be "true" or "false", got ${JSON.stringify(raw)}`);
    return text === "true";
  };
  const config = {
    rpcUrl,
    servicers,
    backends: backends as BackendsConfig,
    clientBlockSyncAllowance: int("CLIENT_BLOCK_SYNC_ALLOWANCE", 10, 0, 1_000_000),
    clientSessionSyncAllowance: int("CLIENT_SESSION_SYNC_ALLOWANCE", 0, 0, 1_000),
    sortJsonResponses: bool("SORT_JSON_RESPONSES", true),
    relayDeadlineMs: int("RELAY_DEADLINE_MS", 20_000, 100, 120_000),
    maxResponseBytes: int("MAX_RESPONSE_BYTES", DEFAULT_MAX_RESPONSE_BYTES, 64 * 1024, 32 * 1024 * 1024),
    heightCacheMs: int("HEIGHT_CACHE_MS", 5_000, 0, 600_000),
    hedge: bool("HEDGE", true),
    logRelays: bool("LOG_RELAYS", true),
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
}
