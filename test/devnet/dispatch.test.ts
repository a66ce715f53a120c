/**
 * Dispatch is recomputable from the public RPC: the session key is seeded by
 * `sessionBlockHashFromQueryBlock(/v1/query/block at the session height)` and the nodes are the
 * library's selection walk over `/v1/query/nodes` (candidates at the session start, eligibility now).
 */
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64 } from "../../shared/primitives/bytes.js";
import { latestSessionBlockHeight, sessionKey } from "../../shared/morse/session.js";
import { sessionBlockHashFromQueryBlock } from "../../shared/morse/session-block-hash.js";
import { sessionNodes } from "../../shared/morse/session-nodes.js";
import { APP, CHAIN, NODES } from "./support/fixtures.js";
import { ok, post } from "./support/rpc.js";
import { startChain } from "./support/scenario.js";

async function recomputeFromRpc(appPublicKey: string) {
  const { height } = await ok("/v1/query/height");
  const sbh = Number(latestSessionBlockHeight(height, 4));
  const seed = sessionBlockHashFromQueryBlock(await ok("/v1/query/block", { height: sbh }));
  if (!seed.ok) throw new Error(seed.message);
  const key = sessionKey(appPublicKey, CHAIN, seed.blockHash);
  if (!key.ok) throw new Error(key.message);
  const atStart = (await ok("/v1/query/nodes", { height: sbh, opts: { blockchain: CHAIN } })).result;
  const now = (await ok("/v1/query/nodes", { height, opts: { blockchain: CHAIN } })).result;
  const state = new Map(now.map((n: { address: string; jailed: boolean; chains: string[] }) => [n.address, n]));
  const nodes = sessionNodes({
    candidates: atStart.map((n: { address: string }) => n.address),
    chain: CHAIN,
    sessionKey: key.key,
    sessionNodeCount: 5,
    nodeState: (address) => state.get(address) as { jailed: boolean; chains: string[] } | undefined,
    maxChains: 15,
  });
  if (!nodes.ok) throw new Error(nodes.message);
  return { height, sbh, key: bytesToBase64(key.key), nodes: nodes.nodes };
}

describe("dispatch", () => {
  it("equals the library's computation from /v1/query/block and /v1/query/nodes, session after session", async () => {
    await startChain();
    const seen = new Set<string>();
    for (const target of [1, 3, 5, 9, 14]) {
      const { height } = await ok("/v1/query/height");
      if (target > height) await ok("/v1/devnet/advance", { blocks: target - height });
      const expected = await recomputeFromRpc(APP.publicKeyHex);
      const dispatch = await ok("/v1/client/dispatch", { app_public_key: APP.publicKeyHex, chain: CHAIN, session_height: 999 });
      expect(dispatch.block_height).toBe(expected.height);
      expect(dispatch.session.header).toEqual({ app_public_key: APP.publicKeyHex, chain: CHAIN, session_height: expected.sbh });
      expect(dispatch.session.key).toBe(expected.key);
      expect(base64ToBytes(dispatch.session.key)).toHaveLength(32);
      expect(dispatch.session.nodes.map((n: { address: string }) => n.address)).toEqual(expected.nodes);
      seen.add(expected.nodes.join());
    }
    // Different sessions draw different servicer sets (7 candidates, 5 per session).
    expect(seen.size).toBeGreaterThan(1);
  });

  it("skips a node jailed mid-session, as the walk reads eligibility from the current state", async () => {
    const before = await ok("/v1/client/dispatch", { app_public_key: APP.publicKeyHex, chain: CHAIN });
    const jailed = before.session.nodes[0].address;
    await ok("/v1/devnet/jail", { address: jailed });
    const after = await ok("/v1/client/dispatch", { app_public_key: APP.publicKeyHex, chain: CHAIN });
    expect(after.session.nodes.map((n: { address: string }) => n.address)).not.toContain(jailed);
    expect(after.session.nodes.map((n: { address: string }) => n.address)).toEqual((await recomputeFromRpc(APP.publicKeyHex)).nodes);
    await ok("/v1/devnet/unjail", { address: jailed });
  });

  it("answers Morse's sdk.Error strings: a bad app key, and too few nodes (17)", async () => {
    const bad = await post("/v1/client/dispatch", { app_public_key: "abc", chain: CHAIN });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/^ERROR:\nCodespace: pocketcore\nCode: 6\n/);
    for (const key of NODES.slice(0, 3)) await ok("/v1/devnet/unstake/node", { address: key.address });
    const few = await post("/v1/client/dispatch", { app_public_key: APP.publicKeyHex, chain: CHAIN });
    expect(few.status).toBe(400);
    expect(few.json.message).toContain("Code: 17");
  });
});
