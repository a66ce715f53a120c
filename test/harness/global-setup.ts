/**
 * vitest global setup of the workerd integration tests: starts the real parts they run against, on
 * loopback, once per run — two ganache EVM nodes (two "regions" of chain 0021) and the devnet Worker
 * under `wrangler dev` with fresh state — plus a small control server through which a test (which runs
 * inside workerd and cannot spawn processes) starts and stops its own EVM nodes and fault servers.
 * Each test file uses its own devnet network (`/net/<name>/v1`), so files never see each other's blocks.
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { chainProxy, fixedServer, hangingServer, type ChainProxy, type FaultServer } from "./faults.js";
import type { Harness } from "./harness-types.js";
import { startEvmNode, startWranglerDev, type EvmNode } from "../../scripts/lib/processes.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const state = mkdtempSync(join(tmpdir(), "pocket-edge-test-"));
  const [evmA, evmB, devnet] = await Promise.all([
    startEvmNode(),
    startEvmNode(),
    startWranglerDev({ config: "workers/devnet/wrangler.toml", persistTo: join(state, "devnet") }),
  ]);
  const owned = new Map<string, EvmNode | FaultServer>();

  const control = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = "";
    for await (const chunk of req) text += chunk;
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const route = `${req.method} ${req.url}`;
    if (route === "POST /evm") {
      const node = await startEvmNode();
      owned.set(node.url, node);
      return send(res, 200, { url: node.url });
    }
    if (route === "POST /fault/hang") {
      const server = await hangingServer();
      owned.set(server.url, server);
      return send(res, 200, { url: server.url });
    }
    if (route === "POST /fault/fixed") {
      const server = await fixedServer(Number(body.status ?? 500), String(body.body ?? ""));
      owned.set(server.url, server);
      return send(res, 200, { url: server.url });
    }
    if (route === "POST /fault/chain-proxy") {
      const proxy = await chainProxy(String(body.target));
      owned.set(proxy.url, proxy);
      return send(res, 200, { url: proxy.url });
    }
    if (route === "POST /fault/chain-proxy/set" || route === "POST /fault/chain-proxy/log" || route === "POST /fault/chain-proxy/reset") {
      const proxy = owned.get(String(body.url)) as ChainProxy | undefined;
      if (!proxy || !("log" in proxy)) return send(res, 404, { error: `no chain proxy at ${String(body.url)}` });
      if (route.endsWith("/set")) proxy.set((body.mode ?? {}) as never);
      if (route.endsWith("/reset")) proxy.reset();
      return send(res, 200, proxy.log());
    }
    if (route === "POST /stop") {
      const target = owned.get(String(body.url));
      if (!target) return send(res, 404, { error: `not started here: ${String(body.url)}` });
      await target.stop();
      owned.delete(String(body.url));
      return send(res, 200, { stopped: body.url });
    }
    if (route === "POST /hits") {
      const target = owned.get(String(body.url));
      return send(res, 200, { hits: target && "hits" in target ? target.hits() : null });
    }
    send(res, 404, { error: `no route ${route}` });
  }
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
  const address = control.address();
  const controlUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

  const harness: Harness = { devnetUrl: devnet.url, evmUrls: [evmA.url, evmB.url], controlUrl };
  project.provide("harness", harness);

  return async () => {
    await Promise.allSettled([...owned.values()].map((o) => o.stop()));
    await new Promise<void>((resolve) => control.close(() => resolve()));
    await Promise.allSettled([evmA.stop(), evmB.stop(), devnet.stop()]);
    rmSync(state, { recursive: true, force: true });
  };
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(value));
}
