/**
 * `maxPossibleRelays` (spec §4.5) per servicer and session: with max_relays 9, one chain and three
 * session nodes each servicer may serve 3 relays; the 4th distinct relay answers 71 with a dispatch,
 * a replay at the limit still answers 37, and nothing past the limit is stored.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { storedRelays } from "./support/evidence.js";
import { RelayNetwork } from "./support/network.js";

const net = new RelayNetwork("over-service", { maxRelays: "9" });
beforeAll(() => net.start());

describe("over service", () => {
  it("serves maxPossibleRelays relays, then answers 71", async () => {
    const servicer = net.inSession[0];
    const served = [];
    for (let i = 0; i < 3; i++) {
      const signed = await net.sign(servicer);
      const answer = await net.send(signed);
      expect(answer.status, answer.text).toBe(200);
      served.push(signed);
    }
    const fourth = await net.send(await net.sign(servicer));
    expect(fourth.status).toBe(400);
    expect(fourth.json.error.code).toBe(71);
    expect(fourth.json.dispatch.session.header.session_height).toBe(net.sessionHeight);
    expect((await net.send(served[0])).json.error.code).toBe(37);
    expect(await storedRelays(net, servicer)).toBe(3);
    // Another servicer of the same session has its own quota.
    expect((await net.send(await net.sign(net.inSession[1]))).status).toBe(200);
  });
});
