/** A replayed relay (same proof bytes) is refused with 37 and costs no row written. */
import { runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { evidenceStub, reservations, sessionHeader, storedRows } from "./support/session.js";

it("answers 37 to a replay, stores nothing and writes no row", async () => {
  const header = sessionHeader("replay");
  const stub = evidenceStub(header);
  const [relay] = await reservations(header, 1, "100");
  expect(await stub.reserve(relay)).toEqual({ ok: true, count: 1 });

  // The replay through the object itself, counting what its one statement writes.
  const refused = await runInDurableObject(stub, async (instance, state) => {
    const sql = state.storage.sql;
    const exec = sql.exec.bind(sql);
    const cursors: SqlStorageCursor<Record<string, SqlStorageValue>>[] = [];
    sql.exec = ((query: string, ...bindings: unknown[]) => {
      const cursor = exec(query, ...bindings);
      cursors.push(cursor);
      return cursor;
    }) as typeof sql.exec;
    try {
      const result = await instance.reserve(relay);
      return { result, statements: cursors.length, rowsWritten: cursors.reduce((sum, c) => sum + c.rowsWritten, 0) };
    } finally {
      sql.exec = exec;
    }
  });
  expect(refused).toEqual({ result: { ok: false, code: 37 }, statements: 1, rowsWritten: 0 });

  // A replay carrying a different proof text (e.g. another signature) has the same key: still 37.
  expect(await stub.reserve({ ...relay, proof: relay.proof.replace('"signature":"', '"signature":"00') })).toEqual({ ok: false, code: 37 });
  expect(await storedRows(stub)).toBe(1);
  expect(await stub.stats()).toMatchObject({ count: 1 });
  expect(await stub.page(null, 10)).toMatchObject({ rows: [{ proof: relay.proof }] });
});
