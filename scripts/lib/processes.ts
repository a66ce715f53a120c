/**
 * Starting the real parts the integration tests and `npm start` run against, on loopback: EVM
 * JSON-RPC nodes (ganache, from npm) and Workers under `wrangler dev`. Node-only (spawns processes).
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ganache from "ganache";

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A free TCP port on 127.0.0.1 (asked from the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A running EVM node. */
export interface EvmNode {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts a ganache EVM node on 127.0.0.1. Deterministic accounts and a fixed chain id, so runs are
 * reproducible; `instamine` so a transaction is mined at once.
 */
export async function startEvmNode(port?: number, chainId = 1337): Promise<EvmNode> {
  const chosen = port ?? (await freePort());
  const server = ganache.server({
    logging: { quiet: true },
    chain: { chainId },
    wallet: { deterministic: true, totalAccounts: 3 },
    miner: { instamine: "eager" },
  });
  await server.listen(chosen, "127.0.0.1");
  let stopped = false;
  return {
    url: `http://127.0.0.1:${chosen}`,
    port: chosen,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
    },
  };
}

/** A Worker running under `wrangler dev`. */
export interface WranglerDev {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Everything the process printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  /** The wrangler config, relative to the repository root. */
  readonly config: string;
  readonly port?: number;
  /** Where local Durable Object state is kept (`--persist-to`). */
  readonly persistTo: string;
  /** `--var NAME:value` pairs (plain settings; secrets go in `envFile`, never on a command line). */
  readonly vars?: Record<string, string>;
  /** A dotenv file with secrets (`--env-file`), e.g. the generated `.dev.vars`. */
  readonly envFile?: string;
  /** Extra arguments (e.g. `--test-scheduled`). */
  readonly args?: readonly string[];
  /** How long to wait for `GET <readyPath>` to answer. */
  readonly readyTimeoutMs?: number;
  readonly readyPath?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts `wrangler dev` on 127.0.0.1 and waits until it answers. */
export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const port = options.port ?? (await freePort());
  const args = [
    join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js"),
    "dev",
    "-c",
    options.config,
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--persist-to",
    options.persistTo,
    "--show-interactive-dev-session=false",
    // The inspector port would collide between several wrangler processes.
    "--inspector-port",
    String(await freePort()),
    ...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
    ...(options.envFile ? ["--env-file", options.envFile] : []),
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev (${options.config}) exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(url + (options.readyPath ?? "/v1"), { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev (${options.config}) did not answer on ${url} in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, process: child, output: () => output, stop };
}
