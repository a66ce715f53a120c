/**
 * A backend that accepts the connection and never answers: the relay is hedged to the next region
 * after the adaptive delay and answered well inside the deadline; with hedging off it fails over when
 * the hung backend's timeout ends. When every backend fails the relay answers 28, unsigned.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { control, LONDON, RelayNetwork } from "./support/network.js";

const harness = inject("harness");
let hung: string;

beforeAll(async () => {
  hung = (await control("/fault/hang")).url;
});
afterAll(() => control("/stop", { url: hung }).catch(() => undefined));

function timing(header: string | null, name: string): number {
  const match = new RegExp(`${name};dur=(\\d+)`).exec(header ?? "");
  return match ? Number(match[1]) : NaN;
}

describe("a hung backend", () => {
  it("is hedged to the next region and the relay answered within the deadline", async () => {
    const net = await new RelayNetwork("hung-hedge", {
      backends: [
        { url: hung, region: "weur", name: "hung-weur", timeout_ms: 8000 },
        { url: harness.evmUrls[1], region: "enam", name: "evm-enam" },
      ],
      vars: { RELAY_DEADLINE_MS: "10000" },
    }).start();
    const answer = await net.send(await net.sign(), LONDON);
    expect(answer.status, answer.text).toBe(200);
    const header = answer.headers.get("Server-Timing");
    expect(header).toContain('desc="enam/evm-enam"');
    expect(header).toContain("hedge");
    // The hedge, not the hung backend's 8 s timeout, decided: far inside the 10 s deadline.
    expect(timing(header, "backend")).toBeLessThan(8000);
  });

  it("fails over when its timeout ends if hedging is off", async () => {
    const net = await new RelayNetwork("hung-failover", {
      backends: [
        { url: hung, region: "weur", name: "hung-weur", timeout_ms: 1000 },
        { url: harness.evmUrls[1], region: "enam", name: "evm-enam" },
      ],
      vars: { RELAY_DEADLINE_MS: "10000", HEDGE: "false" },
    }).start();
    const answer = await net.send(await net.sign(), LONDON);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers.get("Server-Timing")).toContain('desc="enam/evm-enam"');
    expect(timing(answer.headers.get("Server-Timing"), "backend")).toBeGreaterThanOrEqual(900);
  });

  it("answers 28 without a signature when every backend fails within the deadline", async () => {
    const net = await new RelayNetwork("hung-all", {
      backends: [{ url: hung, region: "weur", name: "hung-weur", timeout_ms: 500 }],
      vars: { RELAY_DEADLINE_MS: "1500" },
    }).start();
    const answer = await net.send(await net.sign(), LONDON);
    expect(answer.status).toBe(400);
    expect(answer.json.signature).toBeUndefined();
    expect(answer.json.error.code).toBe(28);
    expect(answer.json.error.message).toMatch(/^error executing the http request: /);
  });
});
