/**
 * The application client (`shared/client/client.ts`) against the relay Worker: round robin over the
 * session's servicers with every answer's signature checked, another servicer when one's quota is
 * spent (71), and a fresh session when the chain moved on (60 with the new dispatch attached).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PocketClient } from "../../shared/client/client.js";
import { RelayNetwork } from "./support/network.js";

// max_relays 9, one chain, three session nodes: each servicer serves 3 relays per session.
const net = new RelayNetwork("client", { maxRelays: "9" });
beforeAll(() => net.start());

const call = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] });

describe("PocketClient", () => {
  it("spreads relays over the session, switches servicer on 71 and stops when all are spent", async () => {
    const client = new PocketClient({ dispatcher: "http://relay.test", aat: net.aat, client: net.client, chain: "0021", fetch: net.clientFetch });
    const servedBy = new Map<string, number>();
    for (let i = 0; i < 9; i++) {
      const outcome = await client.relay(call);
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      if (outcome.ok) {
        expect(JSON.parse(outcome.response).result).toBe("0x539");
        servedBy.set(outcome.servicer, (servedBy.get(outcome.servicer) ?? 0) + 1);
      }
    }
    expect([...servedBy.values()]).toEqual([3, 3, 3]);
    const spent = await client.relay(call);
    expect(spent.ok).toBe(false);
    if (!spent.ok) expect(spent.code).toBe(71);
  });

  it("follows the chain into the next session when a servicer answers 60", async () => {
    const client = new PocketClient({ dispatcher: "http://relay.test", aat: net.aat, client: net.client, chain: "0021", fetch: net.clientFetch });
    const before = await client.currentSession();
    await net.advance(4);
    const outcome = await client.relay(call);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    expect(outcome.attempts).toBe(2);
    expect((await client.currentSession()).sessionHeight).toBe(before.sessionHeight + 4);
  });
});
