import { describe, expect, it } from "vitest";
import type { FetchFunction } from "./attempt.js";
import type { Backend } from "./config.js";
import { executeOnBackends, type ExecuteOptions } from "./execute.js";
import { BackendHealth } from "./health.js";
import type { Region } from "./regions.js";

// A fetch that answers per host after a delay, fails, or hangs until aborted; it records every
// call and how many were in flight at once.
interface Behaviour {
  readonly delay?: number;
  readonly status?: number;
  readonly body?: string;
  readonly error?: Error;
  readonly hang?: boolean;
}
interface Call {
  readonly host: string;
  readonly init: RequestInit;
  aborted: boolean;
}

function fakeFetch(behaviours: Record<string, Behaviour>) {
  const calls: Call[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch: FetchFunction = (url, init) =>
    new Promise((resolve, reject) => {
      const call: Call = { host: new URL(url).host, init, aborted: false };
      calls.push(call);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      let open = true;
      const end = () => {
        if (open) inFlight--;
        open = false;
      };
      const b = behaviours[call.host] ?? {};
      const timer = b.hang
        ? undefined
        : setTimeout(() => {
            end();
            if (b.error) reject(b.error);
            else resolve(new Response(b.body ?? `from ${call.host}`, { status: b.status ?? 200 }));
          }, b.delay ?? 0);
      init.signal?.addEventListener("abort", () => {
        call.aborted = open;
        clearTimeout(timer);
        end();
        reject(init.signal!.reason);
      });
    });
  return { fetch, calls, maxInFlight: () => maxInFlight, inFlight: () => inFlight };
}

const backend = (name: string, region: Region = "weur", timeout_ms = 2_000, headers: Record<string, string> = {}): Backend => ({
  id: `0021/${name}`,
  chain: "0021",
  name,
  url: `https://${name}.test/rpc`,
  region,
  headers,
  timeout_ms,
});
const [A, B, C] = [backend("a", "weur"), backend("b", "eeur"), backend("c", "enam")];
const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });

function call(behaviours: Record<string, Behaviour>, options: Partial<ExecuteOptions> = {}) {
  const fake = fakeFetch(behaviours);
  const health = options.health ?? new BackendHealth({ defaultHedgeMs: 1_000 });
  const result = executeOnBackends({
    backends: [A, B, C],
    request: { method: "", headers: null, body: '{"id":1}', path: "" },
    deadlineMs: 3_000,
    health,
    fetch: fake.fetch,
    ...options,
  });
  return { result, fake, health };
}

describe("executeOnBackends", () => {
  it("answers from the first backend when it answers", async () => {
    const { result, fake, health } = call({});
    expect(await result).toMatchObject({ ok: true, status: 200, body: "from a.test", backend: "a", region: "weur", hedged: false, allFailed: false });
    expect(fake.calls.map((c) => c.host)).toEqual(["a.test"]);
    expect(health.snapshot()).toMatchObject([{ id: "0021/a", samples: 1 }]);
  });

  it("returns a 4xx answer as it is (only 5xx and transport errors fail over)", async () => {
    const { result, fake } = call({ "a.test": { status: 404, body: "not found" } });
    expect(await result).toMatchObject({ ok: true, status: 404, body: "not found", backend: "a" });
    expect(fake.calls).toHaveLength(1);
  });

  it("fails over on 5xx and on connection errors, recording each attempt", async () => {
    const { result, health } = call({ "a.test": { status: 502 }, "b.test": { error: refused } });
    const r = await result;
    expect(r).toMatchObject({ ok: true, backend: "c", region: "enam", allFailed: false });
    expect(r.attempts.map((a) => [a.name, a.outcome, a.status ?? a.error])).toEqual([
      ["a", "http-5xx", 502],
      ["b", "network", "connection refused"],
      ["c", "ok", 200],
    ]);
    expect(health.snapshot().map((s) => [s.id, s.consecutiveFailures, s.samples])).toEqual([
      ["0021/a", 1, 0],
      ["0021/b", 1, 0],
      ["0021/c", 0, 1],
    ]);
  });

  it("times a hanging backend out after its timeout_ms and fails over", async () => {
    const { result } = call({ "a.test": { hang: true } }, { backends: [backend("a", "weur", 30), B] });
    const r = await result;
    expect(r).toMatchObject({ ok: true, backend: "b" });
    expect(r.attempts[0]).toMatchObject({ name: "a", outcome: "timeout", error: "timeout after 30 ms" });
  });

  it("returns the best-ranked 5xx, flagged, when every backend fails", async () => {
    const { result } = call({ "a.test": { error: refused }, "b.test": { status: 503, body: "b busy" }, "c.test": { status: 500, body: "c down" } });
    expect(await result).toMatchObject({ ok: true, status: 503, body: "b busy", backend: "b", allFailed: true });
  });

  it("fails with every backend's reason when none answered, never quoting URLs or header values", async () => {
    const leaky = new TypeError("Fetch API cannot load: https://c.test/rpc/SECRET-KEY");
    const { result } = call(
      { "a.test": { error: refused }, "b.test": { error: new TypeError("Network connection lost.") }, "c.test": { error: leaky } },
      { backends: [A, B, backend("c", "enam", 2_000, { "X-Api-Key": "SECRET-HEADER" })] },
    );
    const r = await result;
    expect(r).toMatchObject({
      ok: false,
      error: "all 3 backends failed: a: connection refused; b: Network connection lost.; c: Fetch API cannot load: <url>",
    });
    expect(JSON.stringify(r)).not.toMatch(/SECRET/);
  });

  it("hedges a slow first request to the next backend; the first good answer wins and the loser is aborted", async () => {
    const health = new BackendHealth({ defaultHedgeMs: 20 });
    const { result, fake } = call({ "a.test": { delay: 1_000 }, "b.test": { delay: 5 } }, { health });
    const r = await result;
    expect(r).toMatchObject({ ok: true, backend: "b", hedged: true });
    expect(r.attempts.map((a) => [a.name, a.outcome, a.hedge])).toEqual([
      ["b", "ok", true],
      ["a", "aborted", false],
    ]);
    expect(fake.calls.map((c) => [c.host, c.aborted])).toEqual([
      ["a.test", true],
      ["b.test", false],
    ]);
    expect(fake.inFlight()).toBe(0);
    // The aborted loser is neither a success nor a failure.
    expect(health.snapshot().find((s) => s.id === "0021/a")).toBeUndefined();
  });

  it("keeps the first request when it wins the race against its hedge", async () => {
    const health = new BackendHealth({ defaultHedgeMs: 10 });
    const { result, fake } = call({ "a.test": { delay: 40 }, "b.test": { delay: 1_000 } }, { health });
    expect(await result).toMatchObject({ ok: true, backend: "a", hedged: true });
    expect(fake.calls.map((c) => [c.host, c.aborted])).toEqual([
      ["a.test", false],
      ["b.test", true],
    ]);
  });

  it("sends no hedge with hedge: false, or when the answer comes before the hedge delay", async () => {
    const health = new BackendHealth({ defaultHedgeMs: 10 });
    const slow = call({ "a.test": { delay: 60 } }, { health, hedge: false });
    expect(await slow.result).toMatchObject({ ok: true, backend: "a", hedged: false });
    expect(slow.fake.calls).toHaveLength(1);
    const fast = call({ "a.test": { delay: 0 } }, { health: new BackendHealth({ defaultHedgeMs: 200 }) });
    expect(await fast.result).toMatchObject({ ok: true, backend: "a", hedged: false });
    expect(fast.fake.calls).toHaveLength(1);
  });

  it("sends at most one hedge and never has more than two requests in flight", async () => {
    const health = new BackendHealth({ defaultHedgeMs: 10 });
    const D = backend("d", "apac");
    const { result, fake } = call(
      { "a.test": { delay: 150 }, "b.test": { delay: 30, status: 500 }, "c.test": { delay: 300 }, "d.test": { delay: 1 } },
      { health, backends: [A, B, C, D] },
    );
    const r = await result;
    expect(r).toMatchObject({ ok: true, backend: "a", hedged: true });
    expect(fake.maxInFlight()).toBe(2);
    expect(fake.calls.map((c) => c.host)).toEqual(["a.test", "b.test", "c.test"]);
    expect(r.attempts.filter((a) => a.hedge)).toHaveLength(1);
  });

  it("stops at the deadline: attempts cut short, the rest untried", async () => {
    const { result, fake } = call({ "a.test": { hang: true }, "b.test": { hang: true } }, { deadlineMs: 50, health: new BackendHealth({ defaultHedgeMs: 10 }) });
    const r = await result;
    expect(r).toMatchObject({ ok: false, hedged: true });
    expect(!r.ok && r.error).toBe(
      "2 of 3 backends failed before the deadline: a: timeout: deadline of 50 ms reached; b: timeout: deadline of 50 ms reached",
    );
    expect(r.attempts.map((a) => a.outcome)).toEqual(["timeout", "timeout"]);
    expect(fake.calls.every((c) => c.aborted)).toBe(true);
  });

  it("moves backends with an open breaker last and uses them only as a last resort", async () => {
    const health = new BackendHealth({ defaultHedgeMs: 1_000 });
    for (let i = 0; i < 3; i++) health.recordFailure(A);
    const healthy = call({}, { health, backends: [A, B] });
    expect(await healthy.result).toMatchObject({ ok: true, backend: "b" });
    expect(healthy.fake.calls.map((c) => c.host)).toEqual(["b.test"]);
    const lastResort = call({ "b.test": { status: 503 } }, { health, backends: [A, B] });
    expect(await lastResort.result).toMatchObject({ ok: true, backend: "a", allFailed: false });
    expect(health.state(A)).toBe("closed");
  });

  it("lets a single call probe a half-open backend", async () => {
    let t = 0;
    const health = new BackendHealth({ now: () => t, defaultHedgeMs: 1_000 });
    for (let i = 0; i < 3; i++) health.recordFailure(A);
    t = 10_000;
    const probe = call({ "a.test": { delay: 30 } }, { health, backends: [A, B] });
    const other = call({}, { health, backends: [A, B] });
    expect(await other.result).toMatchObject({ ok: true, backend: "b" });
    expect(await probe.result).toMatchObject({ ok: true, backend: "a" });
    expect(health.state(A)).toBe("closed");
  });

  it("treats an answer over maxResponseBytes as a failure of its backend", async () => {
    const { result } = call({ "a.test": { body: "x".repeat(12) } }, { maxResponseBytes: 11 });
    const r = await result;
    expect(r).toMatchObject({ ok: true, backend: "b" });
    expect(r.attempts[0]).toMatchObject({ name: "a", outcome: "too-large", error: "response larger than 11 bytes" });
  });

  it("refuses a hostile path or a bad request before any request is sent", async () => {
    for (const request of [
      { method: "", headers: null, body: "", path: "../admin" },
      { method: "", headers: null, body: "", path: "v1%2f..%2fadmin" },
      { method: "GE T", headers: null, body: "", path: "" },
      { method: "", headers: { "X-Key": "SECRET\n" }, body: "", path: "" },
    ]) {
      const { result, fake } = call({}, { request });
      const r = await result;
      expect(r).toMatchObject({ ok: false, attempts: [] });
      expect(JSON.stringify(r)).not.toContain("SECRET");
      expect(fake.calls).toHaveLength(0);
    }
  });

  it("fails without a backend or without time", async () => {
    expect(await call({}, { backends: [] }).result).toEqual({ ok: false, error: "no backend configured for this chain", attempts: [], hedged: false });
    const noTime = call({}, { deadlineMs: 0 });
    expect(await noTime.result).toMatchObject({ ok: false });
    expect(noTime.fake.calls).toHaveLength(0);
  });

  it("builds each request as pocket-core does, with the backend's headers and the joined path", async () => {
    const withKey = backend("a", "weur", 2_000, { Authorization: "Basic dTpw" });
    const { result, fake } = call({}, { backends: [withKey], request: { method: "GET", headers: new Map([["Accept", "application/json"]]), body: "ignored", path: "/v1/blocks?limit=1" } });
    await result;
    const [sent] = fake.calls;
    expect(sent.host).toBe("a.test");
    expect(sent.init.method).toBe("GET");
    expect(sent.init.body).toBeUndefined();
    expect([...(sent.init.headers as Headers)]).toEqual([
      ["accept", "application/json"],
      ["authorization", "Basic dTpw"],
    ]);
  });
});
