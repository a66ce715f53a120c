/**
 * `npm run demo`, against the network `npm start` runs: sends a few hundred relays through the
 * application client (`shared/client/client.ts`), shows them spread over the session's servicers and
 * regions, then drives the devnet block by block and the claimer's cron, following each session
 * through sealed → claimed → proven, and ends with a table of relays, claims, proofs and rewards
 * checked against the reward formula.
 *
 * Settings (environment): DEMO_RELAYS (300), DEMO_CONCURRENCY (8), DEMO_TIMEOUT_MS (180000).
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PocketClient } from "../shared/client/client.js";
import { parseParams } from "../shared/chain/params.js";
import { relayReward } from "../shared/chain/rewards.js";
import { parsePrivateKey } from "../shared/morse/keys.js";
import { ROOT } from "./lib/processes.js";

const file = join(ROOT, ".local", "network.json");
if (!existsSync(file)) {
  console.error("demo: no running network found (.local/network.json). Start it first with `npm start` in another terminal.");
  process.exit(1);
}
const net = JSON.parse(readFileSync(file, "utf8"));
const total = Number(process.env.DEMO_RELAYS ?? 300);
const concurrency = Number(process.env.DEMO_CONCURRENCY ?? 8);
const timeoutMs = Number(process.env.DEMO_TIMEOUT_MS ?? 180_000);
const started = Date.now();
const say = (line: string) => console.log(`[demo ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);

async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}
const height = async (): Promise<number> => (await post(`${net.devnet}/v1/query/height`, {})).height;
const sessions = async (): Promise<any> => {
  const res = await fetch(`${net.relay}/v1/edge/sessions?limit=1000`, { headers: { Authorization: `Bearer ${net.operator_token}` } });
  if (res.status !== 200) throw new Error(`/v1/edge/sessions answered ${res.status}: ${await res.text()}`);
  return res.json();
};
const cron = async () => void (await fetch(`${net.relay}/__scheduled?cron=*+*+*+*+*`).then((r) => r.arrayBuffer()));

const client = parsePrivateKey(net.client.private_key);
if (!client.ok) throw new Error(client.error);
const pocket = new PocketClient({ dispatcher: net.relay, aat: net.aat, client: client.key, chain: net.chain });

// 1. Relays.
const session = await pocket.currentSession();
say(`session ${session.sessionHeight} of app ${net.app.public_key.slice(0, 8)}… on chain ${net.chain}: ${session.nodes.length} servicers`);
const perServicer = new Map<string, number>();
const perRegion = new Map<string, number>();
let sent = 0;
let failed = 0;
const errors = new Map<string, number>();
async function worker(): Promise<void> {
  while (sent < total) {
    sent++;
    const outcome = await pocket.relay(JSON.stringify({ jsonrpc: "2.0", id: sent, method: "eth_blockNumber", params: [] }));
    if (outcome.ok) {
      perServicer.set(outcome.servicer, (perServicer.get(outcome.servicer) ?? 0) + 1);
      const region = /desc="([a-z]+)\//.exec(outcome.timing ?? "")?.[1] ?? "?";
      perRegion.set(region, (perRegion.get(region) ?? 0) + 1);
    } else {
      failed++;
      const key = outcome.code !== undefined ? `code ${outcome.code}` : outcome.error.slice(0, 60);
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
    const done = [...perServicer.values()].reduce((a, b) => a + b, 0) + failed;
    if (done % 50 === 0 || done === total) {
      say(`relays ${done}/${total} · by region ${[...perRegion].map(([r, n]) => `${r} ${n}`).join(", ")} · failed ${failed}`);
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
if (errors.size) say(`failures: ${[...errors].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
const served = [...perServicer.values()].reduce((a, b) => a + b, 0);
say(`served ${served} signed relays (every signature verified by the client)`);

// 2. Evidence, then drive blocks and the cron until every session of ours ends.
const mine = (all: any) => all.sessions.filter((s: any) => s.sessionHeight === session.sessionHeight && s.app === net.app.public_key);
const show = (s: any) => `${s.servicer.slice(0, 8)} ${String(s.relays).padStart(4)} relays ${s.state}`;
// Each evidence object registers with the claimer from its first alarm, about a second after its
// first relay; blocks wait until every session is known.
for (let i = 0; i < 40 && mine(await sessions()).length < perServicer.size; i++) await new Promise((r) => setTimeout(r, 500));
say(`evidence: ${mine(await sessions()).map(show).join(" | ") || "(not registered yet)"}`);
const genesis = await (await fetch(`${net.devnet}/v1/devnet/genesis`)).json();
const params = parseParams((genesis as any).params ?? (genesis as any).genesis?.params);
if (!params.ok) throw new Error(`devnet params: ${params.error}`);
const p = params.value;
say(`claim window: session ${session.sessionHeight} ends at ${session.sessionHeight + p.blocks_per_session - 1}; claims by ${session.sessionHeight + p.claim_submission_window * p.blocks_per_session}; proofs from then on`);

const terminal = new Set(["proven", "expired", "discarded", "failed"]);
let last = "";
for (;;) {
  if (Date.now() - started > timeoutMs) {
    say(`timed out after ${timeoutMs} ms; the claimer keeps working in the background — check /v1/edge/sessions`);
    break;
  }
  await post(`${net.devnet}/v1/devnet/advance`, { blocks: 1 });
  await cron();
  // Time for the ticks the cron started (claims, proofs, confirmations) before the next block.
  await new Promise((r) => setTimeout(r, 800));
  const ours = mine(await sessions());
  const line = `height ${await height()} · ${ours.map(show).join(" | ")}`;
  if (line !== last) say(line);
  last = line;
  if (ours.length > 0 && ours.length === perServicer.size && ours.every((s: any) => terminal.has(s.state))) break;
}

// 3. Summary.
const final = mine(await sessions());
console.log("\nservicer                                  relays  state      claim tx (height)         proof index  earned (upokt)  formula (upokt)  balance change");
let totalEarned = 0n;
let allMatch = true;
for (const s of final) {
  const formula = relayReward(p, net.chain, BigInt(s.relays)).nodeReward;
  const earned = s.earned === null ? null : BigInt(s.earned);
  if (earned !== null) totalEarned += earned;
  if (earned !== formula) allMatch = false;
  console.log(
    `${s.servicer}  ${String(s.relays).padStart(6)}  ${s.state.padEnd(9)}  ${(s.claim ? `${s.claim.hash.slice(0, 10)}… (${s.claim.result?.height ?? "-"})` : "-").padEnd(24)}  ${String(s.proof?.index ?? "-").padStart(11)}  ${String(earned ?? "-").padStart(14)}  ${String(formula).padStart(15)}  ${s.balanceAfter !== null && s.balanceBefore !== null ? `+${BigInt(s.balanceAfter) - BigInt(s.balanceBefore)}` : "-"}`,
  );
}
console.log("(balance change: reward credited at the proof, less the 10000 upokt proof fee paid from the account)");
console.log(`\n${served} relays served, ${failed} failed · ${final.filter((s: any) => s.state === "proven").length}/${final.length} sessions proven · earned ${totalEarned} upokt · ${allMatch ? "every reward equals the formula" : "some rewards differ from the formula (see above)"}`);
process.exit(allMatch && failed === 0 ? 0 : 1);
