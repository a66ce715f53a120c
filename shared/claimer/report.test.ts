import { describe, expect, it } from "vitest";
import { testKey } from "../chain/testing.js";
import { advanceRecord, openRecord, terminalRecord, type SubmittedTx } from "./record.js";
import { contribution, sessionReport, zeroCounters } from "./report.js";

const header = { servicerPubKey: testKey("report servicer").publicKeyHex, appPubKey: testKey("report app").publicKeyHex, chain: "0021", sessionHeight: "1" };
const tx = (attempts: number): SubmittedTx => ({ hash: "AA", hex: "aa", attempts, sentAt: 5, accepted: true });

describe("sessionReport and contribution", () => {
  it("counts a proven session once in every column it reached", () => {
    let record = advanceRecord(openRecord(12, 0), { state: "claimed", claimTx: tx(2), claimedAt: 6, expirationHeight: 486 }, 1);
    record = advanceRecord(record, { state: "proof-submitted", proofTx: tx(1), proofIndex: 3 }, 2);
    record = terminalRecord({ ...record, earned: "106800" }, "proven", "proof included", 0, 3);
    const report = sessionReport("name", header, record);
    expect(report).toMatchObject({ servicer: testKey("report servicer").address, sessionHeight: 1, claim: { hash: "AA", attempts: 2, confirmedAt: 6 }, proof: { index: 3 } });
    expect(contribution(report)).toEqual({ ...zeroCounters(), claimsSubmitted: 1, claimsConfirmed: 1, proofsSubmitted: 1, proofsConfirmed: 1, transactionsSent: 3, tokensEarned: 106800n });
  });

  it("counts lost relays of expired and failed sessions, discarded ones apart, and nothing for open ones", () => {
    const expired = terminalRecord(advanceRecord(openRecord(7, 0), { claimTx: tx(1) }, 1), "expired", "late", 7, 2);
    expect(contribution(sessionReport("n", header, expired))).toMatchObject({ claimsSubmitted: 1, claimsFailed: 1, relaysLost: 7, relaysDiscarded: 0 });
    const discarded = terminalRecord(openRecord(3, 0), "discarded", "short", 3, 1);
    expect(contribution(sessionReport("n", header, discarded))).toMatchObject({ relaysLost: 0, relaysDiscarded: 3, claimsSubmitted: 0 });
    expect(contribution(sessionReport("n", header, openRecord(3, 0)))).toEqual(zeroCounters());
    expect(contribution(undefined)).toEqual(zeroCounters());
  });
});
