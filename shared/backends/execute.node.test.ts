/**
 * executeOnBackends against real HTTP servers on loopback (Node only): what the fake fetch of
 * `execute.test.ts` cannot show (sockets refused, hung and closed; real headers on the wire).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBackends, type Backend } from "./config.js";
import { executeOnBackends, type ExecuteOptions } from "./execute.js";
import { BackendHealth } from "./health.js";
import { orderBackends } from "./regions.js";
import type { BackendRequest } from "./request.js";

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
  /** Set when the client closed the connection before the answer was sent. */
  closedEarly: boolean;
}

interface TestServer {
  readonly base: string;
  readonly seen: Seen[];
  readonly server: Server;
}

const servers: TestServer[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const s: Seen = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString(), closedEarly: false };
      seen.push(s);
      res.on("close", () => {
        if (!res.writableFinished) s.closedEarly = true;
      });
      handler(req, res, s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const t = { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
  servers.push(t);
  return t;
}

let fast: TestServer; // echoes the request as JSON
let failing: TestServer; // 503
let hanging: TestServer; // never answers
let slow: TestServer; // answers after /delay/<ms>, unless the client goes away first
let big: TestServer; // 1000 bytes, with or without Content-Length
let flaky: TestServer; // 503 while `flakyDown`
let refusedBase: string; // a port nobody listens on
let elsewhere: TestServer; // another origin, where a redirect must never lead
let redirector: TestServer; // redirects: /cross/<status> to `elsewhere`, /same to its own /final
let flakyDown = true;

beforeAll(async () => {
  fast = await serve((req, res, s) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ method: s.method, url: s.url, headers: s.headers, body: s.body }));
  });
  failing = await serve((_req, res) => {
    res.statusCode = 503;
    res.end("unavailable");
  });
  hanging = await serve(() => {});
  slow = await serve((req, res) => {
    const delay = Number(/\/delay\/(\d+)/.exec(req.url!)?.[1] ?? 300);
    const timer = setTimeout(() => res.end("slow answer"), delay);
    res.on("close", () => clearTimeout(timer));
  });
  big = await serve((req, res) => {
    const body = "x".repeat(1_000);
    if (req.url!.includes("chunked")) {
      for (let i = 0; i < 10; i++) res.write(body.slice(i * 100, (i + 1) * 100));
      res.end();
    } else {
      res.setHeader("content-length", body.length);
      res.end(body);
    }
  });
  flaky = await serve((_req, res) => {
    res.statusCode = flakyDown ? 503 : 200;
    res.end(flakyDown ? "down" : "up");
  });
  elsewhere = await serve((_req, res) => res.end("stolen"));
  redirector = await serve((req, res, seen) => {
    const cross = /\/cross\/(\d+)/.exec(req.url!);
    if (cross) {
      res.statusCode = Number(cross[1]);
      res.setHeader("location", `${elsewhere.base}/collect`);
    } else if (req.url === "/same") {
      res.statusCode = 307;
      res.setHeader("location", "/final");
    } else if (req.url === "/loop") {
      res.statusCode = 308;
      res.setHeader("location", "/loop");
    } else {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ url: req.url, auth: req.headers.authorization ?? null, body: seen.body }));
      return;
    }
    res.end();
  });
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  refusedBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  for (const { server } of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Backends of chain 0021 through the real parser; `[name, region, url, extra]`. */
function backends(...entries: [string, string, string, Record<string, unknown>?][]): Backend[] {
  const parsed = parseBackends(JSON.stringify({ "0021": entries.map(([name, region, url, extra]) => ({ name, region, url, ...extra })) }));
  if (!parsed.ok) throw new Error(parsed.error);
  return [...parsed.value.get("0021")!];
}

const POST: BackendRequest = { method: "", headers: null, body: '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}', path: "" };

function execute(list: Backend[], options: Partial<ExecuteOptions> = {}) {
  return executeOnBackends({ backends: list, request: POST, deadlineMs: 3_000, health: new BackendHealth({ defaultHedgeMs: 5_000 }), ...options });
}

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("executeOnBackends over HTTP", { timeout: 5_000 }, () => {
  it("calls the backend nearest the client first", async () => {
    const list = backends(["tokyo", "apac", `${fast.base}/asia`], ["fra", "weur", `${fast.base}/eu`]);
    const before = fast.seen.length;
    const result = await execute(orderBackends(list, { latitude: "51.5074", longitude: "-0.1278", continent: "EU" }));
    expect(result).toMatchObject({ ok: true, status: 200, backend: "fra", region: "weur" });
    expect(fast.seen.slice(before).map((s) => s.url)).toEqual(["/eu"]);
  });

  it("fails over from a 503 to the next backend", async () => {
    const result = await execute(backends(["down", "weur", failing.base], ["up", "eeur", fast.base]));
    expect(result).toMatchObject({ ok: true, status: 200, backend: "up", allFailed: false });
    expect(result.attempts.map((a) => [a.name, a.outcome, a.status])).toEqual([
      ["down", "http-5xx", 503],
      ["up", "ok", 200],
    ]);
  });

  it("fails over from a refused connection", async () => {
    const result = await execute(backends(["gone", "weur", refusedBase], ["up", "eeur", fast.base]));
    expect(result).toMatchObject({ ok: true, backend: "up" });
    expect(result.attempts[0]).toMatchObject({ name: "gone", outcome: "network", error: "connection refused" });
  });

  it("times out a hung backend and fails over within the deadline", async () => {
    const before = hanging.seen.length;
    const result = await execute(backends(["hung", "weur", hanging.base, { timeout_ms: 200 }], ["up", "eeur", fast.base]), { deadlineMs: 2_000 });
    expect(result).toMatchObject({ ok: true, backend: "up" });
    expect(result.attempts[0]).toMatchObject({ name: "hung", outcome: "timeout", error: "timeout after 200 ms" });
    expect(result.attempts[0].ms).toBeGreaterThanOrEqual(150);
    await eventually(() => hanging.seen.slice(before).every((s) => s.closedEarly));
    expect(hanging.seen.slice(before).map((s) => s.closedEarly)).toEqual([true]);
  });

  it("hedges a slow primary to the secondary, which answers; the primary's connection is closed", async () => {
    const before = slow.seen.length;
    const health = new BackendHealth({ defaultHedgeMs: 50 });
    const result = await execute(backends(["slow", "weur", `${slow.base}/delay/1000`], ["fast", "eeur", fast.base]), { health });
    expect(result).toMatchObject({ ok: true, backend: "fast", hedged: true });
    expect(result.attempts.map((a) => [a.name, a.outcome, a.hedge])).toEqual([
      ["fast", "ok", true],
      ["slow", "aborted", false],
    ]);
    // The primary was given up well before its 1000 ms answer.
    expect(result.attempts[1].ms).toBeLessThan(900);
    await eventually(() => slow.seen[before]?.closedEarly === true);
    expect(slow.seen[before].closedEarly).toBe(true);
    expect(health.snapshot().map((s) => s.id)).toEqual(["0021/fast"]);
  });

  it("does not hedge with hedge: false", async () => {
    const before = fast.seen.length;
    const result = await execute(backends(["slow", "weur", `${slow.base}/delay/300`], ["fast", "eeur", fast.base]), {
      health: new BackendHealth({ defaultHedgeMs: 50 }),
      hedge: false,
    });
    expect(result).toMatchObject({ ok: true, backend: "slow", body: "slow answer", hedged: false });
    expect(fast.seen.length).toBe(before);
  });

  it("lists every backend's reason when all fail", async () => {
    const result = await execute(backends(["gone", "weur", refusedBase], ["hung", "eeur", hanging.base, { timeout_ms: 100 }]));
    expect(result).toEqual({
      ok: false,
      error: "all 2 backends failed: gone: connection refused; hung: timeout after 100 ms",
      attempts: [expect.objectContaining({ name: "gone" }), expect.objectContaining({ name: "hung" })],
      hedged: false,
    });
  });

  it("returns a 5xx answer, flagged, when every backend answered 5xx", async () => {
    const result = await execute(backends(["a", "weur", `${failing.base}/a`], ["b", "eeur", `${failing.base}/b`]));
    expect(result).toMatchObject({ ok: true, status: 503, body: "unavailable", backend: "a", allFailed: true });
  });

  it("opens the breaker after 3 failures, skips the backend, probes it after the cool-down and closes on success", async () => {
    let t = 0;
    const health = new BackendHealth({ now: () => t, defaultHedgeMs: 5_000 });
    const list = backends(["flaky", "weur", flaky.base], ["up", "eeur", fast.base]);
    const tried = async () => (await execute(list, { health })).attempts.map((a) => a.name);
    flakyDown = true;
    for (let i = 0; i < 3; i++) expect(await tried()).toEqual(["flaky", "up"]);
    expect(health.state(list[0])).toBe("open");
    expect(await tried()).toEqual(["up"]);
    t += 10_000;
    expect(health.state(list[0])).toBe("half-open");
    flakyDown = false;
    expect(await tried()).toEqual(["flaky"]);
    expect(health.state(list[0])).toBe("closed");
  });

  it("returns by the deadline when nothing answers", async () => {
    const started = performance.now();
    const list = backends(["h1", "weur", `${hanging.base}/1`], ["h2", "eeur", `${hanging.base}/2`], ["h3", "enam", `${hanging.base}/3`]);
    const result = await execute(list, { deadlineMs: 300, health: new BackendHealth({ defaultHedgeMs: 50 }) });
    expect(result).toMatchObject({ ok: false, hedged: true });
    expect(result.attempts.map((a) => [a.name, a.outcome, a.error])).toEqual([
      ["h1", "timeout", "timeout: deadline of 300 ms reached"],
      ["h2", "timeout", "timeout: deadline of 300 ms reached"],
    ]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("sends the headers pocket-core would, plus the backend's basic auth", async () => {
    const [plain] = backends(["plain", "weur", fast.base]);
    const [auth] = backends(["auth", "weur", fast.base, { basic_auth: { username: "user", password: "secret" }, headers: { "X-Api-Key": "k1" } }]);
    const echo = async (backend: Backend, request: Partial<BackendRequest>) => {
      const result = await execute([backend], { request: { ...POST, ...request } });
      if (!result.ok) throw new Error(result.error);
      return JSON.parse(result.body) as { method: string; headers: Record<string, string>; body: string };
    };

    const noHeaders = await echo(plain, {});
    expect(noHeaders.method).toBe("POST");
    expect(noHeaders.headers["content-type"]).toBe("application/json");
    expect(noHeaders.body).toBe(POST.body);

    const given = await echo(auth, { headers: new Map([["X-Trace", "abc"]]) });
    expect(given.headers["x-trace"]).toBe("abc");
    expect(given.headers["content-type"]).toBeUndefined(); // no default Content-Type when headers are given
    expect(given.headers["x-api-key"]).toBe("k1");
    expect(given.headers.authorization).toBe(`Basic ${Buffer.from("user:secret").toString("base64")}`);

    const get = await echo(plain, { method: "GET", headers: { Accept: "application/json" } });
    expect(get.method).toBe("GET");
    expect(get.body).toBe("");
  });

  it("joins the relay path to the base URL and refuses hostile paths before any request", async () => {
    const [rpc] = backends(["rpc", "weur", `${fast.base}/rpc/`]);
    const result = await execute([rpc], { request: { ...POST, method: "GET", path: "/v1/blocks?limit=2" } });
    expect(result.ok && JSON.parse(result.body).url).toBe("/rpc/v1/blocks?limit=2");
    const before = fast.seen.length;
    for (const path of ["../admin", "v1/%2e%2e/admin", "v1\\..\\admin", "http://evil.example/"]) {
      expect(await execute([rpc], { request: { ...POST, path } })).toMatchObject({ ok: false, attempts: [] });
    }
    expect(fast.seen.length).toBe(before);
  });

  it("treats an answer over maxResponseBytes as a failure, with or without Content-Length", async () => {
    const result = await execute(backends(["big", "weur", big.base], ["chunked", "eeur", `${big.base}/chunked`], ["up", "enam", fast.base]), {
      maxResponseBytes: 500,
    });
    expect(result).toMatchObject({ ok: true, backend: "up" });
    expect(result.attempts.slice(0, 2).map((a) => [a.name, a.outcome])).toEqual([
      ["big", "too-large"],
      ["chunked", "too-large"],
    ]);
  });
  it("never follows a redirect to another origin: the credentials stay home, the next backend answers", async () => {
    const before = elsewhere.seen.length;
    for (const status of [301, 302, 303, 307, 308]) {
      const list = backends(
        ["moved", "weur", `${redirector.base}/cross/${status}`, { headers: { Authorization: "Bearer secret-key" } }],
        ["up", "eeur", fast.base],
      );
      const result = await execute(list);
      expect(result, String(status)).toMatchObject({ ok: true, backend: "up" });
      expect(result.attempts[0]).toMatchObject({ name: "moved", outcome: "network", error: expect.stringContaining("redirect") });
    }
    expect(elsewhere.seen.length).toBe(before);
  });

  it("follows a 307 within the backend's origin with the same method, headers and body; stops a loop", async () => {
    const list = backends(["same", "weur", `${redirector.base}/same`, { headers: { Authorization: "Bearer k" } }]);
    const result = await execute(list);
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.ok && JSON.parse(result.body)).toEqual({ url: "/final", auth: "Bearer k", body: POST.body });
    const loop = await execute(backends(["loop", "weur", `${redirector.base}/loop`]));
    expect(loop).toMatchObject({ ok: false });
    expect(loop.attempts[0]).toMatchObject({ outcome: "network", error: "more than 3 redirects" });
  });
});
