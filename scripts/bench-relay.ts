/**
 * `npm run bench:relay`: the relay Worker against a bare proxy Worker and against the backend itself,
 * side by side in one run on loopback, with a fast static backend (chain 0001) and with a ganache EVM
 * node (chain 0021). Prints throughput, p50/p99 latency and the ratios the targets are stated in
 * (relay ≥ 70 % of the proxy's throughput, ≤ 2 ms added p50). A benchmark, not a test: it never
 * fails on a figure, only on errors. Bounded in count and time; everything it starts is stopped.
 *
 * Settings (environment): BENCH_CONCURRENCY (8), BENCH_RELAYS per target (2000), BENCH_ROUNDS (3),
 * BENCH_WARMUP per target (100), BENCH_TIME_LIMIT_S per target (60), BENCH_RELAY_VARS (JSON of extra
 * relay Worker settings, e.g. '{"LOG_RELAYS":"false"}'), BENCH_RELAY_CONFIG (the relay Worker's wrangler
 * config, default the top-level wrangler.toml: to measure a variant of the Worker).
 * @module
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { makeRelay, relayRequestBody, verifyRelayResponse, type SignedRelay } from "../shared/client/relay.js";
import type { MorseKey } from "../shared/morse/keys.js";
import { startStaticBackend, STATIC_ANSWER } from "./bench/static-backend.js";
import type { WatchedRoot } from "./bench/process-cpu.js";
import type { CaseResult, LoadMessage, LoadPlan, LoadSettings, TargetResult } from "./bench/relay-load.js";
import { RELAY_CHAIN, startLocalNetwork, type LocalNetwork } from "./lib/local-network.js";
import { ROOT, startWranglerDev, type WranglerDev } from "./lib/processes.js";

const STATIC_CHAIN = "0001";
/** The JSON-RPC call every target carries: cheap on ganache, and what the static backend answers. */
const PAYLOAD = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });
const TARGETS = { throughputPct: 70, addedP50Ms: 2 };

function readSettings(): LoadSettings & { relayVars: Record<string, string>; relayConfig: string } {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = process.env[name];
    const value = raw === undefined || raw === "" ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got ${raw}`);
    return value;
  };
  const relayVars = JSON.parse(process.env.BENCH_RELAY_VARS || "{}") as Record<string, string>;
  const requests = int("BENCH_RELAYS", 2000, 1, 100_000);
  return {
    concurrency: int("BENCH_CONCURRENCY", 8, 1, 256),
    requests,
    rounds: Math.min(requests, int("BENCH_ROUNDS", 3, 1, 20)),
    warmup: int("BENCH_WARMUP", 100, 0, 10_000),
    timeLimitMs: int("BENCH_TIME_LIMIT_S", 60, 1, 600) * 1000,
    sampleEvery: Math.max(1, Math.floor(requests / 50)),
    relayVars,
    relayConfig: process.env.BENCH_RELAY_CONFIG || "wrangler.toml",
  };
}

/** The session of (app, chain) as the relay Worker sees it, and the hosted servicers in it. */
async function sessionOf(net: LocalNetwork, chain: string): Promise<{ height: number; servicers: MorseKey[] }> {
  const res = await fetch(`${net.relayUrl}/v1/client/dispatch`, { method: "POST", body: JSON.stringify({ app_public_key: net.keys.app.publicKeyHex, chain }) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`dispatch for chain ${chain} answered ${res.status}: ${text}`);
  const answer = JSON.parse(text) as { session: { header: { session_height: number }; nodes: { address: string }[] } };
  const inSession = new Set(answer.session.nodes.map((n) => n.address));
  const servicers = net.keys.servicers.filter((k) => inSession.has(k.address));
  if (servicers.length === 0) throw new Error(`no hosted servicer in the session of chain ${chain}`);
  return { height: answer.session.header.session_height, servicers };
}

/** `count` distinct relays for `chain`, spread over the session's servicers (client work, done before any clock runs). */
async function signRelays(net: LocalNetwork, chain: string, count: number): Promise<SignedRelay[]> {
  const session = await sessionOf(net, chain);
  const relays: SignedRelay[] = [];
  for (let i = 0; i < count; i += 256) {
    const batch = Array.from({ length: Math.min(256, count - i) }, (_, j) =>
      makeRelay({ aat: net.aat, client: net.keys.client, servicerPubKey: session.servicers[(i + j) % session.servicers.length].publicKeyHex, chain, sessionHeight: session.height, data: PAYLOAD }),
    );
    relays.push(...(await Promise.all(batch)));
  }
  return relays;
}

/** Sends one relay; the backend URL that answered it (from `Server-Timing`'s `desc="region/name"`). */
async function probe(net: LocalNetwork, chain: string, relay: SignedRelay): Promise<string> {
  const res = await fetch(`${net.relayUrl}/v1/client/relay`, { method: "POST", body: relayRequestBody(relay.relay) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`probe relay for chain ${chain} answered ${res.status}: ${text}`);
  const name = /backend;dur=[\d.]+;desc="[^"/]*\/([^"]*)"/.exec(res.headers.get("server-timing") ?? "")?.[1];
  const backends = JSON.parse(net.relayVars.BACKENDS) as Record<string, { url: string; name?: string }[]>;
  const backend = backends[chain].find((b) => b.name === name);
  if (!backend) throw new Error(`probe relay for chain ${chain}: no configured backend named ${name} (Server-Timing: ${res.headers.get("server-timing")})`);
  return backend.url;
}

/** Runs the load plan in a worker thread (see relay-load.ts for why). */
async function runLoad(plan: LoadPlan, register: (stop: () => Promise<void>) => void): Promise<readonly CaseResult[]> {
  const outfile = join(ROOT, ".local", "build", "relay-load.mjs");
  await build({ entryPoints: [join(ROOT, "scripts/bench/relay-load.ts")], outfile, bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning" });
  const worker = new Worker(outfile, { workerData: plan });
  register(async () => {
    await worker.terminate();
  });
  return new Promise((resolve, reject) => {
    worker.on("message", (message: LoadMessage) => {
      if (message.type === "progress") console.error(message.text);
      else resolve(message.cases);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the load thread exited (${code}) before reporting`)));
  });
}

/** Verifies the sampled relay answers' servicer signatures; how many failed. */
async function verifySamples(result: TargetResult, relays: readonly SignedRelay[]): Promise<{ checked: number; failed: number }> {
  let failed = 0;
  for (const sample of result.samples) {
    const relay = relays[sample.index];
    const answer = JSON.parse(sample.text) as { response: string; signature: string };
    if (!(await verifyRelayResponse(relay.relay.proof.servicer_pub_key, answer.response, answer.signature, relay.proofHashHex))) failed++;
  }
  return { checked: result.samples.length, failed };
}

const ms = (v: number) => v.toFixed(2);
const verdict = (ok: boolean) => (ok ? "meets" : "MISSES");

const RELOAD_MARK = "Reloading local server";

/**
 * Counts wrangler's reloads from now on. `wrangler dev` rebuilds a Worker when a file it bundles
 * changes (others edit this tree while it runs), which restarts its workerd mid-request.
 */
function countReloads(dev: WranglerDev): () => number {
  let count = 0;
  let tail = "";
  const watch = (chunk: Buffer) => {
    const text = tail + chunk.toString();
    count += text.split(RELOAD_MARK).length - 1;
    tail = text.slice(-(RELOAD_MARK.length - 1));
  };
  dev.process.stdout!.on("data", watch);
  dev.process.stderr!.on("data", watch);
  return () => count;
}

/** CPU ms per request by process, for each target (Linux; nothing elsewhere). */
function reportCpu(result: CaseResult): void {
  if (result.targets.every((t) => Object.keys(t.cpuMsPerRequest).length === 0)) return;
  const instanceOf = { direct: undefined, proxy: `proxy-${result.backend}`, relay: "relay" };
  console.log("CPU ms per request, by process (user + system, from /proc; 10 ms ticks):");
  console.table(
    result.targets.map((t) => {
      const cpu = t.cpuMsPerRequest;
      const of = (part: string) => cpu[`${instanceOf[t.name]}/${part}`] ?? 0;
      const all = Object.values(cpu).reduce((a, b) => a + b, 0);
      const devnet = Object.entries(cpu).filter(([k]) => k.startsWith("devnet/")).reduce((a, [, v]) => a + v, 0);
      const counted = (cpu["bench/process"] ?? 0) + of("worker") + of("entry") + of("wrangler") + devnet;
      return {
        target: t.name,
        "bench process (client, ganache, static)": ms(cpu["bench/process"] ?? 0),
        "Worker's workerd": ms(of("worker")),
        "wrangler's entry workerd": ms(of("entry")),
        "wrangler (Node)": ms(of("wrangler")),
        devnet: ms(devnet),
        "idle others": ms(all - counted),
        total: ms(all),
      };
    }),
  );
}

function report(title: string, result: CaseResult, verified: { checked: number; failed: number }, concurrency: number): Record<string, unknown> {
  const by = Object.fromEntries(result.targets.map((t) => [t.name, t])) as Record<TargetResult["name"], TargetResult>;
  const labels = { direct: "backend directly", proxy: "bare proxy Worker", relay: "relay Worker" };
  console.log(`\n# ${title}\n`);
  console.table(
    result.targets.map((t) => ({
      target: labels[t.name],
      requests: t.requests,
      errors: t.errors,
      "req/s": t.throughput.toFixed(0),
      "p50 ms": ms(t.p50Ms),
      "p99 ms": ms(t.p99Ms),
      "per-round req/s": t.roundThroughput.map((r) => r.toFixed(0)).join(" / "),
    })),
  );
  const throughputPct = (100 * by.relay.throughput) / by.proxy.throughput;
  const addedP50 = by.relay.p50Ms - by.proxy.p50Ms;
  const roundPct = by.relay.roundThroughput.map((r, i) => ((100 * r) / by.proxy.roundThroughput[i]).toFixed(0)).join(" / ");
  console.table([
    { measure: "relay / proxy throughput", value: `${throughputPct.toFixed(1)} % (rounds: ${roundPct} %)`, target: `≥ ${TARGETS.throughputPct} %`, verdict: verdict(throughputPct >= TARGETS.throughputPct) },
    { measure: "relay − proxy p50", value: `${addedP50 >= 0 ? "+" : ""}${ms(addedP50)} ms`, target: `≤ ${TARGETS.addedP50Ms} ms`, verdict: verdict(addedP50 <= TARGETS.addedP50Ms) },
    { measure: "relay − proxy p99", value: `${ms(by.relay.p99Ms - by.proxy.p99Ms)} ms`, target: "-", verdict: "-" },
    { measure: "proxy − direct p50 (a Worker in the path)", value: `${ms(by.proxy.p50Ms - by.direct.p50Ms)} ms`, target: "-", verdict: "-" },
    { measure: "proxy / direct throughput", value: `${((100 * by.proxy.throughput) / by.direct.throughput).toFixed(1)} %`, target: "-", verdict: "-" },
  ]);
  if (concurrency > 1) {
    // Little's law: with a fixed number in flight, mean latency = in flight / throughput, so a slower
    // target's p50 grows with its throughput deficit whatever its own path costs.
    const queue = (t: TargetResult) => ms((1000 * concurrency) / t.throughput);
    console.log(`with ${concurrency} in flight, mean latency = ${concurrency} / throughput (${queue(by.proxy)} ms proxy, ${queue(by.relay)} ms relay): under a saturated CPU the p50 difference follows the throughput ratio; BENCH_CONCURRENCY=1 measures the latency a request adds unloaded`);
  }
  const st = by.relay.serverTiming;
  if (st) {
    const answeredBy = Object.entries(st.backends).map(([k, n]) => `${k} ×${n}`).join(", ");
    console.log(`relay Worker Server-Timing, medians over ${st.samples} answers: edge ${st.edgeMs} ms, backend ${st.backendMs} ms, total ${st.totalMs} ms; hedged ${st.hedged}; answered by ${answeredBy}`);
  }
  reportCpu(result);
  console.log(`relay answers' servicer signatures verified: ${verified.checked - verified.failed}/${verified.checked} sampled`);
  for (const t of result.targets) {
    if (t.errors > 0) console.log(`!! ${labels[t.name]}: ${t.errors} errors ${JSON.stringify(t.errorKinds)}; first: ${t.firstError}`);
    if (t.cutShort) console.log(`!! ${labels[t.name]}: stopped by the time limit before its count`);
  }
  return {
    backend: result.backend,
    targets: result.targets.map(({ samples: _samples, ...rest }) => rest),
    ratios: { relayOverProxyThroughputPct: throughputPct, relayMinusProxyP50Ms: addedP50, proxyMinusDirectP50Ms: by.proxy.p50Ms - by.direct.p50Ms },
    verdicts: { throughput: throughputPct >= TARGETS.throughputPct, addedP50: addedP50 <= TARGETS.addedP50Ms },
    signaturesVerified: verified,
  };
}

/**
 * What the run has started, stopped in reverse on the way out, on error and on Ctrl-C. A thing is
 * registered before it is up, so an interrupt during its start-up still stops it once it is; after
 * an interrupt nothing new starts.
 */
class Running {
  private readonly stops: (() => Promise<void>)[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly stateDir: string) {}

  get interrupted(): boolean {
    return this.stopping !== undefined;
  }

  async start<T extends { stop(): Promise<void> }>(begin: () => Promise<T>): Promise<T> {
    if (this.stopping) throw new Error("interrupted");
    const starting = begin();
    this.stops.push(async () => (await starting.catch(() => undefined))?.stop());
    return starting;
  }

  onStop(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const stop of this.stops.reverse()) await stop().catch((error: unknown) => console.error(`teardown: ${String(error)}`));
      rmSync(this.stateDir, { recursive: true, force: true });
    })();
    return this.stopping;
  }
}

async function main(): Promise<void> {
  const settings = readSettings();
  const { relayVars, relayConfig, ...load } = settings;
  const stateDir = join(ROOT, ".local", `bench-relay-${process.pid}`);
  const running = new Running(stateDir);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping everything started…`);
      void running.stopAll().finally(() => process.exit(130));
    });
  }

  try {
    console.log(`# npm run bench:relay — relay Worker vs bare proxy Worker vs backend, loopback`);
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log(`settings: ${load.concurrency} in flight, ${load.requests} requests per target in ${load.rounds} rounds (order rotating), ${load.warmup} warm-up requests per target, ≤ ${load.timeLimitMs / 1000} s per target; relay Worker ${relayConfig} with extra settings ${JSON.stringify(relayVars)}`);

    const staticBackend = await running.start(startStaticBackend);
    console.error("starting the local network (ganache ×2, devnet, relay Worker)…");
    const custom = relayConfig !== "wrangler.toml";
    const net = await running.start(() =>
      startLocalNetwork({ stateDir, extraChains: { [STATIC_CHAIN]: [{ url: staticBackend.url, region: "weur", name: "static" }] }, relayVars, withoutRelay: custom }),
    );
    const relay = custom
      ? await running.start(() => startWranglerDev({ config: relayConfig, port: Number(new URL(net.relayUrl).port), persistTo: join(stateDir, "relay"), vars: net.relayVars, envFile: net.envFile }))
      : net.relay!;

    // One extra relay per chain probes the path end to end and tells which EVM node the relay Worker uses.
    const needed = load.warmup + load.requests + 1;
    console.error(`signing ${2 * needed} distinct relays…`);
    const relays = { static: await signRelays(net, STATIC_CHAIN, needed), evm: await signRelays(net, RELAY_CHAIN, needed) };
    await probe(net, STATIC_CHAIN, relays.static.pop()!);
    const evmUrl = await probe(net, RELAY_CHAIN, relays.evm.pop()!);

    console.error("starting the bare proxy Worker (one per backend)…");
    const proxy = (name: string, backendUrl: string) =>
      running.start(() => startWranglerDev({ config: "workers/bench-proxy/wrangler.toml", persistTo: join(stateDir, name), vars: { BACKEND_URL: backendUrl } }));
    const [proxyStatic, proxyEvm] = await Promise.all([proxy("proxy-static", staticBackend.url), proxy("proxy-evm", evmUrl)]);

    const bodies = { static: relays.static.map((r) => relayRequestBody(r.relay)), evm: relays.evm.map((r) => relayRequestBody(r.relay)) };
    const targets = (backendUrl: string, proxyUrl: string, relayBodies: string[]) => [
      { name: "direct" as const, url: backendUrl, bodies: [PAYLOAD], distinct: false },
      // The proxy gets relay bodies too (the same bytes in), and forwards their payload.
      { name: "proxy" as const, url: `${proxyUrl}/v1/client/relay`, bodies: relayBodies.slice(0, 64), distinct: false },
      { name: "relay" as const, url: `${net.relayUrl}/v1/client/relay`, bodies: relayBodies, distinct: true },
    ];
    const wrangler = (instance: string, dev: WranglerDev): WatchedRoot => ({ instance, pid: dev.process.pid!, port: dev.port });
    const processes: WatchedRoot[] = [
      { instance: "bench", pid: process.pid },
      wrangler("relay", relay),
      wrangler("devnet", net.devnet),
      wrangler("proxy-static", proxyStatic),
      wrangler("proxy-evm", proxyEvm),
    ];
    const plan: LoadPlan = {
      settings: load,
      processes,
      cases: [
        { backend: "static", targets: targets(staticBackend.url, proxyStatic.url, bodies.static) },
        { backend: "evm", targets: targets(evmUrl, proxyEvm.url, bodies.evm) },
      ],
    };
    const watched = { "relay Worker": relay, devnet: net.devnet, "static proxy": proxyStatic, "EVM proxy": proxyEvm };
    const reloads = Object.entries(watched).map(([name, dev]) => [name, countReloads(dev)] as const);
    console.error("measuring…");
    const results = await runLoad(plan, (stop) => running.onStop(stop));
    const reloaded = reloads.filter(([, count]) => count() > 0).map(([name, count]) => `${name} ×${count()}`);

    const titles: Record<string, [string, SignedRelay[]]> = {
      static: [`fast static backend (chain ${STATIC_CHAIN}: Node http answering ${STATIC_ANSWER})`, relays.static],
      evm: [`EVM node (chain ${RELAY_CHAIN}: ganache eth_chainId, ${evmUrl})`, relays.evm],
    };
    const json: Record<string, unknown>[] = [];
    let failures = 0;
    for (const result of results) {
      const [title, signed] = titles[result.backend];
      const verified = await verifySamples(result.targets.find((t) => t.name === "relay")!, signed);
      json.push(report(title, result, verified, load.concurrency));
      failures += verified.failed + result.targets.reduce((n, t) => n + t.errors + (t.cutShort ? 1 : 0), 0);
    }
    if (reloaded.length > 0) {
      console.log(`\n!! wrangler dev reloaded during the measurement (a file it bundles changed): ${reloaded.join(", ")}; requests around a reload fail or stall`);
      failures += reloaded.length;
    }
    mkdirSync(join(ROOT, ".local", "bench"), { recursive: true });
    // One file per load level, so the throughput pass and the unloaded-latency pass both survive.
    const out = join(ROOT, ".local", "bench", `relay-c${load.concurrency}.json`);
    writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine: { cores: cpus().length, model: cpus()[0]?.model, node: process.version }, settings, targets: TARGETS, results: json, reloads: reloaded }, null, 2) + "\n");
    console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(" ")} (other work on the machine skews wall-time figures; CPU per request much less)`);
    console.log(`results written to ${out}`);
    if (failures > 0) {
      console.log(`\n!!!!!!!! THIS RUN HAD ${failures} ERRORS, FAILED SIGNATURES, CUT-SHORT TARGETS OR RELOADS (see "!!" above): ITS FIGURES DO NOT MEASURE WHAT THEY CLAIM !!!!!!!!`);
      process.exitCode = 1;
    }
  } catch (error) {
    // After Ctrl-C, whatever was under way fails as its processes go: not worth a stack trace.
    if (!running.interrupted) throw error;
  } finally {
    await running.stopAll();
  }
}

await main();
