import { describe, expect, it } from "vitest";
import type { TxLookup } from "../rpc/pocket-rpc.js";
import { classifyClaimFailure, classifyProofFailure, decideClaimed, decideOpen, decideSealed, judgeClaim, judgeProof, shouldResend } from "./decide.js";
import type { SubmittedTx } from "./record.js";
import { sessionWindows } from "./windows.js";

// Session 1, BPS 4, CSW 3: claim from 5 to 12, proof from 13.
const windows = sessionWindows(1, { blocksPerSession: 4, claimSubmissionWindow: 3 }, 0);
const sent: SubmittedTx = { hash: "AB", hex: "ab", attempts: 1, sentAt: 5, accepted: true };
const unknown: TxLookup = { status: "unknown" };
const pending: TxLookup = { status: "pending" };
const committed = (code: number, codespace = code === 0 ? "" : "pocketcore", height = 6): TxLookup => ({ status: "committed", height, code, codespace, log: "" });

describe("decideOpen", () => {
  const open = { windows, relays: 10, minimumProofs: 10, chainSupported: true };
  it("waits while relays are admitted, then claims inside the window", () => {
    expect(decideOpen({ ...open, latest: 4 }).kind).toBe("wait");
    expect(decideOpen({ ...open, latest: 5 }).kind).toBe("claim");
    expect(decideOpen({ ...open, latest: 12 }).kind).toBe("claim");
  });
  it("discards short sessions and unsupported chains, and expires a session found after its window", () => {
    expect(decideOpen({ ...open, latest: 5, relays: 9 })).toMatchObject({ kind: "discard", reason: expect.stringContaining("below") });
    expect(decideOpen({ ...open, latest: 5, chainSupported: false })).toMatchObject({ kind: "discard" });
    expect(decideOpen({ ...open, latest: 13, relays: 9 })).toMatchObject({ kind: "discard" });
    expect(decideOpen({ ...open, latest: 13 })).toMatchObject({ kind: "expire" });
    // Before its end a short session may still grow: it waits.
    expect(decideOpen({ ...open, latest: 3, relays: 1 }).kind).toBe("wait");
  });
});

describe("decideSealed", () => {
  it("sends while the window is open", () => {
    expect(decideSealed(12, windows).kind).toBe("send");
    expect(decideSealed(13, windows).kind).toBe("expire");
  });
});

describe("shouldResend", () => {
  it("re-sends what was never accepted, or what a block passed without", () => {
    expect(shouldResend({ ...sent, accepted: false }, 5)).toBe(true);
    expect(shouldResend(sent, 5)).toBe(false);
    expect(shouldResend(sent, 6)).toBe(true);
  });
});

describe("judgeClaim", () => {
  const facts = { latest: 6, windows, tx: unknown, stored: false, sent };
  it("confirms only a stored claim", () => {
    expect(judgeClaim({ ...facts, stored: true }).kind).toBe("confirmed");
    expect(judgeClaim({ ...facts, tx: committed(0) }).kind).toBe("wait");
    expect(judgeClaim({ ...facts, latest: 7, tx: committed(0) }).kind).toBe("expire");
  });
  it("waits for a queued claim and for a block after a send, then sends the same bytes again", () => {
    expect(judgeClaim({ ...facts, tx: pending }).kind).toBe("wait");
    expect(judgeClaim({ ...facts, latest: 5 }).kind).toBe("wait");
    expect(judgeClaim(facts).kind).toBe("resend");
  });
  it("signs anew only after an executed failure that may pass, inside the window", () => {
    expect(judgeClaim({ ...facts, tx: committed(5, "sdk") }).kind).toBe("resign");
    expect(judgeClaim({ ...facts, latest: 13, tx: committed(5, "sdk") }).kind).toBe("expire");
    expect(judgeClaim({ ...facts, tx: committed(14) }).kind).toBe("fail");
    expect(judgeClaim({ ...facts, tx: committed(69) }).kind).toBe("expire");
  });
  it("gives up on a definitive refusal at submission, and on a missing claim once the window is over", () => {
    expect(judgeClaim({ ...facts, sent: { ...sent, accepted: false, refusal: { code: 14, codespace: "pocketcore", log: "" } } }).kind).toBe("fail");
    expect(judgeClaim({ ...facts, sent: { ...sent, accepted: false, refusal: { code: 5, codespace: "sdk", log: "" } } }).kind).toBe("resend");
    expect(judgeClaim({ ...facts, latest: 13 }).kind).toBe("expire");
    expect(judgeClaim({ ...facts, latest: 13, tx: pending }).kind).toBe("expire");
  });
});

describe("decideClaimed", () => {
  it("proves from the proof height until the claim is about to expire", () => {
    expect(decideClaimed({ latest: 12, windows, expirationHeight: 486 }).kind).toBe("wait");
    expect(decideClaimed({ latest: 13, windows, expirationHeight: 486 }).kind).toBe("prove");
    expect(decideClaimed({ latest: 484, windows, expirationHeight: 486 }).kind).toBe("prove");
    expect(decideClaimed({ latest: 485, windows, expirationHeight: 486 }).kind).toBe("expire");
    expect(decideClaimed({ latest: 13, windows, expirationHeight: undefined }).kind).toBe("expire");
    // A claim that expires before the proof height can never be proven.
    expect(decideClaimed({ latest: 6, windows, expirationHeight: 14 }).kind).toBe("expire");
  });
});

describe("judgeProof", () => {
  const facts = { latest: 14, stored: true, expirationHeight: 486, tx: unknown, sent: { ...sent, sentAt: 13 } };
  it("confirms a successful proof once the claim is gone", () => {
    expect(judgeProof({ ...facts, stored: false, tx: committed(0, "", 14) }).kind).toBe("confirmed");
    expect(judgeProof({ ...facts, tx: committed(0, "", 14) }).kind).toBe("wait");
  });
  it("fails on an invalid proof or a replay attack, as pocket-core deletes the evidence", () => {
    expect(judgeProof({ ...facts, stored: false, tx: committed(86, "pocketcore", 14) }).kind).toBe("fail");
    expect(judgeProof({ ...facts, tx: committed(66, "pocketcore", 14) }).kind).toBe("fail");
    expect(judgeProof({ ...facts, sent: { ...facts.sent, accepted: false, refusal: { code: 66, codespace: "pocketcore", log: "" } } }).kind).toBe("fail");
  });
  it("re-sends or re-signs while the claim lives, and expires once it is gone or about to be", () => {
    expect(judgeProof(facts).kind).toBe("resend");
    expect(judgeProof({ ...facts, tx: pending }).kind).toBe("wait");
    expect(judgeProof({ ...facts, tx: committed(5, "sdk", 14) }).kind).toBe("resign");
    expect(judgeProof({ ...facts, stored: false }).kind).toBe("expire");
    expect(judgeProof({ ...facts, latest: 485 }).kind).toBe("expire");
    expect(judgeProof({ ...facts, stored: false, tx: committed(65, "pocketcore", 14) }).kind).toBe("expire");
  });
});

describe("failure classes", () => {
  it("retries what may pass, expires what is too late, fails the rest", () => {
    expect(classifyClaimFailure({ code: 5, codespace: "sdk", log: "" })).toBe("retry");
    expect(classifyClaimFailure({ code: 90, codespace: "pocketcore", log: "" })).toBe("retry");
    expect(classifyClaimFailure({ code: 69, codespace: "pocketcore", log: "" })).toBe("expire");
    expect(classifyClaimFailure({ code: 71, codespace: "pocketcore", log: "" })).toBe("fail");
    expect(classifyProofFailure({ code: 65, codespace: "pocketcore", log: "" })).toBe("expire");
    expect(classifyProofFailure({ code: 49, codespace: "pocketcore", log: "" })).toBe("fail");
  });
});
