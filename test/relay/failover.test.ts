/**
 * A backend killed mid-test: relays keep being served by the other region with no error returned;
 * a backend that answers 5xx is failed over too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { verifyRelayResponse } from "../../shared/client/relay.js";
import { control, LONDON, RelayNetwork } from "./support/network.js";

const harness = inject("harness");
let own: string;
let net: RelayNetwork;

beforeAll(async () => {
  // An EVM node of this file's own, nearest to London, so it can be stopped without touching others.
  own = (await control("/evm")).url;
  net = await new RelayNetwork("failover", {
    backends: [
      { url: own, region: "weur", name: "own-weur", timeout_ms: 2000 },
      { url: harness.evmUrls[1], region: "enam", name: "evm-enam" },
    ],
  }).start();
});
afterAll(() => control("/stop", { url: own }).catch(() => undefined));

describe("failover", () => {
  it("serves from the other region, with no error, after the nearest EVM node is killed", async () => {
    const before = await net.send(await net.sign(), LONDON);
    expect(before.status, before.text).toBe(200);
    expect(before.headers.get("Server-Timing")).toContain('desc="weur/own-weur"');

    await control("/stop", { url: own });

    for (let i = 0; i < 8; i++) {
      const servicer = net.inSession[i % net.inSession.length];
      const signed = await net.sign(servicer);
      const answer = await net.send(signed, LONDON);
      expect(answer.status, answer.text).toBe(200);
      expect(answer.headers.get("Server-Timing")).toContain('desc="enam/evm-enam"');
      expect(JSON.parse(answer.json.response).result).toBe("0x539");
      expect(await verifyRelayResponse(servicer.publicKeyHex, answer.json.response, answer.json.signature, signed.proofHashHex)).toBe(true);
    }
  });

  it("fails over from a backend answering 503", async () => {
    const broken = (await control("/fault/fixed", { status: 503, body: "upstream overloaded" })).url;
    const other = await new RelayNetwork("failover-503", {
      backends: [
        { url: broken, region: "weur", name: "broken-weur" },
        { url: harness.evmUrls[1], region: "enam", name: "evm-enam" },
      ],
    }).start();
    const answer = await other.send(await other.sign(), LONDON);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers.get("Server-Timing")).toContain('desc="enam/evm-enam"');
    expect((await control("/hits", { url: broken })).hits).toBeGreaterThanOrEqual(1);
    await control("/stop", { url: broken });
  });
});
