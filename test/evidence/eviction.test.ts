/**
 * Evidence lives in the object's SQLite storage: resetting the object mid-session (what eviction or a
 * restart does) loses nothing, and the count is restored from storage. Pool 0.15.1 has no
 * `evictDurableObject`; `abortAllDurableObjects` resets every object and keeps their storage.
 */
import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { SessionEvidence } from "../../durable-objects/session-evidence.js";
import { evidenceStub, reservations, sessionHeader, storedRows } from "./support/session.js";

it("keeps rows and count across a reset and continues the session", async () => {
  const header = sessionHeader("eviction");
  const relays = await reservations(header, 5, "4");
  let stub = evidenceStub(header);
  for (let i = 0; i < 3; i++) expect(await stub.reserve(relays[i])).toEqual({ ok: true, count: i + 1 });
  const before = await stub.stats();
  const instanceBefore = await runInDurableObject(stub, (instance) => instance);

  await abortAllDurableObjects();
  stub = evidenceStub(header); // a stub of a reset object is broken; the Worker makes a new one per request
  expect(await runInDurableObject(stub, (instance) => instance === instanceBefore)).toBe(false);
  expect(await stub.stats()).toEqual(before);
  expect(await storedRows(stub)).toBe(3);

  expect(await stub.reserve(relays[0])).toEqual({ ok: false, code: 37 });
  expect(await stub.reserve(relays[3])).toEqual({ ok: true, count: 4 });
  expect(await stub.reserve(relays[4])).toEqual({ ok: false, code: 71 });
});

it("keeps the sealed flag across a reset", async () => {
  const header = sessionHeader("eviction sealed");
  const [first, second] = await reservations(header, 2, "10");
  let stub = evidenceStub(header);
  expect(await stub.reserve(first)).toEqual({ ok: true, count: 1 });
  expect(await stub.seal()).toMatchObject({ ok: true, sealed: true });

  await abortAllDurableObjects();
  stub = evidenceStub(header);
  expect(await stub.stats()).toMatchObject({ header, count: 1, sealed: true, maxRelays: "10" });
  expect(await stub.reserve(second)).toEqual({ ok: false, code: 90 });
});

it("loads the same state in a second instance built over the same storage (a new isolate)", async () => {
  const header = sessionHeader("eviction isolate");
  const relays = await reservations(header, 3, "10");
  const stub = evidenceStub(header);
  for (const relay of relays.slice(0, 2)) expect(await stub.reserve(relay)).toMatchObject({ ok: true });

  const again = await runInDurableObject(stub, async (_instance, state) => {
    const fresh = new SessionEvidence(state, {} as Cloudflare.Env);
    await state.blockConcurrencyWhile(async () => {});
    return { stats: await fresh.stats(), next: await fresh.reserve(relays[2]) };
  });
  expect(again.stats).toMatchObject({ header, count: 2, sealed: false });
  expect(again.next).toEqual({ ok: true, count: 3 });
});
