/**
 * The load generator of `npm run bench:relay`, run in a worker thread: the ganache nodes and the
 * static backend live in the main thread, and their work must not stall this thread's clock. For
 * each backend it warms every target up, then runs the targets in rounds, rotating their order, with
 * a fixed number of requests in flight, and returns latency and error figures per target.
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { cpuBetween, cpuSnapshot, type WatchedRoot } from "./process-cpu.js";

export type TargetName = "direct" | "proxy" | "relay";

export interface LoadTarget {
  readonly name: TargetName;
  readonly url: string;
  /** Request bodies, used in order and cycled when fewer than needed (`distinct` targets never cycle). */
  readonly bodies: readonly string[];
  /** Every request needs a body of its own (a relay is served once; a replay answers code 37). */
  readonly distinct: boolean;
}

export interface LoadCase {
  readonly backend: string;
  readonly targets: readonly LoadTarget[];
}

export interface LoadSettings {
  readonly concurrency: number;
  /** Measured requests per target, split over the rounds. */
  readonly requests: number;
  readonly rounds: number;
  /** Unmeasured requests per target before the rounds. */
  readonly warmup: number;
  /** Wall-time budget of one target over all its rounds (its warm-up has as much again). */
  readonly timeLimitMs: number;
  /** Every `sampleEvery`-th relay answer is returned for signature verification. */
  readonly sampleEvery: number;
}

export interface LoadPlan {
  readonly settings: LoadSettings;
  readonly cases: readonly LoadCase[];
  /** Processes whose CPU time is read around every measured batch. */
  readonly processes: readonly WatchedRoot[];
}

/** Medians of the relay Worker's `Server-Timing` over its successful answers. */
export interface ServerTimingSummary {
  readonly samples: number;
  readonly edgeMs: number;
  readonly backendMs: number;
  readonly totalMs: number;
  readonly hedged: number;
  /** Answers per `region/backend`. */
  readonly backends: Record<string, number>;
}

export interface TargetResult {
  readonly name: TargetName;
  readonly requests: number;
  readonly errors: number;
  /** Error kind → count, e.g. `HTTP 400 code 37`. */
  readonly errorKinds: Record<string, number>;
  readonly firstError: string | undefined;
  /** Sum of the rounds' wall times. */
  readonly elapsedMs: number;
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  /** Throughput of each round, in the order the rounds ran. */
  readonly roundThroughput: readonly number[];
  /** The time limit stopped it before its count. */
  readonly cutShort: boolean;
  /** CPU ms per request by `instance/part` (see process-cpu.ts); empty where `/proc` is unreadable. */
  readonly cpuMsPerRequest: Record<string, number>;
  readonly serverTiming: ServerTimingSummary | undefined;
  /** Relay answers to verify: index into the target's bodies, and the answer text. */
  readonly samples: readonly { readonly index: number; readonly text: string }[];
}

export interface CaseResult {
  readonly backend: string;
  readonly targets: readonly TargetResult[];
}

export type LoadMessage = { readonly type: "progress"; readonly text: string } | { readonly type: "done"; readonly cases: readonly CaseResult[] };

interface Tally {
  latencies: number[];
  errors: number;
  errorKinds: Map<string, number>;
  firstError: string | undefined;
  timings: { edge: number; backend: number; total: number; hedged: boolean; desc: string }[];
  samples: { index: number; text: string }[];
  cpu: Map<string, number>;
}

const newTally = (): Tally => ({ latencies: [], errors: 0, errorKinds: new Map(), firstError: undefined, timings: [], samples: [], cpu: new Map() });

/** One request: latency around fetch + body read only; checking the answer happens after the clock stops. */
async function send(target: LoadTarget, index: number, signal: AbortSignal, tally: Tally | undefined, sampleEvery: number): Promise<void> {
  const body = target.bodies[target.distinct ? index : index % target.bodies.length];
  const started = performance.now();
  let status = 0;
  let text = "";
  let timing: string | null = null;
  let detail: string | null = null;
  let failure: string | undefined;
  try {
    const response = await fetch(target.url, { method: "POST", body, headers: { "Content-Type": "application/json" }, signal });
    text = await response.text();
    status = response.status;
    timing = response.headers.get("server-timing");
    detail = response.headers.get("x-pocket-edge-error");
  } catch (error) {
    failure = `fetch failed: ${error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ""}` : String(error)}`;
  }
  const latency = performance.now() - started;
  if (!tally) return;
  tally.latencies.push(latency);
  if (failure === undefined) failure = checkAnswer(target, status, text);
  if (failure !== undefined) {
    tally.errors++;
    const kind = failure.startsWith("fetch failed") ? "fetch failed" : failure.slice(0, 40);
    tally.errorKinds.set(kind, (tally.errorKinds.get(kind) ?? 0) + 1);
    tally.firstError ??= `${failure}: ${text.trim().slice(0, 300)}${detail ? ` (X-Pocket-Edge-Error: ${detail})` : ""}`;
    return;
  }
  if (target.name === "relay") {
    if (timing) tally.timings.push(parseServerTiming(timing));
    if (index % sampleEvery === 0) tally.samples.push({ index, text });
  }
}

/** Why an answer does not count as served, or `undefined`. */
function checkAnswer(target: LoadTarget, status: number, text: string): string | undefined {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (status !== 200) return json?.code !== undefined ? `HTTP ${status} code ${json.code}` : `HTTP ${status}`;
  if (target.name === "relay") return typeof json?.signature === "string" && typeof json?.response === "string" ? undefined : "relay answer without signature";
  return json?.result !== undefined ? undefined : "JSON-RPC answer without result";
}

/** `edge;dur=1, backend;dur=0;desc="weur/static", total;dur=1[, hedge;desc=…]`. */
function parseServerTiming(header: string): Tally["timings"][number] {
  const dur = (name: string) => Number(new RegExp(`(?:^|,\\s*)${name};dur=([\\d.]+)`).exec(header)?.[1] ?? NaN);
  return { edge: dur("edge"), backend: dur("backend"), total: dur("total"), hedged: /(?:^|,\s*)hedge;/.test(header), desc: /backend;dur=[\d.]+;desc="([^"]*)"/.exec(header)?.[1] ?? "" };
}

/**
 * Sends requests `from`…`from + count - 1` of `target` with `concurrency` in flight until done or
 * `limitMs` has passed; its wall time and how many it sent (fewer than `count` when the limit cut it short).
 */
async function batch(target: LoadTarget, from: number, count: number, limitMs: number, plan: LoadPlan, tally: Tally | undefined): Promise<{ ms: number; sent: number }> {
  const { settings } = plan;
  const cpuBefore = tally ? cpuSnapshot(plan.processes) : undefined;
  const controller = new AbortController();
  const started = performance.now();
  const deadline = started + limitMs;
  // A request still running 5 s after the limit is abandoned (and counted as an error).
  const abort = setTimeout(() => controller.abort(new Error("time limit")), limitMs + 5000);
  let next = 0;
  const lane = async () => {
    while (next < count && performance.now() < deadline) {
      const i = from + next++;
      await send(target, i, controller.signal, tally, settings.sampleEvery);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, count) }, lane));
  } finally {
    clearTimeout(abort);
  }
  const ms = performance.now() - started;
  if (tally && cpuBefore) for (const [key, used] of cpuBetween(cpuBefore, cpuSnapshot(plan.processes))) tally.cpu.set(key, (tally.cpu.get(key) ?? 0) + used);
  return { ms, sent: next };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 0.5);

function summarise(name: TargetName, tally: Tally, elapsedMs: number, roundThroughput: number[], cutShort: boolean): TargetResult {
  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const timings = tally.timings;
  const backends: Record<string, number> = {};
  for (const t of timings) backends[t.desc] = (backends[t.desc] ?? 0) + 1;
  return {
    name,
    requests: sorted.length,
    errors: tally.errors,
    errorKinds: Object.fromEntries(tally.errorKinds),
    firstError: tally.firstError,
    elapsedMs,
    throughput: sorted.length / (elapsedMs / 1000),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    meanMs: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    roundThroughput,
    cutShort,
    cpuMsPerRequest: Object.fromEntries([...tally.cpu].map(([key, ms]) => [key, ms / Math.max(1, sorted.length)])),
    serverTiming:
      timings.length === 0
        ? undefined
        : {
            samples: timings.length,
            edgeMs: median(timings.map((t) => t.edge)),
            backendMs: median(timings.map((t) => t.backend)),
            totalMs: median(timings.map((t) => t.total)),
            hedged: timings.filter((t) => t.hedged).length,
            backends,
          },
    samples: tally.samples,
  };
}

/** Warm-up, then the rounds with the targets' order rotating, for one backend. */
async function runCase(loadCase: LoadCase, plan: LoadPlan, progress: (text: string) => void): Promise<CaseResult> {
  const { targets } = loadCase;
  const { settings } = plan;
  for (const target of targets) {
    const needed = settings.warmup + settings.requests;
    if (target.distinct && target.bodies.length < needed) throw new Error(`${target.name}: ${target.bodies.length} bodies for ${needed} requests`);
    const warm = await batch(target, 0, settings.warmup, settings.timeLimitMs, plan, undefined);
    progress(`  ${loadCase.backend}: warmed up ${target.name} (${warm.sent} requests, ${(warm.ms / 1000).toFixed(1)} s)`);
  }
  const state = targets.map(() => ({ tally: newTally(), elapsedMs: 0, sent: 0, rounds: [] as number[], cutShort: false }));
  const roundLimitMs = settings.timeLimitMs / settings.rounds;
  for (let round = 0; round < settings.rounds; round++) {
    const count = Math.floor(settings.requests / settings.rounds) + (round < settings.requests % settings.rounds ? 1 : 0);
    const order = targets.map((_, i) => (i + round) % targets.length);
    for (const t of order) {
      const s = state[t];
      const done = await batch(targets[t], settings.warmup + s.sent, count, roundLimitMs, plan, s.tally);
      s.sent += done.sent;
      s.elapsedMs += done.ms;
      s.rounds.push(done.sent / (done.ms / 1000));
      if (done.sent < count) s.cutShort = true;
    }
    progress(`  ${loadCase.backend}: round ${round + 1}/${settings.rounds} done (order: ${order.map((t) => targets[t].name).join(", ")})`);
  }
  return { backend: loadCase.backend, targets: targets.map((t, i) => summarise(t.name, state[i].tally, state[i].elapsedMs, state[i].rounds, state[i].cutShort)) };
}

if (parentPort) {
  const port = parentPort;
  const plan = workerData as LoadPlan;
  const progress = (text: string) => port.postMessage({ type: "progress", text } satisfies LoadMessage);
  const cases: CaseResult[] = [];
  for (const loadCase of plan.cases) cases.push(await runCase(loadCase, plan, progress));
  port.postMessage({ type: "done", cases } satisfies LoadMessage);
}
