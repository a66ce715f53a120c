/**
 * End to end, over HTTP, with every real part: two ganache EVM nodes, the devnet and the relay Worker
 * (with its claimer) under `wrangler dev`, driven by the application client. Relays flow; the EVM node
 * serving them is killed mid-run and no relay fails; the relay Worker is restarted mid-session and no
 * evidence is lost (replays still refused, counts intact); then blocks and the cron carry every
 * session through claim and proof, and each servicer's balance rises by exactly the reward formula.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RELAY_CHAIN, startLocalNetwork, type LocalNetwork } from "../../scripts/lib/local-network.js";
import { PocketClient } from "../../shared/client/client.js";
import { makeRelay, relayRequestBody } from "../../shared/client/relay.js";
import { parseParams } from "../../shared/chain/params.js";
import { relayReward } from "../../shared/chain/rewards.js";

const TOKEN = "e2e-operator-token";
const stateDir = mkdtempSync(join(tmpdir(), "pocket-edge-e2e-"));
let starting: Promise<LocalNetwork> | undefined;
let net: LocalNetwork;
let client: PocketClient;

beforeAll(async () => {
  starting = startLocalNetwork({
    stateDir,
    blockTimeMs: 0,
    relayArgs: ["--test-scheduled"],
    relaySecrets: { OPERATOR_TOKEN: TOKEN },
    relayVars: { CLAIMER_POLL_MS: "1000", HEIGHT_CACHE_MS: "0", LOG_RELAYS: "false" },
  });
  net = await starting;
  client = new PocketClient({ dispatcher: net.relayUrl, aat: net.aat, client: net.keys.client, chain: RELAY_CHAIN });
}, 180_000);

afterAll(async () => {
  await (await starting?.catch(() => undefined))?.stop();
  rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

const call = (id: number) => JSON.stringify({ jsonrpc: "2.0", id, method: "eth_blockNumber", params: [] });
const regionOf = (timing: string | null) => /desc="([a-z]+)\//.exec(timing ?? "")?.[1];

async function relays(count: number, from: number): Promise<{ regions: Map<string, number>; servicers: Map<string, number> }> {
  const regions = new Map<string, number>();
  const servicers = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const outcome = await client.relay(call(from + i));
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    if (!outcome.ok) continue;
    expect(outcome.attempts).toBe(1);
    const region = regionOf(outcome.timing) ?? "?";
    regions.set(region, (regions.get(region) ?? 0) + 1);
    servicers.set(outcome.servicer, (servicers.get(outcome.servicer) ?? 0) + 1);
  }
  return { regions, servicers };
}

async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: "POST", body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text}`);
  return JSON.parse(text);
}

async function sessions(): Promise<any[]> {
  const res = await fetch(`${net.relayUrl}/v1/edge/sessions?limit=1000`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { sessions: any[] }).sessions;
}

describe("the whole network", () => {
  const served = new Map<string, number>();
  let sessionHeight = 0;
  let replayBody = "";

  it("serves relays through the client, and keeps serving with no error when the serving EVM node dies", async () => {
    sessionHeight = (await client.currentSession()).sessionHeight;
    const before = await relays(20, 0);
    const used = [...before.regions.keys()];
    expect(used).toHaveLength(1);
    const dying = net.evm[used[0] === "weur" ? 0 : 1];
    await dying.stop();
    const after = await relays(30, 100);
    expect([...after.regions.keys()]).toEqual([used[0] === "weur" ? "enam" : "weur"]);
    for (const m of [before.servicers, after.servicers]) for (const [k, n] of m) served.set(k, (served.get(k) ?? 0) + n);
  }, 120_000);

  it("loses no evidence when the relay Worker restarts mid-session", async () => {
    // One relay sent by hand, so its exact body can be replayed after the restart.
    const node = (await client.currentSession()).nodes[0];
    const servicer = net.keys.servicers.find((k) => k.address === node.address)!;
    const signed = await makeRelay({ aat: net.aat, client: net.keys.client, servicerPubKey: servicer.publicKeyHex, chain: RELAY_CHAIN, sessionHeight, data: call(999) });
    replayBody = relayRequestBody(signed.relay);
    const first = await fetch(`${net.relayUrl}/v1/client/relay`, { method: "POST", body: replayBody });
    expect(first.status).toBe(200);
    served.set(servicer.address, (served.get(servicer.address) ?? 0) + 1);

    await net.relay!.stop();
    await net.startRelay();

    const replay = await fetch(`${net.relayUrl}/v1/client/relay`, { method: "POST", body: replayBody });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as any).error.code).toBe(37);
    const more = await relays(10, 200);
    for (const [k, n] of more.servicers) served.set(k, (served.get(k) ?? 0) + n);

    // The registry learns counts from each object's alarm (CLAIMER_POLL_MS): wait for the report.
    const want = JSON.stringify(Object.fromEntries([...served].sort()));
    let ours: any[] = [];
    for (let i = 0; i < 40; i++) {
      ours = (await sessions()).filter((s) => s.sessionHeight === sessionHeight);
      if (JSON.stringify(Object.fromEntries(ours.map((s) => [s.servicer, s.relays]).sort())) === want) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(Object.fromEntries(ours.map((s) => [s.servicer, s.relays])), JSON.stringify(ours.map((s) => [s.servicer, s.state, s.relays]))).toEqual(Object.fromEntries(served));
  }, 120_000);

  it("claims and proves every session; each balance rises by exactly the reward formula", async () => {
    const genesis = await (await fetch(`${net.devnet.url}/v1/devnet/genesis`)).json();
    const params = parseParams((genesis as any).params ?? (genesis as any).genesis?.params);
    if (!params.ok) throw new Error(params.error);
    const balances = new Map<string, bigint>();
    for (const address of served.keys()) balances.set(address, BigInt((await post(`${net.devnet.url}/v1/query/balance`, { address })).balance));

    const deadline = Date.now() + 90_000;
    let ours: any[] = [];
    while (Date.now() < deadline) {
      await post(`${net.devnet.url}/v1/devnet/advance`, { blocks: 1 });
      await fetch(`${net.relayUrl}/__scheduled?cron=*+*+*+*+*`).then((r) => r.arrayBuffer());
      await new Promise((r) => setTimeout(r, 300));
      ours = (await sessions()).filter((s) => s.sessionHeight === sessionHeight);
      if (ours.length === served.size && ours.every((s) => ["proven", "expired", "failed", "discarded"].includes(s.state))) break;
    }
    expect(ours.map((s) => s.state)).toEqual(ours.map(() => "proven"));
    for (const s of ours) {
      const reward = relayReward(params.value, RELAY_CHAIN, BigInt(s.relays)).nodeReward;
      const now = BigInt((await post(`${net.devnet.url}/v1/query/balance`, { address: s.servicer })).balance);
      // The claim and the proof each pay the 10000 upokt fee.
      expect(now - balances.get(s.servicer)!, s.servicer).toBe(reward - 2n * 10_000n);
    }
  }, 150_000);
});
