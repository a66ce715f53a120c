/**
 * A valid relay is served: the EVM node's answer comes back sorted as pocket-core sorts it, the
 * servicer's signature verifies over it, the relay is stored as evidence, and `Server-Timing` shows
 * the edge and backend times and the region that answered.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { verifyRelayResponse } from "../../shared/client/relay.js";
import { sortJSONResponse } from "../../shared/morse/sort-json-response.js";
import { storedRelays } from "./support/evidence.js";
import { LONDON, NEW_YORK, RelayNetwork } from "./support/network.js";

const net = new RelayNetwork("valid-relay");
beforeAll(() => net.start());

describe("a valid relay", () => {
  it("is answered by the nearest EVM node and signed by the servicer it names", async () => {
    const servicer = net.inSession[0];
    const signed = await net.sign(servicer);
    const answer = await net.send(signed, LONDON);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text.endsWith("\n")).toBe(true);
    expect(Object.keys(answer.json)).toEqual(["response", "signature"]);
    expect(JSON.parse(answer.json.response)).toEqual({ id: 1, jsonrpc: "2.0", result: "0x539" });
    expect(answer.json.response).toBe(sortJSONResponse(answer.json.response));
    expect(await verifyRelayResponse(servicer.publicKeyHex, answer.json.response, answer.json.signature, signed.proofHashHex)).toBe(true);
    expect(await verifyRelayResponse(net.inSession[1].publicKeyHex, answer.json.response, answer.json.signature, signed.proofHashHex)).toBe(false);
    expect(answer.headers.get("Server-Timing")).toMatch(/edge;dur=\d+, backend;dur=\d+;desc="weur\/evm-weur", total;dur=\d+/);
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await storedRelays(net, servicer)).toBe(1);
  });

  it("goes to the backend nearest the client", async () => {
    const answer = await net.send(await net.sign(net.inSession[0]), NEW_YORK);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers.get("Server-Timing")).toContain('desc="enam/evm-enam"');
  });

  it("is served for every servicer of the session, each with its own key and evidence", async () => {
    for (const servicer of net.inSession) {
      const signed = await net.sign(servicer, { data: JSON.stringify({ jsonrpc: "2.0", id: 7, method: "eth_blockNumber", params: [] }) });
      const answer = await net.send(signed);
      expect(answer.status, answer.text).toBe(200);
      expect(await verifyRelayResponse(servicer.publicKeyHex, answer.json.response, answer.json.signature, signed.proofHashHex)).toBe(true);
    }
    expect(await storedRelays(net, net.inSession[2])).toBe(1);
  });

  it("answers GET /v1 and OPTIONS as pocket-core does", async () => {
    const version = await net.fetch("/v1", { method: "GET" });
    expect(version.status).toBe(200);
    expect(typeof version.json).toBe("string");
    const options = await net.fetch("/v1/client/relay", { method: "OPTIONS" });
    expect(options.status).toBe(200);
    expect(options.text).toBe("");
    expect(options.headers.get("Access-Control-Allow-Methods")).toBe("POST");
  });
});
