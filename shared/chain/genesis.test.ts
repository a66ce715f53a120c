import { describe, expect, it } from "vitest";
import example from "./genesis.example.json";
import { genesisHash, genesisToJSON, parseGenesis } from "./genesis.js";
import { testGenesisJSON } from "./testing.js";

describe("parseGenesis", () => {
  it("reads the example genesis file", () => {
    const parsed = parseGenesis(example);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.nodes).toHaveLength(5);
    expect(parsed.value.params.relays_to_tokens_multiplier_map).toEqual({ "0021": 12000n });
    expect(parsed.value.nodes[4].output_address).toBe("72456720412037a6b339f884ce6d91bb4cc163a7");
  });

  it("round-trips through its canonical JSON", () => {
    const parsed = parseGenesis(testGenesisJSON());
    if (!parsed.ok) throw new Error(parsed.error);
    const again = parseGenesis(JSON.parse(JSON.stringify(genesisToJSON(parsed.value))));
    expect(again).toEqual(parsed);
  });

  it("refuses bad fields with a message naming them", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ chain_id: "" }, "chain_id"],
      [{ genesis_time: "yesterday" }, "genesis_time"],
      [{ block_time_ms: -1 }, "block_time_ms"],
      [{ nodes: [{ public_key: "AB".repeat(32), chains: ["0021"], service_url: "http://x", tokens: "1" }] }, "nodes[0].public_key"],
      [{ nodes: [{ public_key: "ab".repeat(32), chains: ["0021"], service_url: "http://x", tokens: "-1" }] }, "nodes[0].tokens"],
      [{ apps: [{ public_key: "ab".repeat(32), chains: Array.from({ length: 16 }, (_, i) => i.toString(16).padStart(4, "0")), staked_tokens: "1", max_relays: "1" }] }, "maximum is 15"],
      [{ accounts: [{ address: "ab".repeat(20), balance: "1" }, { address: "ab".repeat(20), balance: "2" }] }, "twice"],
      [{ extra: 1 }, "unknown fields: extra"],
    ];
    for (const [override, fragment] of cases) {
      const parsed = parseGenesis(testGenesisJSON(override));
      expect(parsed, fragment).toMatchObject({ ok: false, error: expect.stringContaining(fragment) });
    }
    expect(parseGenesis([])).toMatchObject({ ok: false });
  });
});

describe("genesisHash", () => {
  it("depends on the meaning, not the formatting", () => {
    const hashOf = (json: unknown) => {
      const parsed = parseGenesis(json);
      if (!parsed.ok) throw new Error(parsed.error);
      return genesisHash(parsed.value);
    };
    const base = hashOf(testGenesisJSON());
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    // Explicit defaults and numbers instead of strings mean the same chain.
    expect(hashOf(testGenesisJSON({ block_time_ms: 0, params: { supported_blockchains: ["0001", "0021"], blocks_per_session: 4 } }))).toBe(base);
    expect(hashOf(testGenesisJSON({ chain_id: "other" }))).not.toBe(base);
    expect(hashOf(testGenesisJSON({ params: { supported_blockchains: ["0001", "0021"], claim_expiration: 121 } }))).not.toBe(base);
  });
});
