/**
 * The backend answer cap (`MAX_RESPONSE_BYTES`, default 4 MiB, chosen with `npm run bench:memory`):
 * a larger answer is never signed; another backend's answer within the cap is.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { control, LONDON, RelayNetwork } from "./support/network.js";

const harness = inject("harness");
let big: string;

beforeAll(async () => {
  big = (await control("/fault/fixed", { status: 200, body: JSON.stringify({ jsonrpc: "2.0", id: 1, result: "x".repeat(100_000) }) })).url;
});
afterAll(() => control("/stop", { url: big }).catch(() => undefined));

describe("answer cap", () => {
  it("refuses an answer over MAX_RESPONSE_BYTES and takes the next backend's", async () => {
    const net = await new RelayNetwork("answer-cap-a", {
      vars: { MAX_RESPONSE_BYTES: "65536" },
      backends: [
        { url: big, region: "weur", name: "big-weur" },
        { url: harness.evmUrls[1], region: "enam", name: "evm-enam" },
      ],
    }).start();
    const answer = await net.send(await net.sign(), LONDON);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers.get("Server-Timing")).toContain('desc="enam/evm-enam"');
  });

  it("answers 28, unsigned, when the only backend's answer is over the cap", async () => {
    const net = await new RelayNetwork("answer-cap-b", { vars: { MAX_RESPONSE_BYTES: "65536" }, backends: [{ url: big, region: "weur", name: "big-weur" }] }).start();
    const answer = await net.send(await net.sign(), LONDON);
    expect(answer.json.error?.code, answer.text).toBe(28);
    expect(answer.json.signature).toBeUndefined();
  });

  it("is a checked setting", async () => {
    const broken = new RelayNetwork("answer-cap", { vars: { MAX_RESPONSE_BYTES: "10" } });
    const health = await broken.fetch("/v1/health", { method: "GET" });
    expect(health.status).toBe(503);
    expect(health.json.errors.join("\n")).toContain("MAX_RESPONSE_BYTES");
  });
});
