import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { plainErrorBody, relayErrorBody, relaySuccessBody } from "./bodies.js";
import { morseError } from "./errors.js";

describe("servicer bodies", () => {
  it("writes relay1's success body exactly", () => {
    expect(relaySuccessBody(vectors.relay1.chain_response_after_sortJSONResponse, vectors.relay1.servicer_signature)).toBe(
      vectors.relay1.http_response_body,
    );
  });
  it("writes the spec's error sample, sorted, with a trailing newline", () => {
    expect(relayErrorBody(morseError(74))).toBe(
      '{"dispatch":null,"error":{"code":74,"codespace":"pocketcore","message":"the request hash does not match the payload hash"}}\n',
    );
    expect(relayErrorBody({ Offset: 17 })).toBe('{"dispatch":null,"error":{"Offset":17}}\n');
    expect(relayErrorBody(morseError(60), { session: { nodes: [] }, block_height: 5 })).toBe(
      '{"dispatch":{"block_height":5,"session":{"nodes":[]}},"error":{"code":60,"codespace":"pocketcore","message":"the block height passed is invalid"}}\n',
    );
    expect(plainErrorBody(400, "a<b")).toBe('{"code":400,"message":"a\\u003cb"}\n');
  });
});
