/**
 * `npm run bench:claims`: what claiming and proving a big session costs inside its evidence Durable
 * Object. For 10k and 100k stored relays (realistic ~1 KB proof rows) it fills one object, then
 * times, inside the object, the claim's Merkle root and the proof's branch exactly as the claimer
 * builds them (`shared/claimer/tree.ts` over the object's SQLite cursor), and the deletion of the
 * relays afterwards. Peak memory is the growth of the workerd process's peak resident set (Linux
 * `VmHWM`, reset before each build through `/proc/<pid>/clear_refs`): it includes SQLite's page cache
 * and everything else the build touched, so it bounds the isolate's share from above.
 *
 * A benchmark, not a test: it prints figures and fails only on errors. Loopback only; everything it
 * starts is stopped. Settings (environment): BENCH_CLAIM_SIZES (default "10000,100000").
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { relayProofToJSON } from "../shared/morse/tx/msgs.js";
import { signedRelayProofs, TEST_APP, TEST_CHAIN, TEST_CLIENT, testKey } from "../shared/chain/testing.js";
import { ROOT } from "./lib/processes.js";
import { peak, workerdPid } from "./bench/workerd-process.js";

const SIZES = (process.env.BENCH_CLAIM_SIZES ?? "10000,100000").split(",").map(Number);
/** The Durable Object CPU limit a build must stay within (the default; `[limits] cpu_ms` raises it). */
const CPU_LIMIT_MS = 30_000;

// The object under test: the real SessionEvidence, plus methods that fill it and time the claimer's
// builds from inside (workerd's clock advances during synchronous work locally).
const ENTRY = `
import { SessionEvidence } from "./durable-objects/session-evidence.ts";
import { EvidenceStore } from "./durable-objects/evidence/store.ts";
import { claimTree, proofBranch } from "./shared/claimer/tree.ts";
import { rowKey } from "./shared/evidence/row-key.ts";

export class BenchEvidence extends SessionEvidence {
  sqlStore() { return new EvidenceStore(this.ctx.storage.sql); }
  async fill(header, count, proof) {
    const sql = this.ctx.storage.sql;
    const t0 = Date.now();
    const first = await this.reserve({ header, key: rowKey(crypto.getRandomValues(new Uint8Array(32))), proof, maxRelays: String(count) });
    if (!first.ok) throw new Error(JSON.stringify(first));
    const store = this.sqlStore();
    for (let done = 1; done < count; ) {
      const batch = Math.min(5000, count - done);
      this.ctx.storage.transactionSync(() => {
        for (let i = 0; i < batch; i++) store.insertRelay(rowKey(crypto.getRandomValues(new Uint8Array(32))), proof);
      });
      done += batch;
    }
    return { ms: Date.now() - t0, rows: store.countRelays(), bytes: sql.databaseSize };
  }
  async root(count) {
    const t0 = Date.now();
    const built = claimTree(this.sqlStore(), count);
    if (!built.ok) throw new Error(built.error);
    return { ms: Date.now() - t0 };
  }
  async branch(count, index) {
    const t0 = Date.now();
    const built = proofBranch(this.sqlStore(), count, index);
    if (!built.ok) throw new Error(built.error);
    return { ms: Date.now() - t0, levels: built.proof.hashRanges.length };
  }
  /** For contrast: every row in memory at once, as an in-memory builder would hold them. */
  async materialize() {
    const t0 = Date.now();
    const rows = this.ctx.storage.sql.exec("SELECT key, proof FROM relays ORDER BY key").toArray();
    return { ms: Date.now() - t0, rows: rows.length };
  }
  async drop() {
    const t0 = Date.now();
    this.sqlStore().dropRelays();
    return { ms: Date.now() - t0 };
  }
}
// Node drives the object through this Worker: POST /<object name>/<method> with the arguments as JSON.
export default {
  async fetch(request, env) {
    // The object is named by its session, as the relay Worker names it.
    const [, name, method] = new URL(request.url).pathname.split("/").map(decodeURIComponent);
    const stub = env.BENCH.get(env.BENCH.idFromName(name));
    try {
      return Response.json(await stub[method](...(await request.json())));
    } catch (error) {
      return Response.json({ error: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
`;

interface Row {
  relays: string;
  "fill s": string;
  "DB MB": string;
  "root ms": string;
  "root peak MB": string;
  "branch ms": string;
  "branch peak MB": string;
  "all rows in memory MB": string;
  "delete ms": string;
}

/** Fills one session's object with `n` relays and measures its builds. */
async function measure(mf: Miniflare, pid: number, n: number, proofText: string, servicerPubKey: string): Promise<Row> {
  const header = { servicerPubKey, appPubKey: TEST_APP.publicKeyHex, chain: TEST_CHAIN, sessionHeight: "10001" };
  // The object is named by its session, as the relay Worker names it.
  const name = encodeURIComponent(`${header.servicerPubKey}/${header.appPubKey}/${header.chain}/${header.sessionHeight}`);
  const call = async (method: string, ...args: unknown[]): Promise<any> => {
    const res = await mf.dispatchFetch(`http://bench.local/${name}/${method}`, { method: "POST", body: JSON.stringify(args) });
    const body = (await res.json()) as any;
    if (res.status !== 200) throw new Error(`${method}: ${body.error}`);
    return body;
  };
  const filled = await call("fill", header, n, proofText);
  if (filled.rows !== n) throw new Error(`filled ${filled.rows} rows, expected ${n}`);
  // The first build after filling: cold code and cold pages, as the claimer meets them.
  const root = await peak(pid, () => call("root", n));
  const branch = await peak(pid, () => call("branch", n, Math.floor(n / 3)));
  // Last, since the heap it grows is not handed back at once.
  const materialized = await peak(pid, () => call("materialize"));
  const dropped = await call("drop");
  return {
    relays: n.toLocaleString("en-US"),
    "fill s": (filled.ms / 1000).toFixed(1),
    "DB MB": (filled.bytes / 2 ** 20).toFixed(0),
    "root ms": String(root.result.ms),
    "root peak MB": root.peakMB.toFixed(1),
    "branch ms": String(branch.result.ms),
    "branch peak MB": branch.peakMB.toFixed(1),
    "all rows in memory MB": materialized.peakMB.toFixed(1),
    "delete ms": String(dropped.ms),
  };
}

async function main(): Promise<void> {
  const out = join(ROOT, ".local", "build");
  mkdirSync(out, { recursive: true });
  const script = join(out, "bench-claims-worker.mjs");
  await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: "ts", sourcefile: "bench-claims-entry.ts" },
    outfile: script,
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    external: ["cloudflare:*"],
    logLevel: "error",
  });

  const servicer = testKey("bench claims servicer");
  const [sample] = await signedRelayProofs({ app: TEST_APP, client: TEST_CLIENT, servicerPublicKey: servicer.publicKeyHex, chain: TEST_CHAIN, sessionHeight: 10001n, count: 1 });
  const proofText = JSON.stringify(relayProofToJSON(sample));

  const rows: Row[] = [];
  // A fresh workerd per size, so one measurement does not warm or grow the heap of another.
  for (const n of SIZES) {
    const mf = new Miniflare({
      modules: true,
      scriptPath: script,
      compatibilityDate: "2026-04-01",
      compatibilityFlags: ["nodejs_compat"],
      durableObjects: { BENCH: { className: "BenchEvidence", useSQLite: true } },
    });
    try {
      await mf.ready;
      rows.push(await measure(mf, workerdPid(), n, proofText, servicer.publicKeyHex));
      console.error(`measured ${n} relays`);
    } finally {
      await mf.dispose();
    }
  }
  console.log("# Claim root and proof branch inside a session-evidence Durable Object (workerd via Miniflare)\n");
  console.table(rows);
  mkdirSync(join(ROOT, ".local", "bench"), { recursive: true });
  writeFileSync(join(ROOT, ".local", "bench", "claims.json"), JSON.stringify({ date: new Date().toISOString(), cpuLimitMs: CPU_LIMIT_MS, rows }, null, 2) + "\n");
  console.log(`Root and branch stream the rows in key order (O(log n) memory beyond the cursor); each must stay within the Durable Object CPU limit (${CPU_LIMIT_MS / 1000} s by default).`);
  console.log("Peak MB = growth of workerd's peak RSS during the call (SQLite page cache included); the isolate's limit is 128 MB.");
  console.log("'all rows in memory' reads every row at once (toArray), as an in-memory builder would: the cost streaming avoids.");
}

await main();
