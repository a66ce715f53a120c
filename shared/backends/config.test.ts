import { describe, expect, it } from "vitest";
import { parseBackends } from "./config.js";

const parse = (json: unknown) => parseBackends(JSON.stringify(json));
const errorOf = (json: unknown): string => {
  const result = parse(json);
  if (result.ok) throw new Error("expected an error");
  return result.error;
};
const one = (backend: Record<string, unknown>) => ({ "0021": [backend] });

describe("parseBackends", () => {
  it("parses a config with defaults and a normalised URL", () => {
    const result = parse({
      "0021": [
        { url: "HTTPS://Eth.Example:443/rpc//", region: "weur" },
        { url: "http://10.0.0.1:8545", region: "enam", name: "geth-va", timeout_ms: 2500, headers: { "X-Api-Key": "k" } },
      ],
      "0001": [{ url: "https://pokt.example", region: "apac" }],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.value.keys()]).toEqual(["0021", "0001"]);
    const [fra, va] = result.value.get("0021")!;
    expect(fra).toEqual({ id: "0021/weur-0", chain: "0021", name: "weur-0", url: "https://eth.example/rpc", region: "weur", headers: {}, timeout_ms: 10_000 });
    expect(va).toMatchObject({ id: "0021/geth-va", name: "geth-va", url: "http://10.0.0.1:8545", timeout_ms: 2500, headers: { "X-Api-Key": "k" } });
    expect(result.value.get("0001")![0].url).toBe("https://pokt.example");
  });

  it("turns basic_auth into an Authorization header (base64 of UTF-8 user:password, as Go)", () => {
    const result = parse(one({ url: "https://a.example", region: "weur", basic_auth: { username: "user", password: "pässword" } }));
    expect(result.ok && result.value.get("0021")![0].headers).toEqual({ Authorization: "Basic dXNlcjpww6Rzc3dvcmQ=" });
  });

  it("names the offending field", () => {
    const ok = { url: "https://a.example", region: "weur" };
    expect(errorOf({ "0021": [ok, { url: "https://b.example", region: "eu" }] })).toBe(
      'backends["0021"][1].region: unknown region "eu" (one of wnam, enam, sam, weur, eeur, apac, oc, afr, me)',
    );
    expect(errorOf(one({ url: "https://a.example" }))).toMatch(/^backends\["0021"\]\[0\]\.region: missing/);
    expect(errorOf(one({ ...ok, timeout: 5 }))).toMatch(/^backends\["0021"\]\[0\]: unknown field "timeout"/);
    expect(errorOf(one({ ...ok, timeout_ms: 0 }))).toMatch(/^backends\["0021"\]\[0\]\.timeout_ms:/);
    expect(errorOf(one({ ...ok, timeout_ms: 120_001 }))).toMatch(/timeout_ms/);
    expect(errorOf(one({ ...ok, timeout_ms: 1.5 }))).toMatch(/timeout_ms/);
    expect(errorOf(one({ ...ok, timeout_ms: "5" }))).toMatch(/timeout_ms/);
    expect(errorOf(one({ ...ok, name: "bad name" }))).toMatch(/\.name:/);
    expect(errorOf(one({ ...ok, basic_auth: { username: "u", password: "p", realm: "x" } }))).toMatch(/\.basic_auth: unknown field "realm"/);
    expect(errorOf(one({ ...ok, basic_auth: { username: "u:x", password: "p" } }))).toMatch(/\.basic_auth\.username:/);
    expect(errorOf(one({ ...ok, basic_auth: { username: "u" } }))).toMatch(/\.basic_auth\.password:/);
    expect(errorOf(one({ ...ok, headers: { "Bad Name": "v" } }))).toMatch(/\.headers\["Bad Name"\]: invalid header name/);
    expect(errorOf(one({ ...ok, headers: { a: "1", A: "2" } }))).toMatch(/\.headers\["A"\]: duplicate/);
    expect(errorOf(one({ ...ok, headers: { a: 1 } }))).toMatch(/\.headers\["a"\]: value must be a string/);
  });

  it("validates chain ids and lists", () => {
    expect(errorOf({ "021": [] })).toMatch(/^backends\["021"\]: chain id/);
    expect(errorOf({ "0x21": [] })).toMatch(/chain id/);
    expect(errorOf({ "": [] })).toMatch(/chain id/);
    expect(errorOf({ "0102030405": [] })).toMatch(/chain id/);
    expect(errorOf({ "0021": [] })).toMatch(/^backends\["0021"\]: must be a non-empty list/);
    expect(errorOf({ "0021": {} })).toMatch(/non-empty list/);
    expect(errorOf({ "0021": ["https://a.example"] })).toMatch(/^backends\["0021"\]\[0\]: must be an object/);
    expect(errorOf([])).toMatch(/^backends: must be an object/);
    expect(parse({ "01": [{ url: "https://a.example", region: "oc" }], "01020304": [{ url: "https://a.example", region: "oc" }] }).ok).toBe(true);
    expect(parse({}).ok).toBe(true);
  });

  it("requires unique names per chain, defaults included", () => {
    const list = [
      { url: "https://a.example", region: "weur" },
      { url: "https://b.example", region: "enam", name: "weur-0" },
    ];
    expect(errorOf({ "0021": list })).toBe('backends["0021"][1].name: duplicate name "weur-0"');
    expect(parse({ "0021": [list[0]], "0022": [list[1]] }).ok).toBe(true);
  });

  it("refuses URLs that are not plain absolute http(s) bases", () => {
    const cases: [string, RegExp][] = [
      ["eth.example/rpc", /not an absolute URL/],
      ["ftp://eth.example", /scheme/],
      ["javascript:alert(1)", /scheme/],
      ["https://user:pw@eth.example", /credentials/],
      ["https://eth.example/rpc?key=1", /query/],
      ["https://eth.example/rpc?", /query/],
      ["https://eth.example/rpc#x", /fragment/],
    ];
    for (const [url, message] of cases) expect(errorOf(one({ url, region: "weur" })), url).toMatch(message);
    expect(errorOf(one({ url: 5, region: "weur" }))).toMatch(/\.url: missing or not a string/);
  });

  it("never quotes secrets: URLs, header values, passwords", () => {
    const secret = "s3cr3t-VALUE";
    const errors = [
      errorOf(one({ url: `https://${secret}:x@a.example`, region: "weur" })),
      errorOf(one({ url: `https://a.example/${secret}?q`, region: "weur" })),
      errorOf(one({ url: "https://a.example", region: "weur", headers: { Authorization: `${secret}\n` } })),
      errorOf(one({ url: "https://a.example", region: "weur", headers: { Authorization: secret }, basic_auth: { username: "u", password: secret } })),
      errorOf(one({ url: "https://a.example", region: "weur", basic_auth: { username: `${secret}:`, password: secret } })),
    ];
    for (const error of errors) expect(error).not.toContain(secret);
    const invalidJson = parseBackends(`{"0021": [{"url": "https://a.example", "headers": {"X": "${secret}"} ]}`);
    expect(invalidJson).toEqual({ ok: false, error: expect.stringMatching(/^backends: invalid JSON/) });
    expect(!invalidJson.ok && invalidJson.error).not.toContain(secret);
  });

  it("refuses a header value Go or fetch would refuse, and basic_auth next to an Authorization header", () => {
    expect(errorOf(one({ url: "https://a.example", region: "weur", headers: { X: "a\rb" } }))).toMatch(/control/);
    expect(errorOf(one({ url: "https://a.example", region: "weur", headers: { X: "€" } }))).toMatch(/non-Latin-1/);
    expect(errorOf(one({ url: "https://a.example", region: "weur", headers: { authorization: "x" }, basic_auth: { username: "u", password: "p" } }))).toMatch(
      /basic_auth: conflicts/,
    );
    expect(parse(one({ url: "https://a.example", region: "weur", headers: { X: "a\tb é" } })).ok).toBe(true);
  });
});
