/**
 * Sessions that could not be paid are reported, never dropped: one whose claim window passed before
 * the claimer got to it, and one whose claim expired before its proof was sent. Both end `expired`
 * with their relay count as relays lost, their relays deleted, and the counters say so.
 */
import { beforeAll, expect, it } from "vitest";
import type { MorseKey } from "../../shared/morse/keys.js";
import { ClaimerWorld, OPERATOR_TOKEN } from "./support/world.js";

// ClaimExpiration 4 sessions: a claim included at 6 is deleted at 6 + 4·4 = 22.
const world = new ClaimerWorld("claimer-expired", { params: { claim_expiration: 4 } });
let missedClaim: MorseKey;
let missedProof: MorseKey;
const sbh = 1;

beforeAll(async () => {
  await world.start();
  [missedClaim, missedProof] = world.net.inSession;
  await world.serve(missedClaim, 5);
  await world.serve(missedProof, 6);
  await world.alarm(missedClaim, sbh);
  await world.alarm(missedProof, sbh);
});

it("claims the second session in its window", async () => {
  await world.advanceTo(sbh + 4);
  await world.alarm(missedProof, sbh);
  await world.advance(1);
  await world.alarm(missedProof, sbh);
  expect(await world.record(missedProof, sbh)).toMatchObject({ state: "claimed", expirationHeight: 22 });
});

it("reports a session whose claim window passed unclaimed as expired, with its relays lost", async () => {
  // CSW 3: the last claim could be included at 13; the claimer wakes at 13.
  await world.advanceTo(sbh + 12);
  await world.alarm(missedClaim, sbh);
  const record = await world.record(missedClaim, sbh);
  expect(record).toMatchObject({ state: "expired", relays: 5, relaysLost: 5, reason: expect.stringContaining("claim window closed") });
  expect(record.claimTx).toBeUndefined();
  expect(await world.evidence(missedClaim, sbh).stats()).toMatchObject({ count: 0 });
  expect(await world.report(missedClaim, sbh)).toMatchObject({ state: "expired", relays: 5, relaysLost: 5, claim: null });
});

it("reports a claim that expired before its proof as expired, with its relays lost", async () => {
  await world.advanceTo(22);
  await world.alarm(missedProof, sbh);
  expect(await world.record(missedProof, sbh)).toMatchObject({ state: "expired", relays: 6, relaysLost: 6, reason: expect.stringContaining("no longer stored") });
  expect(await world.evidence(missedProof, sbh).stats()).toMatchObject({ count: 0 });
  const listed = await world.sessions(OPERATOR_TOKEN, "?state=expired");
  expect(listed.json.sessions).toHaveLength(2);
  expect(listed.json.states).toEqual({ expired: 2 });
  expect(listed.json.counters).toMatchObject({ claimsSubmitted: 1, claimsConfirmed: 1, proofsSubmitted: 0, relaysLost: 11, tokensEarned: "0" });
});
