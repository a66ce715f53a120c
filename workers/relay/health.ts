/**
 * `GET /v1/health`: readiness for load balancers and operators. 200 when the configuration is valid,
 * servicer keys are loaded, every hosted chain has backends and the chain answers its height; 503
 * otherwise, with every reason. Never prints a key or a backend credential.
 * @module
 */
import { jsonBody, JSON_CONTENT_TYPE } from "../../shared/protocol/bodies.js";
import type { GoValue } from "../../shared/protocol/gojson.js";
import { runtimeFor } from "./config.js";
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
  const body = {
    status: height.ok ? "ok" : "chain-unreachable",
    version: VERSION,
    chain: height.ok ? { reachable: true, height: height.value, url: chain.rpc.displayUrl } : { reachable: false, error: height.error, url: chain.rpc.displayUrl },
    servicers: [...config.servicers.values()].map((k) => k.address),
    backends,
  };
  return answer(height.ok ? 200 : 503, body);
}

function answer(status: number, value: GoValue): Response {
  return new Response(jsonBody(value), { status, headers: { "Content-Type": JSON_CONTENT_TYPE, "Cache-Control": "no-store" } });
}
