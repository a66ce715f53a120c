import { describe, expect, it } from "vitest";
import { fromUtf8 } from "../primitives/bytes.js";
import { prepareRequest, requestHeaders, type BackendRequest } from "./request.js";

const base: BackendRequest = { method: "", headers: null, body: '{"id":1}', path: "" };
const prepare = (request: Partial<BackendRequest>) => {
  const result = prepareRequest({ ...base, ...request });
  if (!result.ok) throw new Error(result.error);
  return result.request;
};
const sent = (request: Partial<BackendRequest>, backendHeaders: Record<string, string> = {}) => [...requestHeaders(prepare(request), backendHeaders)];

describe("prepareRequest (pocket-core executeHTTPRequest)", () => {
  it("sends only Content-Type: application/json when the relay has no headers", () => {
    expect(sent({ headers: null })).toEqual([["content-type", "application/json"]]);
    expect(sent({ headers: new Map() })).toEqual([["content-type", "application/json"]]);
    expect(sent({ headers: {} })).toEqual([["content-type", "application/json"]]);
  });
  it("otherwise sends exactly the given headers, with no default Content-Type", () => {
    expect(sent({ headers: new Map([["X-Trace", "1"]]) })).toEqual([["x-trace", "1"]]);
    expect(sent({ headers: { Accept: "text/plain", "Content-Type": "application/x-www-form-urlencoded" } })).toEqual([
      ["accept", "text/plain"],
      ["content-type", "application/x-www-form-urlencoded"],
    ]);
  });
  it("adds the backend's headers last, so its credentials win", () => {
    expect(sent({ headers: { Authorization: "Bearer client" } }, { Authorization: "Basic c2VydmVy" })).toEqual([["authorization", "Basic c2VydmVy"]]);
    expect(sent({ headers: null }, { "X-Api-Key": "k" })).toEqual([
      ["content-type", "application/json"],
      ["x-api-key", "k"],
    ]);
  });
  it("drops framing and connection headers (the HTTP client owns them)", () => {
    expect(sent({ headers: { Host: "evil.example", "Content-Length": "1", "Transfer-Encoding": "chunked", Connection: "close", Expect: "100-continue", "X-A": "1" } })).toEqual([
      ["x-a", "1"],
    ]);
  });
  it("defaults the method to POST, and sends no body with GET or HEAD", () => {
    expect(prepare({ method: "" }).method).toBe("POST");
    expect(fromUtf8(prepare({ method: "" }).body!)).toBe('{"id":1}');
    expect(prepare({ method: "PUT", body: "" }).body).toEqual(new Uint8Array(0));
    expect(prepare({ method: "GET" }).body).toBeUndefined();
    expect(prepare({ method: "head" }).body).toBeUndefined();
    expect(prepare({ method: "POST", body: null }).body).toBeUndefined();
  });
  it("refuses what Go or fetch would refuse, in Go's words, without quoting header values", () => {
    expect(prepareRequest({ ...base, method: "GE T" })).toEqual({ ok: false, error: 'net/http: invalid method "GE T"' });
    expect(prepareRequest({ ...base, method: "CONNECT" })).toMatchObject({ ok: false });
    expect(prepareRequest({ ...base, headers: { "Bad Name": "v" } })).toEqual({ ok: false, error: 'net/http: invalid header field name "Bad Name"' });
    for (const value of ["secret\r\nX: y", "secret\0", "secret€"]) {
      const result = prepareRequest({ ...base, headers: { "X-Key": value } });
      expect(result).toEqual({ ok: false, error: 'net/http: invalid header field value for "X-Key"' });
    }
  });
});
