/** After the claim, `clear()` deletes the session's storage; the object then starts over empty. */
import { runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { evidenceStub, reservations, sessionHeader } from "./support/session.js";

it("deletes every row, the metadata and the schema, and reports how many relays it dropped", async () => {
  const header = sessionHeader("clear");
  const stub = evidenceStub(header);
  const relays = await reservations(header, 4, "10");
  for (const relay of relays.slice(0, 3)) expect(await stub.reserve(relay)).toMatchObject({ ok: true });
  expect(await stub.seal()).toMatchObject({ ok: true });

  expect(await stub.clear()).toEqual({ ok: true, dropped: 3 });
  const tables = await runInDurableObject(stub, (_instance, state) => state.storage.sql.exec("SELECT name FROM sqlite_master").toArray());
  expect(tables).toEqual([]);
  expect(await stub.stats()).toEqual({ ok: true, header: null, count: 0, sealed: false, maxRelays: null, createdAt: null });
  expect(await stub.page(null, 10)).toEqual({ ok: true, rows: [], next: null });
  expect(await stub.clear()).toEqual({ ok: true, dropped: 0 });

  // Nothing of the old session remains: not even its seal or its replay set.
  expect(await stub.reserve(relays[0])).toEqual({ ok: true, count: 1 });
  expect(await stub.stats()).toMatchObject({ header, count: 1, sealed: false });
});

it("creates no storage when an empty object is only read", async () => {
  const stub = evidenceStub(sessionHeader("clear read only"));
  expect(await stub.stats()).toMatchObject({ ok: true, count: 0 });
  const tables = await runInDurableObject(stub, (_instance, state) => state.storage.sql.exec("SELECT name FROM sqlite_master").toArray());
  expect(tables).toEqual([]);
});
