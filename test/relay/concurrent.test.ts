/**
 * Many relays at once for one servicer's session (the Worker groups the reservations that arrive
 * while one is in flight into a single `reserveMany`): every distinct relay is served and stored
 * exactly once, every concurrent copy of one relay but one answers 37, and the quota holds exactly.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { storedRelays } from "./support/evidence.js";
import { RelayNetwork } from "./support/network.js";

// max_relays 120, one chain, three session nodes: 40 relays per servicer and session.
const net = new RelayNetwork("concurrent", { maxRelays: "120" });
beforeAll(() => net.start());

describe("concurrent relays", () => {
  it("serves 30 distinct relays sent at once, and stores each", async () => {
    const servicer = net.inSession[0];
    const signed = await Promise.all(Array.from({ length: 30 }, () => net.sign(servicer)));
    const answers = await Promise.all(signed.map((s) => net.send(s)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(await storedRelays(net, servicer)).toBe(30);
  });

  it("serves one of 10 identical relays sent at once; the others answer 37", async () => {
    const servicer = net.inSession[1];
    const signed = await net.sign(servicer);
    const answers = await Promise.all(Array.from({ length: 10 }, () => net.send(signed)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.json?.error?.code === 37)).toHaveLength(9);
    expect(await storedRelays(net, servicer)).toBe(1);
  });

  it("holds the quota exactly under concurrency: 40 served, 10 answered 71", async () => {
    const servicer = net.inSession[2];
    const signed = await Promise.all(Array.from({ length: 50 }, () => net.sign(servicer)));
    const answers = await Promise.all(signed.map((s) => net.send(s)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(40);
    expect(answers.filter((a) => a.json?.error?.code === 71)).toHaveLength(10);
    expect(await storedRelays(net, servicer)).toBe(40);
  });
});
