/**
 * A claim the chain accepted but never included (dropped from a mempool) is sent again while the
 * window is open — the same bytes, so the same hash — once a block has passed without it, and lands.
 * The answer to the first send is not trusted: only `/v1/query/nodeclaim` confirms a claim.
 */
import { beforeAll, expect, it } from "vitest";
import type { MorseKey } from "../../shared/morse/keys.js";
import { CHAIN } from "../relay/support/network.js";
import { ClaimerWorld } from "./support/world.js";

const world = new ClaimerWorld("claimer-never-included", { proxied: true });
let servicer: MorseKey;
const sbh = 1;

beforeAll(async () => {
  await world.start();
  servicer = world.net.inSession[0];
});

/**
 * The real proxy in front of the chain answers the next `/v1/client/rawtx` with "queued" and drops it
 * (a node that accepted a transaction and lost it); counts every send.
 */
async function dropFirstTransaction(): Promise<{ sends: () => Promise<number> }> {
  await world.chainLogReset();
  await world.chainFaults({ dropRawtx: 1 });
  return { sends: async () => (await world.chainLog()).rawtx.length };
}

it("re-sends the same claim after a block passes without it, and it lands in the window", async () => {
  await world.serve(servicer, 5);
  await world.advanceTo(sbh + 4);
  const chain = await dropFirstTransaction();
  await world.alarm(servicer, sbh);
  const first = await world.record(servicer, sbh);
  expect(first).toMatchObject({ state: "claim-submitted", claimTx: { attempts: 1, accepted: true } });

  // Same height: it may still be on its way, so nothing is sent.
  await world.cron();
  expect(await chain.sends()).toBe(1);

  // A block without it: not stored, not executed, not queued — send the same bytes again.
  await world.advance(1);
  await world.cron();
  expect(await chain.sends()).toBe(2);
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "claim-submitted", claimTx: { hash: first.claimTx!.hash, attempts: 2, sentAt: sbh + 5 } });

  await world.advance(1);
  await world.cron();
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "claimed", claimedAt: sbh + 6, claimTx: { hash: first.claimTx!.hash, result: { code: 0, height: sbh + 6 } } });
  const stored = await world.net.chain("/v1/query/nodeclaim", { address: servicer.address, app_pubkey: world.net.app.publicKeyHex, blockchain: CHAIN, session_block_height: sbh });
  expect(stored.value.total_proofs).toBe("5");
  expect(await chain.sends()).toBe(2);
});
