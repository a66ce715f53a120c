/**
 * An evidence object reset mid-lifecycle (eviction, a deploy, a crash between sending a transaction
 * and confirming it) resumes from storage: its alarm survives, the new instance finds the saved state
 * and transaction, confirms by asking the chain and completes — one claim, one proof, paid once.
 * Pool 0.15.1 has no `evictDurableObject`; `abortAllDurableObjects` resets every object and keeps storage.
 */
import { abortAllDurableObjects } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { MSG_FEE } from "../../shared/morse/tx/tx.js";
import type { MorseKey } from "../../shared/morse/keys.js";
import { ClaimerWorld } from "./support/world.js";

const world = new ClaimerWorld("claimer-eviction");
let servicer: MorseKey;
const sbh = 1;

beforeAll(async () => {
  await world.start();
  servicer = world.net.inSession[0];
});

it("completes across resets after each send", async () => {
  const opening = await world.balance(servicer);
  await world.serve(servicer, 7);
  await world.alarm(servicer, sbh);

  await world.advanceTo(sbh + 4);
  await world.alarm(servicer, sbh);
  const submitted = await world.record(servicer, sbh);
  expect(submitted.state).toBe("claim-submitted");

  // Reset right after the send, before any confirmation: the alarm is still armed in storage.
  await abortAllDurableObjects();
  await world.advance(1);
  expect(await world.alarm(servicer, sbh)).toBe(true);
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "claimed", claimTx: { hash: submitted.claimTx!.hash, attempts: 1 } });

  await world.advanceTo(sbh + 12);
  await world.alarm(servicer, sbh);
  const proving = await world.record(servicer, sbh);
  expect(proving.state).toBe("proof-submitted");

  await abortAllDurableObjects();
  await world.advance(1);
  expect(await world.alarm(servicer, sbh)).toBe(true);
  const proven = await world.record(servicer, sbh);
  expect(proven).toMatchObject({ state: "proven", relays: 7, proofTx: { hash: proving.proofTx!.hash, attempts: 1 } });
  expect(await world.balance(servicer)).toBe(opening - 2n * MSG_FEE + BigInt(proven.earned!));
});

it("keeps the session sealed and its record after a reset once finished", async () => {
  await abortAllDurableObjects();
  const stub = world.evidence(servicer, sbh);
  expect(await stub.stats()).toMatchObject({ sealed: true, count: 0 });
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "proven" });
  expect(await world.report(servicer, sbh)).toMatchObject({ state: "proven", relays: 7 });
});
