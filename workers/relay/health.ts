/**
 * `GET /v1/health`: readiness for load balancers and operators. 200 when the configuration is valid,
 * servicer keys are loaded, every hosted chain has backends and the chain answers its height; 503
 * otherwise, with every reason. Never prints a key or a backend credential.
 * @module
 */
import { jsonBody, JSON_CONTENT_TYPE } from "../../shared/morse/bodies.js";
import type { GoValue } from "../../shared/morse/gojson.js";
import { runtimeFor, type RelayRuntime } from "./config.js";
import type { RelayEnv } from "./env.js";
import { VERSION } from "./version.js";

export async function handleHealth(env: RelayEnv): Promise<Response> {
  const built = runtimeFor(env);
  if (!built.ok) return answer(503, { status: "misconfigured", version: VERSION, errors: [...built.errors] });
  const { config, chain, health } = built.runtime;
  // Asked directly, not through the cache: readiness must reflect the chain right now.
  const height = await chain.rpc.height();
  const backends: Record<string, GoValue> = {};
  for (const [chainId, list] of config.backends) {
    backends[chainId] = list.map((b) => ({ name: b.name, region: b.region, state: health.state(b) }));
  }
  // Health is public: upstream error texts (an RPC's body, a gateway's message) go to the log only.
  if (!height.ok) console.error(JSON.stringify({ msg: "health: chain unreachable", error: height.error }));
  const staking = height.ok ? await stakingOf(built.runtime) : [];
  const body = {
    status: height.ok ? "ok" : "chain-unreachable",
    version: VERSION,
    chain: height.ok ? { reachable: true, height: height.value, url: chain.rpc.displayUrl } : { reachable: false, error: "the chain RPC did not answer its height (details in the log)", url: chain.rpc.displayUrl },
    servicers: [...config.servicers.values()].map((k) => k.address),
    // Readiness does not depend on these, but an operator wants to know: a servicer that is not staked,
    // is jailed, or is staked for chains this deployment has no backends for earns nothing for them.
    warnings: staking.flatMap((w) => w),
    backends,
  };
  return answer(height.ok ? 200 : 503, body);
}

/** At most this many servicers are looked up, at most once a minute per isolate: health is public. */
const MAX_STAKING_CHECKS = 50;
const STAKING_TTL_MS = 60_000;
let stakingCache: { at: number; runtime: RelayRuntime; warnings: Promise<string[][]> } | undefined;

function stakingOf(runtime: RelayRuntime): Promise<string[][]> {
  if (stakingCache && stakingCache.runtime === runtime && Date.now() - stakingCache.at < STAKING_TTL_MS) return stakingCache.warnings;
  const hosted = new Set(runtime.config.backends.keys());
  const keys = [...runtime.config.servicers.values()].slice(0, MAX_STAKING_CHECKS);
  const warnings = Promise.all(
    keys.map(async (key): Promise<string[]> => {
      const node = await runtime.chain.rpc.call("/v1/query/node", { address: key.address, height: 0 });
      if (!node.ok) {
        console.error(JSON.stringify({ msg: "health: servicer lookup failed", servicer: key.address, error: node.error }));
        return [`servicer ${key.address}: not found on chain, or the lookup failed (details in the log)`];
      }
      const out: string[] = [];
      if (node.value?.status !== 2) out.push(`servicer ${key.address}: not staked (status ${String(node.value?.status)})`);
      if (node.value?.jailed === true) out.push(`servicer ${key.address}: jailed`);
      const missing = (Array.isArray(node.value?.chains) ? node.value.chains : []).filter((c: string) => !hosted.has(c));
      if (missing.length > 0) out.push(`servicer ${key.address}: staked for chains without backends here: ${missing.join(", ")}`);
      return out;
    }),
  );
  stakingCache = { at: Date.now(), runtime, warnings };
  return warnings;
}

function answer(status: number, value: GoValue): Response {
  return new Response(jsonBody(value), { status, headers: { "Content-Type": JSON_CONTENT_TYPE, "Cache-Control": "no-store" } });
}
