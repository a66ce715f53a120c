/**
 * A session of a chain the network does not list in `SupportedBlockchains` is never claimed (the chain
 * would refuse it with 53): once over, it is discarded with its relays, and nothing is sent.
 */
import { beforeAll, expect, it } from "vitest";
import type { MorseKey } from "../../shared/morse/keys.js";
import { ClaimerWorld } from "./support/world.js";

const world = new ClaimerWorld("claimer-unsupported", { params: { supported_blockchains: ["0001"] } });
let servicer: MorseKey;
const sbh = 1;

beforeAll(async () => {
  await world.start();
  servicer = world.net.inSession[0];
});

it("discards the session instead of claiming it", async () => {
  await world.serve(servicer, 6);
  await world.advanceTo(sbh + 4);
  await world.alarm(servicer, sbh);
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "discarded", relays: 6, reason: expect.stringContaining("SupportedBlockchains") });
  expect(await world.evidence(servicer, sbh).stats()).toMatchObject({ count: 0 });
});
