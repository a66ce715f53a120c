/** maxPossibleRelays (spec §4.5): the (max+1)-th distinct relay answers 71, a replay at the limit still 37. */
import { expect, it } from "vitest";
import { evidenceStub, reservations, sessionHeader, storedRows } from "./support/session.js";

it("accepts up to maxRelays relays, then answers 71; a replay at the limit answers 37", async () => {
  const header = sessionHeader("quota");
  const stub = evidenceStub(header);
  const relays = await reservations(header, 6, "5");
  for (let i = 0; i < 5; i++) expect(await stub.reserve(relays[i])).toEqual({ ok: true, count: i + 1 });

  expect(await stub.reserve(relays[5])).toEqual({ ok: false, code: 71 });
  expect(await stub.reserve(relays[4])).toEqual({ ok: false, code: 37 });
  expect(await stub.reserve(relays[0])).toEqual({ ok: false, code: 37 });
  expect(await storedRows(stub)).toBe(5);
  expect(await stub.stats()).toMatchObject({ count: 5, maxRelays: "5" });

  // Each reservation is checked against its own quota (pocket-core recomputes it per relay).
  expect(await stub.reserve({ ...relays[5], maxRelays: "6" })).toEqual({ ok: true, count: 6 });
});

it("answers 71 to every relay when the quota is 0, storing nothing", async () => {
  const header = sessionHeader("quota zero");
  const stub = evidenceStub(header);
  const [relay] = await reservations(header, 1, "0");
  expect(await stub.reserve(relay)).toEqual({ ok: false, code: 71 });
  expect(await storedRows(stub)).toBe(0);
  expect(await stub.stats()).toMatchObject({ header: null, count: 0 });
});

it("compares quotas beyond 2^53 exactly", async () => {
  const header = sessionHeader("quota large");
  const stub = evidenceStub(header);
  const [relay] = await reservations(header, 1, "18446744073709551615");
  expect(await stub.reserve(relay)).toEqual({ ok: true, count: 1 });
});
