/**
 * `CLIENT_SESSION_SYNC_ALLOWANCE` 1: relays of the previous session are still served. Dispatch only
 * answers the latest session, so a Worker that never saw the previous one computes it from the chain
 * (staked nodes at its start, its block hash, the selection walk) and must find exactly the servicers
 * dispatch named while it was current; the others answer 14, and a session two back answers 60.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { MorseKey } from "../../shared/morse/keys.js";
import { RelayNetwork } from "./support/network.js";

const net = new RelayNetwork("past-session", { vars: { CLIENT_SESSION_SYNC_ALLOWANCE: "1" } });
let previous: { height: number; inSession: MorseKey[]; outOfSession: MorseKey[] };

beforeAll(async () => {
  await net.start();
  previous = { height: net.sessionHeight, inSession: net.inSession, outOfSession: net.outOfSession };
  await net.advance(4);
});

describe("the previous session", () => {
  it("is served for each servicer dispatch named while it was current, by a Worker that never saw it", async () => {
    expect(net.sessionHeight).toBe(previous.height + 4);
    // The sessions differ (fixed keys make this deterministic), so the latest dispatch cannot stand in.
    expect(net.inSession.map((k) => k.address).sort()).not.toEqual(previous.inSession.map((k) => k.address).sort());
    for (const servicer of previous.inSession) {
      const answer = await net.send(await net.sign(servicer, { sessionHeight: previous.height, blockHeight: net.height }));
      expect(answer.status, answer.text).toBe(200);
    }
  });

  it("answers 14 for a servicer that was not in it", async () => {
    const answer = await net.send(await net.sign(previous.outOfSession[0], { sessionHeight: previous.height, blockHeight: net.height }));
    expect(answer.json.error.code, answer.text).toBe(14);
  });

  it("answers 60 beyond the allowance", async () => {
    await net.advance(4);
    const answer = await net.send(await net.sign(previous.inSession[0], { sessionHeight: previous.height, blockHeight: net.height }));
    expect(answer.json.error.code, answer.text).toBe(60);
  });
});
