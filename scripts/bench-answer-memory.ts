/**
 * `npm run bench:memory`: how much memory one backend answer costs on the relay path, to choose the
 * default answer cap (`DEFAULT_MAX_RESPONSE_BYTES`). Runs the relay Worker's own answer pipeline —
 * read the body within the cap (64 KiB chunks, as a socket delivers it), decode UTF-8,
 * `sortJSONResponse`, response hash, the signed `{"response","signature"}` body and its UTF-8 bytes —
 * on an eth_getLogs-shaped answer (the kind that grows large), and reports the peak memory the
 * pipeline holds above the baseline (V8 heap + array buffers, sampled between stages with a forced
 * GC; Node runs the same V8 as workerd). Then N answers at once.
 *
 * Run with `node --expose-gc`; the npm script does.
 * @module
 */
import { readStreamLimited } from "../shared/http/body.js";
import { relaySuccessBody } from "../shared/morse/bodies.js";
import { responseHash } from "../shared/morse/relay.js";
import { sortJSONResponse } from "../shared/morse/sort-json-response.js";
import { fromUtf8, utf8 } from "../shared/primitives/bytes.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const MiB = 1024 * 1024;
const used = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** An eth_getLogs answer of about `size` bytes. */
function logsAnswer(size: number): string {
  const log = (i: number) => ({
    address: "0x" + "ab".repeat(20),
    topics: ["0x" + "cd".repeat(32), "0x" + (i.toString(16).padStart(64, "0"))],
    data: "0x" + "ef".repeat(64),
    blockNumber: "0x" + (1_000_000 + i).toString(16),
    transactionHash: "0x" + "12".repeat(32),
    transactionIndex: "0x1",
    blockHash: "0x" + "34".repeat(32),
    logIndex: "0x" + i.toString(16),
    removed: false,
  });
  const one = JSON.stringify(log(0)).length + 1;
  const logs = Array.from({ length: Math.ceil(size / one) }, (_, i) => log(i));
  return JSON.stringify({ jsonrpc: "2.0", id: 1, result: logs });
}

function stream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, (at += 64 * 1024)));
    },
  });
}

/** The pipeline, sampling memory after each stage while holding what the relay holds then. */
async function pipeline(wire: Uint8Array, peak: { max: number }, base: number): Promise<number> {
  const sample = () => {
    gc!();
    peak.max = Math.max(peak.max, used() - base);
  };
  const bytes = await readStreamLimited(stream(wire), 64 * MiB);
  sample();
  const body = fromUtf8(bytes!);
  sample();
  const sorted = sortJSONResponse(body);
  sample();
  const hash = responseHash(sorted, "00".repeat(32));
  const answer = utf8(relaySuccessBody(sorted, "aa".repeat(64)));
  sample();
  return answer.length + hash.length;
}

// The peak inside sortJSONResponse (the parsed tree) is not visible between stages: measure it alone.
function parsedTreeBytes(text: string, base: number): number {
  gc!();
  const tree = JSON.parse(text);
  gc!();
  const size = used() - base;
  void tree;
  return size;
}

const sizes = (process.env.BENCH_ANSWER_MIB ?? "1,4,8,16").split(",").map(Number);
const concurrent = Number(process.env.BENCH_ANSWER_CONCURRENT ?? 4);
const rows: { mib: number; single: number; tree: number; concurrent: number }[] = [];
for (const mib of sizes) {
  const wire = utf8(logsAnswer(mib * MiB));
  gc();
  const base = used();
  const peak = { max: 0 };
  await pipeline(wire, peak, base);
  const text = fromUtf8(wire);
  gc();
  const textBase = used();
  const tree = parsedTreeBytes(text, textBase);
  gc();
  const base2 = used();
  const peakN = { max: 0 };
  await Promise.all(Array.from({ length: concurrent }, () => pipeline(wire, peakN, base2)));
  rows.push({ mib, single: peak.max / MiB, tree: tree / MiB, concurrent: peakN.max / MiB });
}
console.log(`answer pipeline memory (eth_getLogs-shaped JSON; MB above baseline, V8 heap + buffers; ${concurrent} at once in the last column)`);
console.log("| answer | one answer, between stages | + parsed tree inside sortJSONResponse | worst case one answer | " + concurrent + " at once (between stages) |");
console.log("|---|---|---|---|---|");
for (const r of rows) {
  console.log(`| ${r.mib} MiB | ${r.single.toFixed(1)} | ${r.tree.toFixed(1)} | ${(r.single + r.tree).toFixed(1)} | ${r.concurrent.toFixed(1)} |`);
}
