/**
 * An object created by the first schema (relays and meta only) is upgraded when it starts: its relays,
 * quota and replay set are kept, its session is open to the lifecycle, and it gets the alarm that
 * drives it.
 */
import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { MIGRATIONS } from "../../durable-objects/evidence/schema.js";
import { evidenceStub, reservations, sessionHeader } from "./support/session.js";

it("upgrades a version-1 object in place", async () => {
  const header = sessionHeader("migration v1");
  const relays = await reservations(header, 3, "10");
  let stub = evidenceStub(header);
  // The storage as the first version left it: schema 1, one relay, no alarm.
  await runInDurableObject(stub, (_instance, state) => {
    const sql = state.storage.sql;
    sql.exec(MIGRATIONS[0]);
    sql.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    sql.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (1, '2026-01-01T00:00:00Z')");
    sql.exec("INSERT INTO meta (id, servicer_pub_key, app_pub_key, chain, session_height, max_relays, created_at) VALUES (1, ?, ?, ?, ?, '10', 1)", header.servicerPubKey, header.appPubKey, header.chain, header.sessionHeight);
    sql.exec("INSERT INTO relays (key, proof) VALUES (?, ?)", relays[0].key, relays[0].proof);
  });
  await abortAllDurableObjects();

  stub = evidenceStub(header);
  expect(await stub.stats()).toMatchObject({ header, count: 1, sealed: false, maxRelays: "10" });
  expect(await stub.lifecycle()).toMatchObject({ ok: true, record: { state: "open", relays: 1 } });
  const schema = await runInDurableObject(stub, async (_instance, state) => ({
    version: state.storage.sql.exec("SELECT MAX(version) AS v FROM schema_migrations").one().v,
    alarm: await state.storage.getAlarm(),
  }));
  expect(schema.version).toBe(MIGRATIONS.length);
  expect(schema.alarm).not.toBeNull();
  expect(await stub.reserve(relays[0])).toEqual({ ok: false, code: 37 });
  expect(await stub.reserve(relays[1])).toEqual({ ok: true, count: 2 });
});
