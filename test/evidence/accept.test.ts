/** An accepted relay: one row stored, the count and the session's metadata recorded. */
import { runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { reservations, evidenceStub, sessionHeader, storedRows } from "./support/session.js";

it("stores the first relay of a session and records the session", async () => {
  const header = sessionHeader("accept");
  const stub = evidenceStub(header);
  const [relay] = await reservations(header, 1, "100");
  expect(await stub.stats()).toEqual({ ok: true, header: null, count: 0, sealed: false, maxRelays: null, createdAt: null });
  expect(await storedRows(stub)).toBe(0);

  const before = Date.now();
  expect(await stub.reserve(relay)).toEqual({ ok: true, count: 1 });
  expect(await storedRows(stub)).toBe(1);
  const stats = await stub.stats();
  expect(stats).toMatchObject({ ok: true, header, count: 1, sealed: false, maxRelays: "100" });
  if (stats.ok) expect(stats.createdAt).toBeGreaterThanOrEqual(before - 1000);

  const page = await stub.page(null, 10);
  expect(page).toEqual({ ok: true, rows: [{ key: relay.key, proof: relay.proof }], next: null });
});

it("writes exactly one row per accepted relay after the first", async () => {
  const header = sessionHeader("accept cost");
  const stub = evidenceStub(header);
  const [first, second] = await reservations(header, 2, "100");
  expect(await stub.reserve(first)).toEqual({ ok: true, count: 1 });
  const written = await runInDurableObject(stub, async (instance, state) => {
    const sql = state.storage.sql;
    const exec = sql.exec.bind(sql);
    let rows = 0;
    let statements = 0;
    sql.exec = ((query: string, ...bindings: unknown[]) => {
      const cursor = exec(query, ...bindings);
      cursor.toArray();
      statements++;
      rows += cursor.rowsWritten;
      return cursor;
    }) as typeof sql.exec;
    try {
      expect(await instance.reserve(second)).toEqual({ ok: true, count: 2 });
    } finally {
      sql.exec = exec;
    }
    return { rows, statements };
  });
  expect(written).toEqual({ rows: 1, statements: 1 });
});
