import fc from "fast-check";
import { describe, expect, it } from "vitest";
import vectors from "../../test/fixtures/morse-vectors.json";
import { bytesToHex, hexToBytesStrict } from "../primitives/bytes.js";
import { sessionNodes, sessionNodeWalk, type SessionNodeState } from "./session-nodes.js";

const ex = vectors.session.selection_example;
const KEY = hexToBytesStrict(vectors.session.session_key_hex);
const CHAIN = "0021";
const jailed = new Set(ex.jailed);
const vectorState = (address: string): SessionNodeState | undefined => ({ jailed: jailed.has(address), chains: [CHAIN] });
const base = { candidates: ex.candidates_sorted, chain: CHAIN, sessionKey: KEY, sessionNodeCount: ex.session_node_count, nodeState: vectorState };

describe("sessionNodeWalk", () => {
  it("reproduces the vector's first walk steps (key read, index drawn)", () => {
    const walk = sessionNodeWalk(KEY, ex.candidates_sorted.length);
    for (const step of ex.first_walk_steps) {
      const { key, index } = walk.next().value;
      expect({ key: bytesToHex(key), index }).toEqual({ key: step.key, index: step.index });
    }
  });
  it("refuses an empty candidate list or a short key (caller bugs)", () => {
    expect(() => sessionNodeWalk(KEY, 0).next()).toThrow(RangeError);
    expect(() => sessionNodeWalk(KEY.subarray(0, 7), 3).next()).toThrow(RangeError);
  });
});

describe("sessionNodes (spec §4.3)", () => {
  it("selects the vector's 24 nodes in order, skipping its jailed nodes", () => {
    const r = sessionNodes(base);
    expect(r).toEqual({ ok: true, nodes: ex.selected });
    if (r.ok) for (const address of ex.jailed) expect(r.nodes).not.toContain(address);
  });
  it("sorts candidates by address bytes itself, and lowercases them", () => {
    const shuffled = [...ex.candidates_sorted].reverse().map((a, i) => (i % 2 ? a.toUpperCase() : a));
    expect(sessionNodes({ ...base, candidates: shuffled })).toEqual({ ok: true, nodes: ex.selected });
  });
  it("returns code 17 when there are fewer candidates than sessionNodeCount", () => {
    expect(sessionNodes({ ...base, sessionNodeCount: 31 })).toMatchObject({ ok: false, code: 17, codespace: "pocketcore" });
  });
  it("returns code 17 when every candidate was drawn without enough eligible ones", () => {
    // 30 candidates, 2 jailed: 28 eligible.
    expect(sessionNodes({ ...base, sessionNodeCount: 28 }).ok).toBe(true);
    expect(sessionNodes({ ...base, sessionNodeCount: 29 })).toMatchObject({ ok: false, code: 17 });
  });
  it("skips nodes missing from the current state or no longer staked for the chain", () => {
    const gone = ex.selected[0];
    const otherChain = ex.selected[1];
    const r = sessionNodes({
      ...base,
      nodeState: (a) => (a === gone ? undefined : a === otherChain ? { jailed: false, chains: ["0001"] } : vectorState(a)),
    });
    expect(r.ok && r.nodes).toEqual(expect.not.arrayContaining([gone, otherChain]));
    expect(r.ok && r.nodes.length).toBe(24);
  });
  it("compares chains as exact strings, as Go does", () => {
    const staked = (chains: string[]) => () => ({ jailed: false, chains });
    expect(sessionNodes({ ...base, chain: "000a", nodeState: staked(["000a"]) }).ok).toBe(true);
    expect(sessionNodes({ ...base, chain: "000a", nodeState: staked(["000A"]) })).toMatchObject({ ok: false, code: 17 });
  });
  it("skips nodes over maxChains once enforcement is on", () => {
    const wide = ex.selected[0];
    const state = (a: string) => (a === wide ? { jailed: false, chains: [CHAIN, "0001", "0002"] } : vectorState(a));
    const withoutCap = sessionNodes({ ...base, nodeState: state });
    expect(withoutCap.ok && withoutCap.nodes[0]).toBe(wide);
    const capped = sessionNodes({ ...base, nodeState: state, maxChains: 2 });
    expect(capped.ok && capped.nodes).not.toContain(wide);
    const atCap = sessionNodes({ ...base, nodeState: state, maxChains: 3 });
    expect(atCap.ok && atCap.nodes[0]).toBe(wide);
  });
  it("throws on malformed or duplicate candidates and a bad node count (caller bugs)", () => {
    expect(() => sessionNodes({ ...base, candidates: [...ex.candidates_sorted, "00"] })).toThrow(TypeError);
    expect(() => sessionNodes({ ...base, candidates: [...ex.candidates_sorted, ex.candidates_sorted[3].toUpperCase()] })).toThrow(TypeError);
    expect(() => sessionNodes({ ...base, sessionNodeCount: 0 })).toThrow(RangeError);
  });
  it("selects distinct eligible candidates, or fails only when too few are eligible (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.uint8Array({ minLength: 20, maxLength: 20 }).map(bytesToHex), { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 1, max: 40 }),
        (candidates, jailedFlags, key, count) => {
          const isJailed = new Map(candidates.map((a, i) => [a, jailedFlags[i]]));
          const eligible = candidates.filter((a) => !isJailed.get(a));
          const r = sessionNodes({
            candidates,
            chain: CHAIN,
            sessionKey: key,
            sessionNodeCount: count,
            nodeState: (a) => ({ jailed: isJailed.get(a)!, chains: [CHAIN] }),
          });
          if (eligible.length < count) {
            expect(r).toMatchObject({ ok: false, code: 17 });
          } else {
            expect(r.ok).toBe(true);
            if (!r.ok) return;
            expect(r.nodes).toHaveLength(count);
            expect(new Set(r.nodes).size).toBe(count);
            for (const a of r.nodes) expect(eligible).toContain(a);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
