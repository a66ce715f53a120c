/**
 * `npm run bench:smst`: what the Shannon session tree (SMST, `shared/shannon/smst/`) costs per relay
 * and at claim/proof time, for 10k / 100k (and, when asked, 1M) relays.
 *
 * - In a Durable Object over its SQLite (workerd via Miniflare), as the evidence object will run it:
 *   every relay inserted (`update`, a commit every BENCH_SMST_COMMIT relays in one transaction),
 *   then, in a fresh call with the trie reopened from its stored root (as after an eviction), the
 *   claim's root and the proof: ProveClosest, compaction, gob bytes, and the chain's verification.
 *   Peak memory is the growth of workerd's peak RSS (`scripts/bench/workerd-process.ts`);
 *   time is workerd's CPU time (user + system), not wall time.
 * - In Node with the in-memory store (10k and 100k; the store then holds every node, so its heap is
 *   the whole trie, the contrast to the object's bounded memory).
 *
 * Values are relay-sized (BENCH_SMST_VALUE bytes, 757 = the spec §10 relay), weight 100. A benchmark,
 * not a test: it prints figures and fails only on errors. Loopback only; everything it starts is
 * stopped and its data deleted. Settings: BENCH_SMST_SIZES ("10000,100000"; 1,000,000 takes an estimated 10 or more CPU
 * minutes of inserts, so it is asked for: BENCH_SMST_SIZES=1000000), BENCH_SMST_NODE
 * ("10000,100000"), BENCH_SMST_VALUE (757), BENCH_SMST_COMMIT (10000).
 * @module
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { ROOT } from "./lib/processes.js";
import { cpuMs, memory, peak, workerdPid } from "./bench/workerd-process.js";
import { insertRelays, proveAndVerify } from "./bench/smst-cases.js";
import { MemoryNodeStore, SparseMerkleSumTrie } from "../shared/shannon/smst/index.js";

const SIZES = (process.env.BENCH_SMST_SIZES ?? "10000,100000").split(",").map(Number);
const NODE_SIZES = (process.env.BENCH_SMST_NODE ?? "10000,100000").split(",").filter(Boolean).map(Number);
const VALUE = Number(process.env.BENCH_SMST_VALUE ?? 757);
const COMMIT = Number(process.env.BENCH_SMST_COMMIT ?? 10000);
/** Relays per call into the object: each call stays far below the CPU limit, as relays arrive over time. */
const CHUNK = 50_000;
const CPU_LIMIT_MS = 30_000;

const ENTRY = `
import { DurableObject } from "cloudflare:workers";
import { SparseMerkleSumTrie } from "./shared/shannon/smst/index.ts";
import { insertRelays, proveAndVerify } from "./scripts/bench/smst-cases.ts";

const blob = (u) => (u.byteOffset === 0 && u.byteLength === u.buffer.byteLength ? u.buffer : u.slice().buffer);

/** The NodeStore the evidence object will implement: one WITHOUT ROWID table, a commit per transaction. */
class SqlNodeStore {
  constructor(storage) {
    this.storage = storage;
    this.sql = storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS smst_nodes (digest BLOB PRIMARY KEY, preimage BLOB NOT NULL) WITHOUT ROWID");
  }
  get(digest) {
    const row = this.sql.exec("SELECT preimage FROM smst_nodes WHERE digest = ?", blob(digest)).toArray()[0];
    return row === undefined ? undefined : new Uint8Array(row.preimage);
  }
  write(sets, deletes) {
    this.storage.transactionSync(() => {
      for (const d of deletes) this.sql.exec("DELETE FROM smst_nodes WHERE digest = ?", blob(d));
      for (const [d, p] of sets) this.sql.exec("INSERT OR REPLACE INTO smst_nodes (digest, preimage) VALUES (?, ?)", blob(d), blob(p));
    });
  }
}

const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const fromHex = (hex) => new Uint8Array(hex.match(/../g).map((h) => parseInt(h, 16)));

export class BenchSmst extends DurableObject {
  store() { return (this.nodes ??= new SqlNodeStore(this.ctx.storage)); }
  /** Inserts relays [from, from + count); reopens the trie from its stored root when the object was evicted. */
  async insert(rootHex, from, count, valueSize, commitEvery) {
    this.trie ??= new SparseMerkleSumTrie(this.store(), rootHex ? fromHex(rootHex) : undefined);
    insertRelays(this.trie, from, count, valueSize, commitEvery);
    this.trie.commit();
    return { bytes: this.ctx.storage.sql.databaseSize, root: toHex(this.trie.root()) };
  }
  async proof(rootHex) {
    // A fresh trie from the stored root: what the claimer has after the object was evicted.
    return proveAndVerify(new SparseMerkleSumTrie(this.store(), fromHex(rootHex)));
  }
}
export default {
  async fetch(request, env) {
    const [, method] = new URL(request.url).pathname.split("/");
    const stub = env.BENCH.get(env.BENCH.idFromName("session"));
    try {
      return Response.json(await stub[method](...(await request.json())));
    } catch (error) {
      return Response.json({ error: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
`;

type Row = Record<string, string>;

async function measureObject(mf: Miniflare, pid: number, n: number): Promise<Row> {
  const call = async (method: string, ...args: unknown[]): Promise<any> => {
    const res = await mf.dispatchFetch(`http://bench.local/${method}`, { method: "POST", body: JSON.stringify(args) });
    const body = (await res.json()) as any;
    if (res.status !== 200) throw new Error(`${method}: ${body.error}`);
    return body;
  };
  let slowestCallMs = 0;
  const cpu0 = cpuMs(pid);
  let bytes = 0;
  let rootHex = "";
  const filled = await peak(pid, async () => {
    for (let from = 0; from < n; from += CHUNK) {
      const before = cpuMs(pid);
      const r = await call("insert", rootHex, from, Math.min(CHUNK, n - from), VALUE, COMMIT);
      slowestCallMs = Math.max(slowestCallMs, cpuMs(pid) - before);
      bytes = r.bytes;
      rootHex = r.root;
    }
  });
  const insertMs = cpuMs(pid) - cpu0;
  const cpu1 = cpuMs(pid);
  const proof = await peak(pid, () => call("proof", rootHex));
  const proofMs = cpuMs(pid) - cpu1;
  if (!proof.result.valid) throw new Error(`the proof did not verify: ${JSON.stringify(proof.result)}`);
  return {
    relays: n.toLocaleString("en-US"),
    "insert µs/relay": ((insertMs * 1000) / n).toFixed(1),
    [`slowest ${CHUNK / 1000}k-relay call CPU ms`]: String(slowestCallMs),
    "insert peak MB": filled.peakMB.toFixed(1),
    "DB MB": (bytes / 2 ** 20).toFixed(0),
    "root+proof+gob+verify ms": String(proofMs),
    "proof peak MB": proof.peakMB.toFixed(1),
    "proof gob B": String(proof.result.gobBytes),
    "workerd RSS MB": memory(pid).rss.toFixed(0),
  };
}

function measureNode(n: number): Row {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const trie = new SparseMerkleSumTrie(new MemoryNodeStore());
  const t0 = process.cpuUsage();
  insertRelays(trie, 0, n, VALUE, COMMIT);
  trie.commit();
  const used = process.cpuUsage(t0);
  const insertMs = (used.user + used.system) / 1000;
  const heap = process.memoryUsage().heapUsed - heap0;
  const p0 = process.cpuUsage();
  const proof = proveAndVerify(trie);
  const p = process.cpuUsage(p0);
  if (!proof.valid) throw new Error("the proof did not verify");
  return {
    relays: n.toLocaleString("en-US"),
    "insert µs/relay": ((insertMs * 1000) / n).toFixed(1),
    "root+proof+gob+verify ms": ((p.user + p.system) / 1000).toFixed(1),
    "heap MB (store holds the whole trie)": (heap / 2 ** 20).toFixed(0),
  };
}

async function main(): Promise<void> {
  const out = join(ROOT, ".local", "build");
  mkdirSync(out, { recursive: true });
  const script = join(out, "bench-smst-worker.mjs");
  await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: "ts", sourcefile: "bench-smst-entry.ts" },
    outfile: script,
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    external: ["cloudflare:*"],
    logLevel: "error",
  });

  const objectRows: Row[] = [];
  for (const n of SIZES) {
    // A fresh workerd and database per size; the database on disk, so RSS shows the object, not the file.
    const data = join(ROOT, ".local", "bench-smst-data");
    rmSync(data, { recursive: true, force: true });
    const mf = new Miniflare({
      modules: true,
      scriptPath: script,
      compatibilityDate: "2026-04-01",
      compatibilityFlags: ["nodejs_compat"],
      durableObjects: { BENCH: { className: "BenchSmst", useSQLite: true } },
      durableObjectsPersist: data,
    });
    try {
      await mf.ready;
      objectRows.push(await measureObject(mf, workerdPid(), n));
      console.error(`measured ${n} relays in a Durable Object: ${JSON.stringify(objectRows.at(-1))}`);
    } finally {
      await mf.dispose();
      rmSync(data, { recursive: true, force: true });
    }
  }
  const nodeRows = NODE_SIZES.map(measureNode);

  console.log(`# Shannon SMST inside a Durable Object over SQLite (workerd via Miniflare; ${VALUE}-byte relays, commit every ${COMMIT})\n`);
  console.table(objectRows);
  console.log(`Inserts arrive in calls of ${CHUNK.toLocaleString("en-US")} relays (a live object gets them one request at a time); the root and proof call opens the trie from its stored root.`);
  console.log(`Times are CPU time of the workerd process (Node: of this process). Peak MB = growth of workerd's peak RSS during the phase (SQLite page cache and uncollected garbage included); the isolate's limit is 128 MB, a call's CPU limit ${CPU_LIMIT_MS / 1000} s.\n`);
  if (nodeRows.length > 0) {
    console.log(`# The same in Node, in-memory store\n`);
    console.table(nodeRows);
  }
  mkdirSync(join(ROOT, ".local", "bench"), { recursive: true });
  writeFileSync(
    join(ROOT, ".local", "bench", "smst.json"),
    JSON.stringify({ date: new Date().toISOString(), valueBytes: VALUE, commitEvery: COMMIT, cpuLimitMs: CPU_LIMIT_MS, object: objectRows, node: nodeRows }, null, 2) + "\n",
  );
}

await main();
