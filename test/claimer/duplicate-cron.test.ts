/**
 * Exactly once: two cron runs at the same moment, and an alarm firing alongside them, send one claim
 * and one proof — a caller arriving while a step awaits the chain joins that step, and a step that
 * finds its transaction sent and no block since sends nothing.
 */
import { beforeAll, expect, it } from "vitest";
import type { MorseKey } from "../../shared/morse/keys.js";
import { ClaimerWorld } from "./support/world.js";

const world = new ClaimerWorld("claimer-duplicate-cron", { proxied: true });
let servicer: MorseKey;
const sbh = 1;

beforeAll(async () => {
  await world.start();
  servicer = world.net.inSession[0];
  await world.serve(servicer, 5);
  await world.alarm(servicer, sbh); // registers the session
});


/** Starts recording the raw transactions sent to the chain (at the real proxy in front of it). */
async function watchTransactions(): Promise<void> {
  await world.chainLogReset();
}

/** The transactions sent since `watchTransactions`. */
async function sentTransactions(): Promise<string[]> {
  return (await world.chainLog()).rawtx;
}

/** Two cron runs and the alarm, all at once, then again (a retried alarm, a late cron run). */
async function everyoneAtOnce(): Promise<void> {
  await Promise.all([world.cron(), world.cron(), world.alarm(servicer, sbh)]);
  await Promise.all([world.cron(), world.alarm(servicer, sbh)]);
}

it("sends one claim", async () => {
  await world.advanceTo(sbh + 4);
  await watchTransactions();
  await everyoneAtOnce();
  expect(await sentTransactions()).toHaveLength(1);
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "claim-submitted", claimTx: { attempts: 1 } });
  const status = await (await fetch(`${world.net.rpcUrl}/v1/devnet/status`)).json<{ pending_txs: number }>();
  expect(status.pending_txs).toBe(1);
});

it("confirms it without sending anything", async () => {
  await world.advance(1);
  await watchTransactions();
  await everyoneAtOnce();
  expect(await sentTransactions()).toHaveLength(0);
  expect((await world.record(servicer, sbh)).state).toBe("claimed");
});

it("sends one proof, and is paid once", async () => {
  const opening = await world.balance(servicer);
  await world.advanceTo(sbh + 12);
  await watchTransactions();
  await everyoneAtOnce();
  expect(await sentTransactions()).toHaveLength(1);
  await world.advance(1);
  await everyoneAtOnce();
  expect(await sentTransactions()).toHaveLength(1);
  const proven = await world.record(servicer, sbh);
  expect(proven).toMatchObject({ state: "proven", claimTx: { attempts: 1 }, proofTx: { attempts: 1 } });
  expect(await world.balance(servicer)).toBe(opening - 10_000n + BigInt(proven.earned!));
  const report = await world.report(servicer, sbh);
  expect(report).toMatchObject({ state: "proven" });
  const { json } = await world.sessions("test-operator-token");
  expect(json.counters).toMatchObject({ claimsSubmitted: 1, proofsSubmitted: 1, transactionsSent: 2, proofsConfirmed: 1 });
});
