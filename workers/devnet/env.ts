/**
 * Bindings of the devnet Worker (`workers/devnet/wrangler.toml`) and the way to reach a chain.
 * @module
 */
import type { Context } from "hono";
import type { DevnetChain } from "../../durable-objects/devnet-chain.js";
import { CHAIN_OBJECT_NAME, type DevnetChainApi } from "../../durable-objects/devnet/api.js";

/** The devnet Worker's bindings. */
export interface DevnetEnv {
  readonly CHAIN: DurableObjectNamespace<DevnetChain>;
}

/** Hono's type parameters for every devnet route: the bindings and the selected network's name. */
export interface DevnetHono {
  Bindings: DevnetEnv;
  Variables: { network?: string };
}

/**
 * Names of independent networks served under `/net/<name>/v1/…`: lowercase letters, digits and
 * dashes, so a name is also safe in a URL and a log line.
 */
export const NETWORK_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The chain object of the request's network: the default one (`/v1/…`, object `CHAIN_OBJECT_NAME`)
 * or a named one (`/net/<name>/v1/…`), each with its own genesis, blocks and state. Named networks
 * let tests and demos run side by side on one devnet without seeing each other's blocks.
 * A fresh stub per request: a broken stub cannot be reused.
 */
export function chainOf(c: Context<DevnetHono>): DevnetChainApi {
  const network = c.get("network");
  const name = network === undefined ? CHAIN_OBJECT_NAME : `net:${network}`;
  return c.env.CHAIN.getByName(name) as unknown as DevnetChainApi;
}
