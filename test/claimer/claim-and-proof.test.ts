/**
 * The honest path end to end: relays served through the relay Worker are claimed once their session
 * is over and proven once the claim matures, driven by the cron; the servicer's balance rises by
 * exactly the reward formula less the claim and proof fees; the relays are deleted and the operator
 * route reports the session and the counters.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { DEFAULT_TOMBSTONE_MS } from "../../durable-objects/session-evidence.js";
import { DEFAULT_PARAMS } from "../../shared/chain/params.js";
import { relayReward } from "../../shared/chain/rewards.js";
import { MSG_FEE } from "../../shared/morse/tx/tx.js";
import type { MorseKey } from "../../shared/morse/keys.js";
import { CHAIN } from "../relay/support/network.js";
import { ClaimerWorld, OPERATOR_TOKEN } from "./support/world.js";

const world = new ClaimerWorld("claimer-honest");
let servicer: MorseKey;
const sbh = 1;
beforeAll(async () => {
  await world.start();
  servicer = world.net.inSession[0];
  expect(world.net.sessionHeight).toBe(sbh);
});

it("claims, proves and is paid exactly the reward formula", async () => {
  const opening = await world.balance(servicer);
  await world.serve(servicer, 6);

  // The first alarm registers the session with the registry; the session is still taking relays.
  expect(await world.alarm(servicer, sbh)).toBe(true);
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "open", relays: 6 });

  // BPS 4: the session's last block is 4; from height 5 its relays are refused, so it is claimed.
  await world.advanceTo(sbh + 4);
  await world.cron();
  const submitted = await world.record(servicer, sbh);
  expect(submitted).toMatchObject({ state: "claim-submitted", relays: 6, claimTx: { attempts: 1, accepted: true } });
  expect(await world.evidence(servicer, sbh).stats()).toMatchObject({ sealed: true, count: 6 });

  await world.advance(1);
  await world.cron();
  const claimed = await world.record(servicer, sbh);
  expect(claimed).toMatchObject({ state: "claimed", claimedAt: sbh + 5, expirationHeight: sbh + 5 + 120 * 4 });
  const onChain = await world.net.chain("/v1/query/nodeclaim", { address: servicer.address, app_pubkey: world.net.app.publicKeyHex, blockchain: CHAIN, session_block_height: sbh });
  expect(onChain).toMatchObject({ type: "pocketcore/claim", value: { total_proofs: "6" } });

  // CSW 3: block 13 picks the leaf; the proof goes out once it is committed.
  await world.advanceTo(sbh + 11);
  await world.cron();
  expect((await world.record(servicer, sbh)).state).toBe("claimed");
  await world.advance(1);
  await world.cron();
  expect(await world.record(servicer, sbh)).toMatchObject({ state: "proof-submitted", proofTx: { attempts: 1, accepted: true } });
  await world.advance(1);
  await world.cron();

  const proven = await world.record(servicer, sbh);
  const reward = relayReward(DEFAULT_PARAMS, CHAIN, 6n).nodeReward;
  expect(proven).toMatchObject({ state: "proven", relays: 6, relaysLost: 0, earned: reward.toString() });
  expect(await world.balance(servicer)).toBe(opening - 2n * MSG_FEE + reward);
  expect(BigInt(proven.balanceAfter!) - BigInt(proven.balanceBefore!)).toBe(reward - MSG_FEE);
  expect(await world.evidence(servicer, sbh).stats()).toMatchObject({ sealed: true, count: 0 });
  expect((await world.net.chain("/v1/query/nodeclaims", { address: servicer.address })).result).toEqual([]);

  const listed = await world.sessions(OPERATOR_TOKEN);
  expect(listed.status).toBe(200);
  const report = listed.json.sessions.find((s: any) => s.servicerPubKey === servicer.publicKeyHex);
  expect(report).toMatchObject({
    state: "proven",
    relays: 6,
    sessionHeight: sbh,
    earned: reward.toString(),
    claim: { hash: submitted.claimTx!.hash, attempts: 1, confirmedAt: sbh + 5, result: { code: 0, height: sbh + 5 } },
    proof: { attempts: 1, result: { code: 0, height: sbh + 13 } },
  });
  expect(listed.json.counters).toMatchObject({ claimsSubmitted: 1, claimsConfirmed: 1, claimsFailed: 0, proofsSubmitted: 1, proofsConfirmed: 1, proofsFailed: 0, relaysLost: 0, tokensEarned: reward.toString() });
});

it("leaves a finished session alone: later ticks and alarms send nothing", async () => {
  const before = await world.record(servicer, sbh);
  await world.cron();
  // Alarms that fire now do nothing; what stays armed is the tombstone's purge, a day after the end.
  await world.alarm(servicer, sbh);
  const purgeAt = await runInDurableObject(world.evidence(servicer, sbh), (_o, state) => state.storage.getAlarm());
  expect(purgeAt).toBe(before.updatedAt + DEFAULT_TOMBSTONE_MS);
  expect(await world.evidence(servicer, sbh).tick()).toMatchObject({ ok: true, state: "proven", version: before.version });
  expect(await world.record(servicer, sbh)).toEqual(before);
  expect(await world.evidence(servicer, sbh).stats()).toMatchObject({ ok: true, header: { servicerPubKey: servicer.publicKeyHex } });
});

it("deletes the finished session's storage once its tombstone time has passed", async () => {
  Object.assign(env, { EVIDENCE_TOMBSTONE_MS: "0" });
  try {
    expect(await world.alarm(servicer, sbh)).toBe(true);
    expect(await world.evidence(servicer, sbh).stats()).toMatchObject({ header: null, count: 0, sealed: false });
    const tables = await runInDurableObject(world.evidence(servicer, sbh), (_o, state) => state.storage.sql.exec("SELECT name FROM sqlite_master").toArray());
    expect(tables).toEqual([]);
    expect(await world.alarm(servicer, sbh)).toBe(false);
    // The operator still sees it: the registry keeps finished sessions' records.
    const listed = await world.sessions(OPERATOR_TOKEN);
    expect(listed.json.sessions.find((s: any) => s.servicerPubKey === servicer.publicKeyHex)).toMatchObject({ state: "proven" });
  } finally {
    Object.assign(env, { EVIDENCE_TOMBSTONE_MS: undefined });
  }
});
