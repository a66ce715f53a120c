import { describe, expect, it } from "vitest";
import { base64ToBytes } from "../primitives/bytes.js";
import { sessionKey } from "../morse/session.js";
import { sessionBlockHashFromQueryBlock } from "../morse/session-block-hash.js";
import { sessionNodes } from "../morse/session-nodes.js";
import { addressOf } from "./actors.js";
import { queryBlockResponse } from "./block.js";
import { computeSession, dispatch } from "./session.js";
import { MemoryChain, TEST_APP, TEST_CHAIN, testGenesis } from "./testing.js";

describe("dispatch", () => {
  it("seeds the session with sessionBlockHashFromQueryBlock of the chain's own block JSON", () => {
    const chain = new MemoryChain(testGenesis());
    chain.height = 6; // latest session starts at 5
    const answer = dispatch(chain, TEST_APP.publicKeyHex, TEST_CHAIN);
    if (!answer.ok) throw new Error(answer.message);
    const body = answer.body as { block_height: number; session: { header: { session_height: number }; key: string; nodes: { address: string }[] } };
    expect(body.block_height).toBe(6);
    expect(body.session.header.session_height).toBe(5);

    const seed = sessionBlockHashFromQueryBlock(queryBlockResponse(chain.identity, chain.block(5)!));
    if (!seed.ok) throw new Error(seed.message);
    const key = sessionKey(TEST_APP.publicKeyHex, TEST_CHAIN, seed.blockHash);
    if (!key.ok) throw new Error(key.message);
    expect(base64ToBytes(body.session.key)).toEqual(key.key);
    const expected = sessionNodes({
      candidates: chain.genesis.nodes.map((n) => addressOf(n.public_key)),
      chain: TEST_CHAIN,
      sessionKey: key.key,
      sessionNodeCount: 5,
      nodeState: (a) => chain.node(a, 6),
    });
    expect(expected.ok && body.session.nodes.map((n) => n.address)).toEqual(expected.ok && expected.nodes);
  });

  it("reads eligibility at the given height: a jailed node is skipped, too few nodes is 17", () => {
    const chain = new MemoryChain(testGenesis());
    chain.height = 4;
    const before = computeSession(chain, TEST_APP.publicKeyHex, TEST_CHAIN, 1, 4);
    if (!before.ok) throw new Error(before.message);
    const first = chain.genesis.nodes.find((n) => addressOf(n.public_key) === before.nodes[0])!;
    chain.setNode({ ...first, jailed: true });
    const after = computeSession(chain, TEST_APP.publicKeyHex, TEST_CHAIN, 1, 4);
    expect(after.ok && after.nodes).not.toContain(before.nodes[0]);
    for (const node of chain.genesis.nodes.slice(0, 3)) chain.setNode({ ...node, jailed: true });
    expect(computeSession(chain, TEST_APP.publicKeyHex, TEST_CHAIN, 1, 4)).toMatchObject({ ok: false, code: 17 });
    expect(dispatch(chain, "bad", TEST_CHAIN)).toMatchObject({ ok: false, code: 6 });
  });
});
