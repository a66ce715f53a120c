/**
 * A replay of an accepted relay answers 37 and stores nothing more; evidence survives the eviction
 * of its object, so a replay after it is still caught.
 */
import { abortAllDurableObjects } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { storedRelays } from "./support/evidence.js";
import { RelayNetwork } from "./support/network.js";

const net = new RelayNetwork("replay");
beforeAll(() => net.start());

describe("replays", () => {
  it("answers 37 for the same relay again, with no signature and no second row", async () => {
    const servicer = net.inSession[0];
    const signed = await net.sign(servicer);
    const first = await net.send(signed);
    expect(first.status, first.text).toBe(200);
    const again = await net.send(signed);
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ dispatch: null, error: { code: 37, codespace: "pocketcore", message: expect.any(String) } });
    expect(await storedRelays(net, servicer)).toBe(1);
  });

  it("keeps the replay set across an eviction of the evidence object", async () => {
    const servicer = net.inSession[1];
    const signed = await net.sign(servicer);
    expect((await net.send(signed)).status).toBe(200);
    // Reset every object: the next call builds a new instance over the same storage.
    await abortAllDurableObjects();
    const replay = await net.send(signed);
    expect(replay.json.error.code).toBe(37);
    expect((await net.send(await net.sign(servicer))).status).toBe(200);
    expect(await storedRelays(net, servicer)).toBe(2);
  });
});
