import { describe, expect, it } from "vitest";
import { proofUntil, sessionWindows } from "./windows.js";

const MAINNET = { blocksPerSession: 4, claimSubmissionWindow: 3 };

describe("sessionWindows", () => {
  it("claims after the session's last relay block and until the claim can still be included (spec §7.2)", () => {
    // Session 1 is blocks 1–4; a claim may be included at 5…13, so sent at 4…12 — from 5 here,
    // since relays of the session are admitted while the latest height is 4.
    expect(sessionWindows(1, MAINNET, 0)).toEqual({ sessionHeight: 1, claimFrom: 5, claimUntil: 12, proofHeight: 13 });
    expect(sessionWindows(10001, MAINNET, 0)).toEqual({ sessionHeight: 10001, claimFrom: 10005, claimUntil: 10012, proofHeight: 10013 });
  });

  it("waits out the session sync allowance, but never past the claim window", () => {
    expect(sessionWindows(1, MAINNET, 1).claimFrom).toBe(9);
    expect(sessionWindows(1, MAINNET, 2).claimFrom).toBe(12);
    expect(sessionWindows(1, MAINNET, 5).claimFrom).toBe(12);
    expect(sessionWindows(1, { blocksPerSession: 1, claimSubmissionWindow: 1 }, 0)).toEqual({ sessionHeight: 1, claimFrom: 1, claimUntil: 1, proofHeight: 2 });
  });
});

describe("proofUntil", () => {
  it("sends a proof while it can be included a block before the claim is deleted", () => {
    expect(proofUntil(486)).toBe(484);
  });
});
