/**
 * `npm start`: the whole network on this machine, on loopback — two ganache EVM nodes standing for two
 * regions of chain 0021, the devnet (Pocket network layer) with a generated genesis whose servicers
 * are hosted by this deployment, and the relay Worker with its claimer, under `wrangler dev`.
 * `wrangler dev` does not fire cron triggers, so this script calls the scheduled handler itself on
 * the cron's rhythm. Keys are made once (`.dev.vars`, `.local/network/keys.json`, both git-ignored)
 * and state survives restarts. Prints the endpoints and a copy-paste example, and writes the same to
 * `.local/network.json`. Ctrl-C stops everything.
 *
 * Settings (environment): RELAY_PORT (8787), DEVNET_PORT (8788), EVM_PORTS ("8545,8546"),
 * BLOCK_TIME_MS (15000; 0 = blocks only on demand), CRON_INTERVAL_MS (15000), STATE_DIR (.local/network).
 * @module
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRelay, relayRequestBody } from "../shared/client/relay.js";
import { RELAY_CHAIN, startLocalNetwork } from "./lib/local-network.js";
import { ROOT } from "./lib/processes.js";

const env = process.env;
const int = (name: string, fallback: number): number => {
  const value = env[name] === undefined || env[name] === "" ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${env[name]}`);
  return value;
};
const relayPort = int("RELAY_PORT", 8787);
const devnetPort = int("DEVNET_PORT", 8788);
const evmPorts = (env.EVM_PORTS ?? "8545,8546").split(",").map(Number) as [number, number];
const blockTimeMs = int("BLOCK_TIME_MS", 15000);
const cronIntervalMs = int("CRON_INTERVAL_MS", 15000);
const stateDir = env.STATE_DIR ?? join(ROOT, ".local", "network");

/** The operator token of `/v1/edge/sessions`, made once and kept in `.dev.vars` (git-ignored). */
function operatorToken(): string {
  const file = join(stateDir, "operator-token");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(stateDir, { recursive: true });
  const token = randomBytes(24).toString("hex");
  writeFileSync(file, token + "\n", { mode: 0o600 });
  return token;
}

const log = (line: string) => console.log(`[start] ${line}`);
log("starting two EVM nodes, the devnet and the relay Worker (first start takes ~10 s)…");
const token = operatorToken();
const net = await startLocalNetwork({
  stateDir,
  relayPort,
  devnetPort,
  evmPorts,
  blockTimeMs,
  envFile: join(ROOT, ".dev.vars"),
  relaySecrets: { OPERATOR_TOKEN: token },
  relayArgs: ["--test-scheduled"],
  // Evidence objects poll the chain on their alarm; locally blocks come every few seconds.
  relayVars: { CLAIMER_POLL_MS: String(Math.max(2000, Math.min(blockTimeMs || 5000, 15000))) },
});

let stopping = false;
async function stop(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    clearInterval(cron);
    log("stopping…");
    await net.stop();
    log("stopped");
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

// The cron trigger, as Cloudflare would fire it (wrangler dev's /__scheduled runs the handler).
const cron = setInterval(() => {
  fetch(`${net.relayUrl}/__scheduled?cron=*+*+*+*+*`).then(
    (res) => res.arrayBuffer(),
    (error: unknown) => log(`cron call failed: ${String(error)}`),
  );
}, cronIntervalMs);

// A copy-paste example: a relay signed now for the first servicer of the current session.
const dispatch = (await (await fetch(`${net.relayUrl}/v1/client/dispatch`, { method: "POST", body: JSON.stringify({ app_public_key: net.keys.app.publicKeyHex, chain: RELAY_CHAIN }) })).json()) as {
  session: { header: { session_height: number }; nodes: { address: string }[] };
};
const servicer = net.keys.servicers.find((k) => k.address === dispatch.session.nodes[0]?.address) ?? net.keys.servicers[0];
const example = await makeRelay({
  aat: net.aat,
  client: net.keys.client,
  servicerPubKey: servicer.publicKeyHex,
  chain: RELAY_CHAIN,
  sessionHeight: dispatch.session.header.session_height,
  data: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
});
const curl = `curl -s -X POST ${net.relayUrl}/v1/client/relay -H 'Content-Type: application/json' -d '${relayRequestBody(example.relay)}'`;

const info = {
  relay: net.relayUrl,
  devnet: net.devnet.url,
  evm: { weur: net.evm[0].url, enam: net.evm[1].url },
  chain: RELAY_CHAIN,
  devnet_chain_id: net.genesis.chain_id,
  block_time_ms: blockTimeMs,
  app: { public_key: net.keys.app.publicKeyHex, private_key: net.keys.app.privateKeyHex },
  client: { public_key: net.keys.client.publicKeyHex, private_key: net.keys.client.privateKeyHex },
  aat: net.aat,
  servicers: net.keys.servicers.map((k) => ({ address: k.address, public_key: k.publicKeyHex })),
  operator_token: token,
  example_curl: curl,
};
mkdirSync(join(ROOT, ".local"), { recursive: true });
writeFileSync(join(ROOT, ".local", "network.json"), JSON.stringify(info, null, 2) + "\n", { mode: 0o600 });

console.log(`
Pocket Edge local network is up (state in ${stateDir}; .local/network.json has everything below)

  relay Worker   ${net.relayUrl}          POST /v1/client/relay, /v1/client/dispatch · GET /v1/health
  devnet         ${net.devnet.url}          Pocket RPC /v1/query/*, /v1/client/* · admin /v1/devnet/*
  EVM nodes      ${net.evm[0].url} (weur), ${net.evm[1].url} (enam)   chain ${RELAY_CHAIN}
  servicers      ${net.keys.servicers.map((k) => k.address.slice(0, 8)).join(" ")}  (hosted here)
  blocks         every ${blockTimeMs ? `${blockTimeMs} ms` : "advance"} · cron every ${cronIntervalMs} ms
  sessions       curl -s ${net.relayUrl}/v1/edge/sessions -H 'Authorization: Bearer ${token}'

A relay, signed for servicer ${servicer.address} in session ${dispatch.session.header.session_height} (valid once, until the session ends):

${curl}

Try \`npm run demo\` in another terminal. Ctrl-C stops everything.
`);
