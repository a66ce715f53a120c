/**
 * Concurrent reservations, as many relay Worker instances send them: the object is single-threaded
 * and a reservation never awaits between its check and its insert, so replays and the quota stay exact.
 */
import { expect, it } from "vitest";
import type { ReserveResult } from "../../shared/evidence/api.js";
import { evidenceStub, reservations, sessionHeader, storedRows } from "./support/session.js";

const tally = (results: ReserveResult[]) => {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.ok ? "ok" : String(r.code)] = (counts[r.ok ? "ok" : String(r.code)] ?? 0) + 1;
  return counts;
};

it("accepts each of 100 distinct relays once when each arrives twice at the same time", async () => {
  const header = sessionHeader("concurrent replays");
  const relays = await reservations(header, 100, "1000");
  const sent = [...relays, ...relays.slice().reverse()];
  // A stub per call, as separate Worker invocations would have.
  const results = await Promise.all(sent.map((relay) => evidenceStub(header).reserve(relay)));
  expect(tally(results)).toEqual({ ok: 100, 37: 100 });
  for (let i = 0; i < 100; i++) expect([results[i].ok, results[199 - i].ok].filter(Boolean)).toHaveLength(1);
  // Accepted counts are 1…100, each handed out once.
  const counts = results.flatMap((r) => (r.ok ? [r.count] : [])).sort((a, b) => a - b);
  expect(counts).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  const stub = evidenceStub(header);
  expect(await stub.stats()).toMatchObject({ count: 100 });
  expect(await storedRows(stub)).toBe(100);
});

it("accepts exactly maxRelays of 80 distinct relays arriving at the same time", async () => {
  const header = sessionHeader("concurrent quota");
  const relays = await reservations(header, 80, "50");
  const results = await Promise.all(relays.map((relay) => evidenceStub(header).reserve(relay)));
  expect(tally(results)).toEqual({ ok: 50, 71: 30 });
  const stub = evidenceStub(header);
  expect(await stub.stats()).toMatchObject({ count: 50 });
  expect(await storedRows(stub)).toBe(50);
});
