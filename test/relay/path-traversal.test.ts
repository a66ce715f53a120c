/**
 * No open proxy: a relay's REST `path` can never leave the backend's base URL. Hostile paths are
 * refused (code 28) before any backend call and without storing evidence; a benign path is joined
 * as pocket-core joins it and reaches the backend.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedRelays } from "./support/evidence.js";
import { control, RelayNetwork } from "./support/network.js";

let backend: string;
let net: RelayNetwork;

beforeAll(async () => {
  // A backend under a base path, answering every request, that counts what reaches it.
  backend = (await control("/fault/fixed", { status: 200, body: '{"ok":true}' })).url;
  net = await new RelayNetwork("path-traversal", { backends: [{ url: `${backend}/base/api`, region: "weur", name: "rest" }] }).start();
});
afterAll(() => control("/stop", { url: backend }).catch(() => undefined));

const hostile = [
  "../secret",
  "/../../etc/passwd",
  "a/../../b",
  "%2e%2e/secret",
  "%2E%2e%2fsecret",
  "..\\secret",
  "a/%2e%2e/%2e%2e/b",
  "http://evil.example/",
  "@evil.example",
  "a b",
  "x#frag",
];

describe("REST paths", () => {
  for (const path of hostile) {
    it(`refuses ${JSON.stringify(path)}`, async () => {
      const answer = await net.send(await net.sign(undefined, { path, data: "", method: "GET" }));
      expect(answer.status, answer.text).toBe(400);
      expect(answer.json.error.code).toBe(28);
      expect(answer.json.signature).toBeUndefined();
    });
  }

  it("reached the backend for none of them and stored nothing", async () => {
    expect((await control("/hits", { url: backend })).hits).toBe(0);
    for (const servicer of net.inSession) expect(await storedRelays(net, servicer)).toBe(0);
  });

  it("serves a benign path under the base URL", async () => {
    const answer = await net.send(await net.sign(undefined, { path: "/v1/status?verbose=1", data: "", method: "GET" }));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.response).toBe('{"ok":true}');
    expect((await control("/hits", { url: backend })).hits).toBe(1);
  });
});
