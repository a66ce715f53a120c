/**
 * A session with fewer relays than `MinimumNumberOfProofs` is never claimed: once it is over its
 * relays are deleted and it is reported `discarded` with its relay count, as pocket-core deletes such
 * evidence. Until the session is over it keeps taking relays.
 */
import { beforeAll, expect, it } from "vitest";
import type { MorseKey } from "../../shared/morse/keys.js";
import { ClaimerWorld, MIN_PROOFS, OPERATOR_TOKEN } from "./support/world.js";

const world = new ClaimerWorld("claimer-discarded");
let servicer: MorseKey;
const sbh = 1;

beforeAll(async () => {
  await world.start();
  servicer = world.net.inSession[0];
});

it("keeps a short session open while it may still take relays", async () => {
  await world.serve(servicer, MIN_PROOFS - 3);
  await world.advanceTo(sbh + 3);
  await world.alarm(servicer, sbh);
  await world.serve(servicer, 1);
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "open", relays: MIN_PROOFS - 2 });
});

it("discards it once over, deleting its relays and sending nothing", async () => {
  await world.advance(1);
  await world.cron();
  const record = await world.record(servicer, sbh);
  expect(record).toMatchObject({ state: "discarded", relays: MIN_PROOFS - 2, relaysLost: MIN_PROOFS - 2, reason: expect.stringContaining("below MinimumNumberOfProofs") });
  expect(record.claimTx).toBeUndefined();
  expect(await world.evidence(servicer, sbh).stats()).toMatchObject({ count: 0, sealed: true });
  expect(await world.net.chain("/v1/query/nodeclaims", { address: servicer.address })).toMatchObject({ result: [] });
  const listed = await world.sessions(OPERATOR_TOKEN);
  expect(listed.json.sessions).toEqual([expect.objectContaining({ state: "discarded", relays: MIN_PROOFS - 2, relaysLost: MIN_PROOFS - 2 })]);
  expect(listed.json.counters).toMatchObject({ claimsSubmitted: 0, relaysDiscarded: MIN_PROOFS - 2, relaysLost: 0 });
});
