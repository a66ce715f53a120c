/**
 * The chain is unreachable at the moment the claim is sent: the signed claim was saved before the
 * send (write-ahead), so the next step sends the very same bytes again, and they land. While the
 * chain cannot even be read, steps wait and record why.
 */
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import type { MorseKey } from "../../shared/protocol/keys.js";
import { ClaimerWorld } from "./support/world.js";

const world = new ClaimerWorld("claimer-chain-down");
let servicer: MorseKey;
const sbh = 1;
beforeAll(async () => {
  await world.start();
  servicer = world.net.inSession[0];
});
afterEach(() => vi.restoreAllMocks());

/** Makes every chain call whose path ends with `path` fail as an unreachable host does, until `restore()`. */
function chainDownFor(path: string): { calls: () => number; restore: () => void } {
  const real = globalThis.fetch;
  let calls = 0;
  let down = true;
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith(path)) {
      calls++;
      if (down) return Promise.reject(new TypeError("Network connection lost."));
    }
    return real(input, init);
  });
  return { calls: () => calls, restore: () => (down = false) };
}

it("waits while the chain cannot be read, and says why", async () => {
  await world.serve(servicer, 5);
  await world.advanceTo(sbh + 4);
  chainDownFor("/v1/query/height");
  await world.alarm(servicer, sbh);
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "open", lastError: expect.stringContaining("unreachable") });
});

it("sends the same claim again when the first send got no answer, and it lands", async () => {
  const down = chainDownFor("/v1/client/rawtx");
  await world.alarm(servicer, sbh);
  const failed = await world.record(servicer, sbh);
  expect(failed).toMatchObject({ state: "claim-submitted", claimTx: { attempts: 1, accepted: false }, lastError: expect.stringContaining("sending the claim") });
  const sends = down.calls();
  expect(sends).toBeGreaterThan(0);

  // Nothing reached the chain: the next step sends the saved bytes again, without waiting for a block.
  down.restore();
  await world.alarm(servicer, sbh);
  const resent = await world.record(servicer, sbh);
  expect(resent.claimTx).toMatchObject({ hash: failed.claimTx!.hash, hex: failed.claimTx!.hex, attempts: 2, accepted: true });
  expect(resent.lastError).toBeUndefined();
  expect(down.calls()).toBe(sends + 1);

  await world.advance(1);
  await world.alarm(servicer, sbh);
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "claimed", claimedAt: sbh + 5, claimTx: { hash: failed.claimTx!.hash, result: { code: 0 } } });
});
