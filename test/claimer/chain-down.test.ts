/**
 * The chain is unreachable at the moment the claim is sent: the signed claim was saved before the
 * send (write-ahead), so the next step sends the very same bytes again, and they land. While the
 * chain cannot even be read, steps wait and record why.
 */
import { beforeAll, expect, it } from "vitest";
import type { MorseKey } from "../../shared/morse/keys.js";
import { ClaimerWorld } from "./support/world.js";

const world = new ClaimerWorld("claimer-chain-down", { proxied: true });
let servicer: MorseKey;
const sbh = 1;
beforeAll(async () => {
  await world.start();
  servicer = world.net.inSession[0];
});

/**
 * Cuts every chain call whose path ends with `path` (the connection is closed unanswered, as when the
 * node goes away) at the real proxy in front of the chain, until `restore()`.
 */
async function chainDownFor(path: string): Promise<{ calls: () => Promise<number>; restore: () => Promise<unknown> }> {
  const base = (await world.chainFaults({ down: [path] })).calls;
  const count = async () => {
    const now = (await world.chainLog()).calls;
    return Object.entries(now).filter(([p]) => p.endsWith(path)).reduce((n, [p, c]) => n + c - (base[p] ?? 0), 0);
  };
  return { calls: count, restore: () => world.chainFaults({}) };
}

it("waits while the chain cannot be read, and says why", async () => {
  await world.serve(servicer, 5);
  await world.advanceTo(sbh + 4);
  const down = await chainDownFor("/v1/query/height");
  await world.alarm(servicer, sbh);
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "open", lastError: expect.stringContaining("unreachable") });
  await down.restore();
});

it("sends the same claim again when the first send got no answer, and it lands", async () => {
  const down = await chainDownFor("/v1/client/rawtx");
  await world.alarm(servicer, sbh);
  const failed = await world.record(servicer, sbh);
  expect(failed).toMatchObject({ state: "claim-submitted", claimTx: { attempts: 1, accepted: false }, lastError: expect.stringContaining("sending the claim") });
  const sends = await down.calls();
  expect(sends).toBeGreaterThan(0);

  // Nothing reached the chain: the next step sends the saved bytes again, without waiting for a block.
  await down.restore();
  await world.alarm(servicer, sbh);
  const resent = await world.record(servicer, sbh);
  expect(resent.claimTx).toMatchObject({ hash: failed.claimTx!.hash, hex: failed.claimTx!.hex, attempts: 2, accepted: true });
  expect(resent.lastError).toBeUndefined();
  expect(await down.calls()).toBe(sends + 1);

  await world.advance(1);
  await world.alarm(servicer, sbh);
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "claimed", claimedAt: sbh + 5, claimTx: { hash: failed.claimTx!.hash, result: { code: 0 } } });
});
