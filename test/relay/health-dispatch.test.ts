/**
 * `GET /v1/health` (readiness), `POST /v1/client/dispatch` (answered from the chain) and a broken
 * configuration (503 with every reason, never a secret, never a crash).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { control, RelayNetwork } from "./support/network.js";

const net = new RelayNetwork("health-dispatch");
beforeAll(() => net.start());

describe("health", () => {
  it("is ready when the chain answers, keys are loaded and backends are known", async () => {
    const health = await net.fetch("/v1/health", { method: "GET" });
    expect(health.status).toBe(200);
    expect(health.json.status).toBe("ok");
    expect(health.json.chain).toMatchObject({ reachable: true, height: net.height });
    expect(health.json.servicers).toEqual(net.servicers.map((k) => k.address));
    expect(health.json.backends["0021"].map((b: { name: string }) => b.name)).toEqual(["evm-weur", "evm-enam"]);
    expect(health.text).not.toContain(net.servicers[0].privateKeyHex.slice(0, 64));
    expect(health.json.warnings).toEqual([]);
  });

  it("warns about a hosted servicer that is jailed, without failing readiness", async () => {
    const jailed = new RelayNetwork("health-dispatch", { vars: { HEIGHT_CACHE_MS: "1" } });
    await net.chain("/v1/devnet/jail", { address: net.servicers[5].address });
    const health = await jailed.fetch("/v1/health", { method: "GET" });
    expect(health.status).toBe(200);
    expect(health.json.warnings).toEqual([`servicer ${net.servicers[5].address}: jailed`]);
    await net.chain("/v1/devnet/unjail", { address: net.servicers[5].address });
  });

  it("reports a broken configuration with every reason and no secret; relays answer 503 in the Morse shape", async () => {
    const broken = new RelayNetwork("health-dispatch", { vars: { BACKENDS: "{not json", SERVICER_PRIVATE_KEYS: "deadbeef", CLIENT_BLOCK_SYNC_ALLOWANCE: "-1" } });
    const health = await broken.fetch("/v1/health", { method: "GET" });
    expect(health.status).toBe(503);
    expect(health.json.status).toBe("misconfigured");
    expect(health.json.errors.join("\n")).toMatch(/SERVICER_PRIVATE_KEYS\[0\][\s\S]*BACKENDS[\s\S]*CLIENT_BLOCK_SYNC_ALLOWANCE/);
    expect(health.text).not.toContain("deadbeef");
    const relay = await broken.send(await net.sign());
    expect(relay.status).toBe(503);
    expect(relay.json).toEqual({ dispatch: null, error: {} });
    expect(relay.headers.get("X-Pocket-Edge-Error")).toContain("misconfigured");
  });

  it("says the chain is unreachable when it is", async () => {
    // A gateway URL with an API key in its path: the key must never reach a client.
    const lost = new RelayNetwork("health-dispatch", { vars: { POCKET_RPC_URL: "http://127.0.0.1:9/v1/api-key-s3cr3t" } });
    const health = await lost.fetch("/v1/health", { method: "GET" });
    expect(health.status).toBe(503);
    expect(health.json.chain).toMatchObject({ reachable: false, url: "http://127.0.0.1:9" });
    expect(health.text).not.toContain("s3cr3t");
    const relay = await lost.send(await net.sign());
    expect(relay.status).toBe(503);
    expect(relay.json.signature).toBeUndefined();
    expect(relay.text + (relay.headers.get("X-Pocket-Edge-Error") ?? "")).not.toContain("s3cr3t");
    const dispatch = await lost.fetch("/v1/client/dispatch", { method: "POST", body: JSON.stringify({ app_public_key: net.app.publicKeyHex, chain: "0021" }) });
    expect(dispatch.status).toBe(503);
    expect(dispatch.text).not.toContain("s3cr3t");
  });
});

describe("health never echoes upstream error text", () => {
  it("says only that the chain did not answer; the gateway's words stay in the log", async () => {
    const gateway = (await control("/fault/fixed", { status: 502, body: '{"error":"upstream node 10.1.2.3 said: relay-key=k3y-from-gateway"}' })).url;
    try {
      const net502 = new RelayNetwork("health-dispatch", { vars: { POCKET_RPC_URL: gateway } });
      const health = await net502.fetch("/v1/health", { method: "GET" });
      expect(health.status).toBe(503);
      expect(health.json.chain).toMatchObject({ reachable: false, error: expect.stringContaining("did not answer") });
      expect(health.text).not.toContain("k3y-from-gateway");
      expect(health.text).not.toContain("10.1.2.3");
    } finally {
      await control("/stop", { url: gateway });
    }
  });
});

describe("dispatch", () => {
  it("answers the chain's latest session, whatever session_height the client sends", async () => {
    const fromChain = await net.chain("/v1/client/dispatch", { app_public_key: net.app.publicKeyHex, chain: "0021" });
    const answer = await net.fetch("/v1/client/dispatch", { method: "POST", body: JSON.stringify({ app_public_key: net.app.publicKeyHex, chain: "0021", session_height: 999 }) });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(fromChain);
    expect(answer.text.endsWith("\n")).toBe(true);
  });

  it("refuses a bad header as pocket-core does", async () => {
    const answer = await net.fetch("/v1/client/dispatch", { method: "POST", body: JSON.stringify({ app_public_key: "zz", chain: "0021" }) });
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe(400);
    expect(answer.json.message).toMatch(/^ERROR:\nCodespace: pocketcore\nCode: \d+/);
  });
});
