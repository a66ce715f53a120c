import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { bytesToHex, utf8 } from "../../primitives/bytes.js";
import { MemoryNodeStore } from "./store.js";
import { SparseMerkleSumTrie } from "./trie.js";
import { buildSet, hex, SMST } from "./vectors.testing.js";

describe("SMST roots (Go vectors)", () => {
  it("an empty trie's root is 48 zero bytes", () => {
    const trie = new SparseMerkleSumTrie(new MemoryNodeStore());
    expect(bytesToHex(trie.root())).toBe(SMST.empty_trie.root);
  });

  for (const set of SMST.sets) {
    it(`${set.id} (${set.size} leaves): root, sum and count`, async () => {
      const { trie } = await buildSet(set);
      const root = trie.root();
      expect(bytesToHex(root)).toBe(set.root);
      expect(new DataView(root.buffer).getBigUint64(32)).toBe(BigInt(set.sum));
      expect(new DataView(root.buffer).getBigUint64(40)).toBe(BigInt(set.count));
    });

    it(`${set.id}: the same root in reverse insertion order, committed or not`, async () => {
      const { trie } = await buildSet(set, { reverse: true });
      expect(bytesToHex(trie.root())).toBe(set.root);
      await trie.commit();
      expect(bytesToHex(trie.root())).toBe(set.root);
    });
  }

  it("§10 \"two\": relay-0 (w1) and relay-1 (w2), key = sha256(value)", async () => {
    const trie = new SparseMerkleSumTrie(new MemoryNodeStore());
    for (const [value, weight] of [["relay-0", 1], ["relay-1", 2]] as const) {
      await trie.update(sha256(utf8(value)), utf8(value), weight);
    }
    expect(bytesToHex(trie.root())).toBe(
      "18a7bd458f84443f021f71dad8c583ca615addf74eb085fcbefd9045e14462b400000000000000030000000000000002",
    );
  });

  it("re-inserting a key replaces its leaf", async () => {
    const trie = new SparseMerkleSumTrie(new MemoryNodeStore());
    const key = hex("11".repeat(32));
    await trie.update(key, utf8("a"), 5);
    await trie.update(key, utf8("b"), 7);
    const single = new SparseMerkleSumTrie(new MemoryNodeStore());
    await single.update(key, utf8("b"), 7);
    expect(trie.root()).toEqual(single.root());
  });

  it("reopens a committed trie from its store by its root, and keeps inserting", async () => {
    const set = SMST.sets[3];
    const store = new MemoryNodeStore();
    const first = new SparseMerkleSumTrie(store, undefined, { cacheDepth: 2 });
    for (const leaf of set.leaves.slice(0, 50)) await first.update(hex(leaf.key), hex(leaf.value), leaf.weight);
    await first.commit();
    const reopened = new SparseMerkleSumTrie(store, first.root(), { cacheDepth: 2 });
    for (const leaf of set.leaves.slice(50)) await reopened.update(hex(leaf.key), hex(leaf.value), leaf.weight);
    expect(bytesToHex(reopened.root())).toBe(set.root);
  });

  it("refuses a weight outside uint64", () => {
    const trie = new SparseMerkleSumTrie(new MemoryNodeStore());
    expect(() => trie.update(new Uint8Array(32), new Uint8Array(1), -1)).toThrow(RangeError);
    expect(() => trie.update(new Uint8Array(32), new Uint8Array(1), 1n << 64n)).toThrow(RangeError);
  });
});
