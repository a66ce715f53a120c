/**
 * Bindings of the devnet Worker (`workers/devnet/wrangler.toml`) and the way to reach the chain.
 * @module
 */
import type { DevnetChain } from "../../durable-objects/devnet-chain.js";
import { CHAIN_OBJECT_NAME, type DevnetChainApi } from "../../durable-objects/devnet/api.js";

/** The devnet Worker's bindings. */
export interface DevnetEnv {
  readonly CHAIN: DurableObjectNamespace<DevnetChain>;
}

/** The devnet's single chain object. A fresh stub per request: a broken stub cannot be reused. */
export function chainOf(env: DevnetEnv): DevnetChainApi {
  return env.CHAIN.getByName(CHAIN_OBJECT_NAME) as unknown as DevnetChainApi;
}
