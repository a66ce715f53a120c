#!/usr/bin/env node
// `npm run bench:protocol`: the servicer's per-relay crypto work in Node and in workerd, WebCrypto
// and noble side by side, and Merkle root + branch time and memory for 10k/100k/1M leaves.
// A benchmark, not a test: it prints figures and never fails on them. Loopback only, bounded.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "node_modules", ".cache", "pocket-edge-bench");
mkdirSync(out, { recursive: true });
const N = Number(process.env.BENCH_N ?? 500);
const MERKLE_SIZES = (process.env.BENCH_MERKLE ?? "10000,100000,1000000").split(",").map(Number);

const common = { bundle: true, format: "esm", target: "es2022", logLevel: "error" };
await build({ ...common, entryPoints: [join(root, "scripts/bench/node-entry.ts")], platform: "node", outfile: join(out, "node.mjs") });
await build({ ...common, entryPoints: [join(root, "scripts/bench/worker-entry.ts")], platform: "neutral", mainFields: ["module", "main"], outfile: join(out, "worker.mjs") });

// Each measurement runs in a fresh process, so one does not warm or pollute another.
const node = (...args) => JSON.parse(execFileSync(process.execPath, ["--expose-gc", join(out, "node.mjs"), ...args], { encoding: "utf8", maxBuffer: 1 << 24 }));

console.log(`# Servicer crypto per relay (${N} sequential ops per case, ms per op; lower is better)\n`);
const nodeRun = node("crypto", String(N));
const mf = new Miniflare({ modules: true, scriptPath: join(out, "worker.mjs"), compatibilityDate: "2026-04-01" });
let workerdRows;
try {
  workerdRows = await (await mf.dispatchFetch(`http://localhost/?n=${N}`)).json();
} finally {
  await mf.dispose();
}

const key = (r) => `${r.case}|${r.impl}`;
const wd = new Map(workerdRows.map((r) => [key(r), r.msPerOp]));
const table = nodeRun.rows.map((r) => ({
  case: r.case,
  impl: r.impl,
  "Node ms/op": r.msPerOp.toFixed(4),
  "workerd ms/op": wd.has(key(r)) ? wd.get(key(r)).toFixed(4) : "-",
}));
console.table(table);
const path = (impl, rows) => rows.find((r) => r.case.startsWith("servicer path") && r.impl === impl)?.msPerOp;
const webW = path("webcrypto", workerdRows), nobleW = path("noble", workerdRows);
if (webW && nobleW) {
  console.log(`servicer path in workerd: WebCrypto ${webW.toFixed(3)} ms vs noble ${nobleW.toFixed(3)} ms per relay (noble/WebCrypto = ${(nobleW / webW).toFixed(1)}x); target <= 0.3 ms`);
}
console.log(`Node process CPU for the whole crypto run: ${nodeRun.cpuMs.toFixed(0)} ms (WebCrypto in Node runs on libuv threads; workerd runs it inline)\n`);

console.log("# Merkle root + one branch, streamed from sorted leaves (Node, fresh process per size)\n");
const merkle = MERKLE_SIZES.map((n) => node("merkle", String(n)));
console.table(
  merkle.map((r) => ({
    leaves: r.leaves.toLocaleString("en-US"),
    seconds: r.seconds.toFixed(2),
    "peak heap growth MB": r.peakHeapMB.toFixed(1),
    "retained after GC MB": r.retainedHeapMB.toFixed(1),
    "input (not heap) MB": r.inputMB.toFixed(1),
  })),
);
console.log("targets: 1M leaves root + branch <= 10 s with <= 128 MB heap growth");
mkdirSync(join(root, ".local", "bench"), { recursive: true });
writeFileSync(
  join(root, ".local", "bench", "protocol.json"),
  JSON.stringify({ date: new Date().toISOString(), servicerPathMs: { webcrypto: webW, noble: nobleW }, merkle }, null, 2) + "\n",
);
