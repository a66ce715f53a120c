/**
 * The last step of `npm run bench`: one table gathering what the benchmarks of this run wrote to
 * `.local/bench/` (protocol crypto and Merkle, relay Worker vs bare proxy Worker vs backend at two
 * load levels, claim root and proof branch inside a Durable Object, the Shannon SMST), with each target and verdict.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/processes.js";

const dir = join(ROOT, ".local", "bench");
const read = (name: string): any => {
  const file = join(dir, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
};
const rows: { area: string; measure: string; figure: string; target: string; verdict: string }[] = [];
const add = (area: string, measure: string, figure: string, target = "-", ok?: boolean) =>
  rows.push({ area, measure, figure, target, verdict: ok === undefined ? "-" : ok ? "meets" : "MISSES" });

const protocol = read("protocol.json");
if (protocol) {
  const { webcrypto, noble } = protocol.servicerPathMs;
  add("protocol", "servicer crypto path per relay, workerd WebCrypto", `${webcrypto.toFixed(3)} ms`, "≤ 0.3 ms", webcrypto <= 0.3);
  add("protocol", "the same with @noble/ed25519", `${noble.toFixed(3)} ms (${(noble / webcrypto).toFixed(1)}×)`);
  for (const m of protocol.merkle) add("protocol", `Merkle root + branch, ${m.leaves.toLocaleString("en-US")} leaves (Node)`, `${m.seconds.toFixed(2)} s, ${m.peakHeapMB.toFixed(1)} MB heap`);
}
for (const [file, label] of [
  ["relay-c8.json", "8 in flight"],
  ["relay-c1.json", "1 in flight"],
] as const) {
  const relay = read(file);
  if (!relay) continue;
  for (const r of relay.results) {
    const by = Object.fromEntries(r.targets.map((t: any) => [t.name, t]));
    const errors = r.targets.reduce((n: number, t: any) => n + t.errors, 0);
    const area = `relay, ${r.backend} backend, ${label}`;
    add(area, "req/s direct / bare proxy Worker / relay Worker", `${by.direct.throughput.toFixed(0)} / ${by.proxy.throughput.toFixed(0)} / ${by.relay.throughput.toFixed(0)}${errors ? ` (${errors} errors)` : ""}`);
    add(area, "p50 ms direct / proxy / relay", `${by.direct.p50Ms.toFixed(2)} / ${by.proxy.p50Ms.toFixed(2)} / ${by.relay.p50Ms.toFixed(2)}`);
    add(area, "relay / proxy throughput", `${r.ratios.relayOverProxyThroughputPct.toFixed(1)} %`, "≥ 70 %", r.verdicts.throughput);
    add(area, "relay − proxy p50", `${r.ratios.relayMinusProxyP50Ms >= 0 ? "+" : ""}${r.ratios.relayMinusProxyP50Ms.toFixed(2)} ms`, "≤ 2 ms", r.verdicts.addedP50);
  }
}
const claims = read("claims.json");
if (claims) {
  for (const r of claims.rows) {
    add("claims", `${r.relays} stored relays: root / branch inside the evidence object`, `${r["root ms"]} ms / ${r["branch ms"]} ms`, `≤ ${claims.cpuLimitMs / 1000} s CPU`, Number(r["root ms"]) + Number(r["branch ms"]) <= claims.cpuLimitMs);
    add("claims", `${r.relays} stored relays: peak memory root / branch (all rows in memory)`, `${r["root peak MB"]} / ${r["branch peak MB"]} MB (${r["all rows in memory MB"]} MB)`, "≤ 128 MB", Number(r["root peak MB"]) <= 128);
  }
}
const smst = read("smst.json");
if (smst) {
  for (const r of smst.object) {
    add("smst", `${r.relays} relays: insert per relay inside the evidence object (SQLite)`, `${r["insert µs/relay"]} µs`);
    add("smst", `${r.relays} relays: root + closest proof + gob + verify`, `${r["root+proof+gob+verify ms"]} ms`, `≤ ${smst.cpuLimitMs / 1000} s CPU`, Number(r["root+proof+gob+verify ms"]) <= smst.cpuLimitMs);
    add("smst", `${r.relays} relays: peak memory inserting / proving`, `${r["insert peak MB"]} / ${r["proof peak MB"]} MB`, "≤ 128 MB", Number(r["insert peak MB"]) <= 128 && Number(r["proof peak MB"]) <= 128);
  }
}
console.log("\n# npm run bench — summary of this run (details above; 2-core shared machine: compare ratios, not absolute times)\n");
if (rows.length === 0) console.log("no results in .local/bench/: run the benchmarks first");
else console.table(rows);
