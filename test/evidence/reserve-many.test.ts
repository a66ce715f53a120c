/**
 * `reserveMany` (the Worker's group commit): the same answers, in order, as one `reserve` per relay —
 * a duplicate inside the batch answers 37, the quota is counted across the batch (71), a sealed
 * object answers 90 to all — and malformed batches are refused as bugs (code 1) with nothing stored.
 */
import { expect, it } from "vitest";
import { evidenceStub, reservations, sessionHeader, storedRows } from "./support/session.js";

it("answers each relay of a batch as reserve would, in order", async () => {
  const header = sessionHeader("reserve many");
  const stub = evidenceStub(header);
  const relays = await reservations(header, 5, "4");
  const results = await stub.reserveMany([relays[0], relays[1], relays[0], relays[2], relays[3], relays[4]]);
  expect(results).toEqual([
    { ok: true, count: 1 },
    { ok: true, count: 2 },
    { ok: false, code: 37 },
    { ok: true, count: 3 },
    { ok: true, count: 4 },
    { ok: false, code: 71 },
  ]);
  expect(await storedRows(stub)).toBe(4);
  await stub.seal();
  expect(await stub.reserveMany([relays[4], relays[0]])).toEqual([
    { ok: false, code: 90 },
    { ok: false, code: 90 },
  ]);
});

it("refuses an empty or oversized batch as a bug and stores nothing", async () => {
  const header = sessionHeader("reserve many bad");
  const stub = evidenceStub(header);
  const [relay] = await reservations(header, 1, "10");
  expect(await stub.reserveMany([])).toMatchObject({ ok: false, code: 1 });
  expect(await stub.reserveMany(Array.from({ length: 257 }, () => relay))).toMatchObject({ ok: false, code: 1 });
  expect(await storedRows(stub)).toBe(0);
});
