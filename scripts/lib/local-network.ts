/**
 * The whole network on one machine, on loopback: two ganache EVM nodes (chain 0021 in regions weur
 * and enam), the devnet under `wrangler dev` with a generated genesis whose servicers are hosted by
 * this deployment, and the relay Worker under `wrangler dev` reading the devnet. Used by `npm start`,
 * the end-to-end tests, pocket-js compatibility and the relay benchmark. Node-only.
 * @module
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { signAAT } from "../../shared/morse/aat.js";
import { generateKey, parsePrivateKey, type MorseKey } from "../../shared/morse/keys.js";
import type { AAT } from "../../shared/morse/relay-types.js";
import { startEvmNode, startWranglerDev, type EvmNode, type WranglerDev } from "./processes.js";

export const RELAY_CHAIN = "0021";

export interface LocalNetworkOptions {
  /** Where keys and local Durable Object state live (kept across runs). */
  readonly stateDir: string;
  readonly devnetPort?: number;
  readonly relayPort?: number;
  readonly evmPorts?: readonly [number, number];
  /** How many servicers this deployment hosts (default 5). */
  readonly servicers?: number;
  /** Devnet block interval; 0 = blocks only on `advance` (default 0). */
  readonly blockTimeMs?: number;
  /** Genesis `params` overrides. */
  readonly params?: Record<string, unknown>;
  /** Extra relay Worker settings (`--var`). */
  readonly relayVars?: Record<string, string>;
  /** Extra `wrangler dev` arguments of the relay Worker (e.g. `--test-scheduled`). */
  readonly relayArgs?: readonly string[];
  /** Extra secrets for the relay Worker's env file (e.g. `OPERATOR_TOKEN`). */
  readonly relaySecrets?: Record<string, string>;
  /** Write the servicer keys to this dotenv file for the relay Worker (default `<stateDir>/relay.env`). */
  readonly envFile?: string;
  /** More relay chains: chain id → backends. The app and every servicer are staked for them too. */
  readonly extraChains?: Record<string, readonly { url: string; region: string; name?: string }[]>;
  /** Only the EVM nodes and the devnet (the caller starts its own relay Worker). */
  readonly withoutRelay?: boolean;
}

/** Keys of the local network, generated once and kept in the state directory. */
export interface LocalKeys {
  readonly app: MorseKey;
  readonly client: MorseKey;
  readonly servicers: readonly MorseKey[];
}

export interface LocalNetwork {
  readonly keys: LocalKeys;
  readonly aat: AAT;
  readonly evm: readonly EvmNode[];
  readonly devnet: WranglerDev;
  readonly relay: WranglerDev | undefined;
  readonly relayUrl: string;
  readonly genesis: Record<string, unknown>;
  /** The relay Worker's settings (without the keys). */
  readonly relayVars: Record<string, string>;
  readonly envFile: string;
  /** Starts (or restarts) the relay Worker. */
  startRelay(): Promise<WranglerDev>;
  stop(): Promise<void>;
}

/** Loads the keys of `stateDir/keys.json`, or makes and saves them. */
export function localKeys(stateDir: string, servicers: number): LocalKeys {
  const file = join(stateDir, "keys.json");
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as { app: string; client: string; servicers: string[] };
    const parse = (hex: string) => {
      const parsed = parsePrivateKey(hex);
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
      return parsed.key;
    };
    if (saved.servicers.length === servicers) return { app: parse(saved.app), client: parse(saved.client), servicers: saved.servicers.map(parse) };
  }
  const keys = { app: generateKey(), client: generateKey(), servicers: Array.from({ length: servicers }, generateKey) };
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ app: keys.app.privateKeyHex, client: keys.client.privateKeyHex, servicers: keys.servicers.map((k) => k.privateKeyHex) }, null, 2) + "\n", { mode: 0o600 });
  return keys;
}

/** The devnet genesis of the local network: one app, the hosted servicers, quick-demo parameters. */
export function localGenesis(keys: LocalKeys, relayUrl: string, blockTimeMs: number, params: Record<string, unknown> = {}, chains: readonly string[] = [RELAY_CHAIN]): Record<string, unknown> {
  return {
    chain_id: "pocket-edge-local",
    genesis_time: "2026-01-01T00:00:00Z",
    block_time_ms: blockTimeMs,
    params: {
      blocks_per_session: 4,
      session_node_count: Math.min(5, keys.servicers.length),
      claim_submission_window: 3,
      claim_expiration: 24,
      minimum_number_of_proofs: 5,
      supported_blockchains: [...chains],
      ...params,
    },
    apps: [{ public_key: keys.app.publicKeyHex, chains: [...chains], staked_tokens: "100000000000", max_relays: "10000000" }],
    nodes: keys.servicers.map((k) => ({ public_key: k.publicKeyHex, chains: [...chains], service_url: relayUrl, tokens: "15000000000" })),
    accounts: keys.servicers.map((k) => ({ address: k.address, balance: "1000000" })),
  };
}

export async function startLocalNetwork(options: LocalNetworkOptions): Promise<LocalNetwork> {
  const stateDir = options.stateDir;
  mkdirSync(stateDir, { recursive: true });
  const keys = localKeys(stateDir, options.servicers ?? 5);
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    await Promise.allSettled(started.reverse().map((s) => s.stop()));
  };
  try {
    const evm = await Promise.all([startEvmNode(options.evmPorts?.[0]), startEvmNode(options.evmPorts?.[1])]);
    started.push(...evm);
    const devnet = await startWranglerDev({ config: "workers/devnet/wrangler.toml", port: options.devnetPort, persistTo: join(stateDir, "devnet") });
    started.push(devnet);

    const relayPort = options.relayPort ?? (await import("./processes.js").then((m) => m.freePort()));
    const relayUrl = `http://127.0.0.1:${relayPort}`;
    const extra = options.extraChains ?? {};
    const genesis = localGenesis(keys, relayUrl, options.blockTimeMs ?? 0, options.params, [RELAY_CHAIN, ...Object.keys(extra)]);
    const loaded = await fetch(`${devnet.url}/v1/devnet/genesis`, { method: "POST", body: JSON.stringify(genesis) });
    if (loaded.status !== 200) {
      throw new Error(
        `the devnet refused the genesis (${loaded.status}): ${await loaded.text()}\n` +
          `(state from an earlier run with other settings? delete ${join(stateDir, "devnet")} to start afresh)`,
      );
    }

    const envFile = options.envFile ?? join(stateDir, "relay.env");
    const secrets = { SERVICER_PRIVATE_KEYS: keys.servicers.map((k) => k.privateKeyHex).join(","), ...options.relaySecrets };
    writeFileSync(envFile, Object.entries(secrets).map(([k, v]) => `${k}=${v}\n`).join(""), { mode: 0o600 });
    chmodSync(envFile, 0o600);
    const relayVars = {
      POCKET_RPC_URL: devnet.url,
      BACKENDS: JSON.stringify({
        [RELAY_CHAIN]: [
          { url: evm[0].url, region: "weur", name: "evm-weur" },
          { url: evm[1].url, region: "enam", name: "evm-enam" },
        ],
        ...extra,
      }),
      ...options.relayVars,
    };
    let relay: WranglerDev | undefined;
    const startRelay = async () => {
      relay = await startWranglerDev({ config: "wrangler.toml", port: relayPort, persistTo: join(stateDir, "relay"), vars: relayVars, envFile, args: options.relayArgs });
      started.push(relay);
      return relay;
    };
    if (!options.withoutRelay) await startRelay();

    return {
      keys,
      aat: await signAAT(keys.app, keys.client.publicKeyHex),
      evm,
      devnet,
      get relay() {
        return relay;
      },
      relayUrl,
      genesis,
      relayVars,
      envFile,
      startRelay,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
