/** A sealed session (claim generated, spec §6.1) refuses every relay with 90, before any other check. */
import { expect, it } from "vitest";
import { evidenceStub, reservations, sessionHeader, storedRows } from "./support/session.js";

it("answers 90 after sealing, even to replays and over quota, and stores nothing", async () => {
  const header = sessionHeader("seal");
  const stub = evidenceStub(header);
  const [first, second] = await reservations(header, 2, "1");
  expect(await stub.reserve(first)).toEqual({ ok: true, count: 1 });

  expect(await stub.seal()).toEqual({ ok: true, count: 1, sealed: true });
  expect(await stub.seal()).toEqual({ ok: true, count: 1, sealed: true });
  expect(await stub.reserve(second)).toEqual({ ok: false, code: 90 });
  expect(await stub.reserve({ ...second, maxRelays: "10" })).toEqual({ ok: false, code: 90 });
  expect(await stub.reserve(first)).toEqual({ ok: false, code: 90 });
  expect(await storedRows(stub)).toBe(1);
  expect(await stub.stats()).toMatchObject({ header, count: 1, sealed: true });
});

it("seals a session that has no relay yet", async () => {
  const header = sessionHeader("seal empty");
  const stub = evidenceStub(header);
  const [relay] = await reservations(header, 1, "10");
  expect(await stub.seal()).toEqual({ ok: true, count: 0, sealed: true });
  expect(await stub.reserve(relay)).toEqual({ ok: false, code: 90 });
  expect(await stub.stats()).toEqual({ ok: true, header: null, count: 0, sealed: true, maxRelays: null, createdAt: null });
});
