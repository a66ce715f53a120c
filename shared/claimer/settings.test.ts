import { describe, expect, it } from "vitest";
import { testKey } from "../chain/testing.js";
import { claimerSettings, DEFAULT_POLL_MS, memoClaimerSettings, pollIntervalMs, splitKeys } from "./settings.js";

const a = testKey("settings a");
const b = testKey("settings b");

describe("claimerSettings", () => {
  it("reads the chain URL, the keys in any of their forms and the allowance", () => {
    for (const keys of [`${a.privateKeyHex},${b.privateKeyHex}`, `${a.privateKeyHex}\n ${b.privateKeyHex}`, JSON.stringify([a.privateKeyHex, b.privateKeyHex])]) {
      const parsed = claimerSettings({ POCKET_RPC_URL: "http://127.0.0.1:8788/net/x", SERVICER_PRIVATE_KEYS: keys, CLIENT_SESSION_SYNC_ALLOWANCE: "1" });
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect([...parsed.settings.keys.keys()]).toEqual([a.publicKeyHex, b.publicKeyHex]);
      expect(parsed.settings.sessionSyncAllowance).toBe(1);
    }
    expect(splitKeys("")).toEqual([]);
  });

  it("reports every problem at once and never a key", () => {
    const parsed = claimerSettings({ POCKET_RPC_URL: "ftp://x", SERVICER_PRIVATE_KEYS: `${a.privateKeyHex.slice(0, 100)}`, CLIENT_SESSION_SYNC_ALLOWANCE: "-1" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatch(/POCKET_RPC_URL.*SERVICER_PRIVATE_KEYS\[0\].*CLIENT_SESSION_SYNC_ALLOWANCE/);
    expect(parsed.error).not.toContain(a.privateKeyHex.slice(0, 100));
  });
});

describe("pollIntervalMs", () => {
  it("takes 1 s to 1 day, else the default", () => {
    expect(pollIntervalMs("5000")).toBe(5000);
    for (const raw of [undefined, "", "999", "1.5", "x", "86400001"]) expect(pollIntervalMs(raw)).toBe(DEFAULT_POLL_MS);
  });
});

describe("memoClaimerSettings", () => {
  it("parses the keys once while the bindings stay the same, again when one changes", () => {
    const settings = memoClaimerSettings();
    const vars = { POCKET_RPC_URL: "http://127.0.0.1:8788", SERVICER_PRIVATE_KEYS: a.privateKeyHex };
    const first = settings(vars);
    expect(first.ok).toBe(true);
    expect(settings({ ...vars })).toBe(first);
    const changed = settings({ ...vars, SERVICER_PRIVATE_KEYS: `${a.privateKeyHex},${b.privateKeyHex}` });
    expect(changed).not.toBe(first);
    expect(changed.ok && changed.settings.keys.size).toBe(2);
  });
});
