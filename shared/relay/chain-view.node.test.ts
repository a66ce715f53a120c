/**
 * The chain view against a real HTTP server standing for the chain: heights are cached for the TTL,
 * concurrent misses share one request, a chain that stops answering is bridged by the last height
 * (within the stale limit) instead of failing every relay, and a dropped connection is retried once.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PocketRpc } from "../rpc/pocket-rpc.js";
import { ChainView } from "./chain-view.js";

let server: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A chain answering `/v1/query/height` with `height()`; `drop` closes the socket without answering. */
async function chain(height: () => number, drop: () => boolean = () => false): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((req, res) => {
    hits++;
    req.resume();
    req.on("end", () => {
      if (drop()) return req.socket.destroy();
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ height: height() }));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

describe("ChainView heights", () => {
  it("caches for the TTL and shares one request between concurrent misses", async () => {
    let now = 0;
    let h = 10;
    const c = await chain(() => h);
    const view = new ChainView(new PocketRpc({ baseUrl: c.url }), { heightTtlMs: 1000, now: () => now });
    const answers = await Promise.all(Array.from({ length: 5 }, () => view.latestHeight()));
    expect(answers.every((a) => a.ok && a.value === 10)).toBe(true);
    expect(c.hits()).toBe(1);
    h = 11;
    now = 999;
    expect(await view.latestHeight()).toEqual({ ok: true, value: 10 });
    now = 1000;
    expect(await view.latestHeight()).toEqual({ ok: true, value: 11 });
    expect(await view.latestHeight(true)).toEqual({ ok: true, value: 11 });
    expect(c.hits()).toBe(3);
  });

  it("bridges a chain outage with the last height within the stale limit, then fails", async () => {
    let now = 0;
    const c = await chain(() => 42);
    const view = new ChainView(new PocketRpc({ baseUrl: c.url, timeoutMs: 1000 }), { heightTtlMs: 1000, now: () => now });
    expect(await view.latestHeight()).toEqual({ ok: true, value: 42 });
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    now = 5_000;
    expect(await view.latestHeight()).toEqual({ ok: true, value: 42 });
    now = 61_000;
    const gone = await view.latestHeight();
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error).toContain("unreachable");
  });

  it("retries a query once when the connection drops before any answer", async () => {
    let calls = 0;
    const c = await chain(() => 7, () => ++calls === 1);
    const view = new ChainView(new PocketRpc({ baseUrl: c.url }), { heightTtlMs: 0 });
    expect(await view.latestHeight()).toEqual({ ok: true, value: 7 });
    expect(c.hits()).toBe(2);
  });
});
