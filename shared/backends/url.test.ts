import { describe, expect, it } from "vitest";
import { backendUrl } from "./url.js";

const BASE = "https://eth.example/v3/KEY";
const url = (base: string, path: string) => {
  const result = backendUrl(base, path);
  return result.ok ? result.url : `error: ${result.error}`;
};

describe("backendUrl joins as pocket-core does", () => {
  it.each([
    ["https://eth.example", "", "https://eth.example"],
    ["https://eth.example/", "", "https://eth.example"],
    ["https://eth.example/rpc//", "", "https://eth.example/rpc"],
    ["https://eth.example/rpc", "/v1/blocks/", "https://eth.example/rpc/v1/blocks"],
    ["https://eth.example/rpc/", "v1/blocks", "https://eth.example/rpc/v1/blocks"],
    ["https://eth.example", "///", "https://eth.example/"],
    // Leading and trailing slashes are trimmed first (Go's strings.Trim), so this stays under the base.
    ["https://eth.example/rpc", "//evil.example/x", "https://eth.example/rpc/evil.example/x"],
    ["https://eth.example/rpc", "/v1/query?height=5&prove=true", "https://eth.example/rpc/v1/query?height=5&prove=true"],
    ["https://eth.example/rpc", "?a=b", "https://eth.example/rpc/?a=b"],
    ["https://eth.example", "v1/a%20b/c.json", "https://eth.example/v1/a%20b/c.json"],
    ["https://eth.example", "v1/...x/a..b/.well-known", "https://eth.example/v1/...x/a..b/.well-known"],
    ["https://eth.example", "v1?next=../x%2F..", "https://eth.example/v1?next=../x%2F.."],
    ["http://127.0.0.1:8545", "lcd/cosmos/bank/v1beta1/balances/cosmos1x", "http://127.0.0.1:8545/lcd/cosmos/bank/v1beta1/balances/cosmos1x"],
  ])("%s + %s → %s", (base, path, expected) => {
    expect(url(base, path)).toBe(expected);
  });
});

describe("backendUrl refuses paths that could leave the base", () => {
  it.each([
    "..",
    "../admin",
    "/../../admin",
    "v1/../../admin",
    "v1/./x",
    ".",
    "./x",
    "..;/admin",
    "v1/..;jsessionid=1/x",
    "%2e%2e/admin",
    "%2E%2E/admin",
    "%2e./admin",
    ".%2E/admin",
    "v1/%2e",
    "%252e%252e/admin",
    "v1%2fadmin",
    "v1%2Fadmin",
    "..%2fadmin",
    "..\\admin",
    "v1\\admin",
    "v1%5cadmin",
    "v1%5Cadmin",
    "v1//admin",
    "http://evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,x",
    "@evil.example",
    "v1@evil.example",
    "user:pw@evil.example",
    "v1 x",
    "v1\tx",
    "v1\nx",
    "v1\rx",
    "v1\0x",
    "v1\x7fx",
    "v1%00x",
    "v1%0ax",
    "v1/é",
    "v1#frag",
    "v1?x=1#frag",
    "v1%",
    "v1%zz",
    "v1%2",
  ])("%j", (path) => {
    const result = backendUrl(BASE, path);
    expect(result.ok).toBe(false);
    // The base may hold an API key: errors never quote it.
    expect(!result.ok && result.error).not.toContain("KEY");
  });
  it("keeps every accepted path under the base (origin and path prefix)", () => {
    for (const path of ["a", "a/b", "a;b", "a?b=/../c", "~user", "a/b.c/d..e"]) {
      const result = backendUrl(BASE, path);
      expect(result.ok, path).toBe(true);
      if (result.ok) expect(new URL(result.url).pathname.startsWith("/v3/KEY/")).toBe(true);
    }
  });
});
