/**
 * Every refusal of spec §5 answers pocket-core's code in the Morse error body (dispatch attached for
 * 60/14/75), never a signature, and stores no evidence at all.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { relayRequestBody } from "../../shared/client/relay.js";
import { signAAT } from "../../shared/morse/aat.js";
import { testKey } from "../../shared/chain/testing.js";
import type { Relay } from "../../shared/morse/relay-types.js";
import { storedRelays } from "./support/evidence.js";
import { CHAIN, RelayNetwork } from "./support/network.js";

const harness = inject("harness");
const net = new RelayNetwork("rejections", {
  vars: {
    // 0001 is hosted here but not staked by the app (code 13); 0021 is both.
    BACKENDS: JSON.stringify({ [CHAIN]: [{ url: harness.evmUrls[0], region: "weur" }], "0001": [{ url: harness.evmUrls[1], region: "enam" }] }),
  },
});
beforeAll(() => net.start());

const flip = (hex: string) => (hex[0] === "a" ? "b" : "a") + hex.slice(1);
const body = (relay: Relay) => relayRequestBody(relay);

interface Case {
  readonly name: string;
  readonly code: number;
  readonly codespace?: string;
  readonly build: () => Promise<string>;
}

const cases: Case[] = [
  { name: "session height in the future", code: 60, build: async () => body((await net.sign(undefined, { sessionHeight: net.sessionHeight + 4 })).relay) },
  { name: "session height 0", code: 60, build: async () => body((await net.sign(undefined, { sessionHeight: 0, blockHeight: net.height })).relay) },
  { name: "servicer not hosted here", code: 34, build: async () => body((await net.sign(testKey("somebody else"))).relay) },
  { name: "empty payload", code: 25, build: async () => body((await net.sign(undefined, { data: "" })).relay) },
  { name: "client block height out of sync", code: 75, build: async () => body((await net.sign(undefined, { blockHeight: net.height + 11 })).relay) },
  {
    name: "request hash does not match the payload",
    code: 74,
    build: async () => {
      const { relay } = await net.sign();
      return body({ ...relay, payload: { ...relay.payload, data: relay.payload.data.replace("eth_chainId", "eth_accounts") } });
    },
  },
  { name: "chain not hosted by this deployment", code: 26, build: async () => body((await net.sign(undefined, { chain: "0003" })).relay) },
  { name: "app not staked", code: 45, build: async () => body((await net.sign(undefined, { aat: await signAAT(testKey("stranger app"), net.client.publicKeyHex) })).relay) },
  { name: "AAT signature forged", code: 4, build: async () => body((await net.sign(undefined, { aat: { ...net.aat, signature: flip(net.aat.signature) } })).relay) },
  {
    name: "client signature forged",
    code: 41,
    build: async () => {
      const { relay } = await net.sign();
      return body({ ...relay, proof: { ...relay.proof, signature: flip(relay.proof.signature) } });
    },
  },
  {
    name: "client signature not hex",
    code: 39,
    build: async () => {
      const { relay } = await net.sign();
      return body({ ...relay, proof: { ...relay.proof, signature: "zz" + relay.proof.signature.slice(2) } });
    },
  },
  { name: "chain hosted here but not staked by the app", code: 13, build: async () => body((await net.sign(undefined, { chain: "0001" })).relay) },
  { name: "servicer hosted here but not in the session", code: 14, build: async () => body((await net.sign(net.outOfSession[0])).relay) },
];

describe("refused relays", () => {
  for (const c of cases) {
    it(`${c.name} → ${c.code}`, async () => {
      const answer = await net.send(await c.build());
      expect(answer.status, answer.text).toBe(400);
      expect(answer.json.response).toBeUndefined();
      expect(answer.json.signature).toBeUndefined();
      expect(answer.json.error.code, answer.text).toBe(c.code);
      expect(answer.json.error.codespace).toBe(c.codespace ?? "pocketcore");
      expect(typeof answer.json.error.message).toBe("string");
      if ([60, 14, 75].includes(c.code)) {
        expect(answer.json.dispatch?.session?.header?.session_height).toBe(net.sessionHeight);
      } else {
        expect(answer.json.dispatch).toBeNull();
      }
    });
  }

  it("malformed JSON → 400 with the decoder's offset, wrong types → 400", async () => {
    const syntax = await net.send('{"payload": {"data": "x",');
    expect(syntax.status).toBe(400);
    // Go's *json.SyntaxError: the input's length in bytes for an unexpected end.
    expect(syntax.json).toEqual({ dispatch: null, error: { Offset: 25 } });
    const types = await net.send('{"meta":{"block_height":"ten"}}');
    expect(types.status).toBe(400);
    expect(types.json.dispatch).toBeNull();
    expect(types.headers.get("X-Pocket-Edge-Error")).toContain("bad relay JSON");
  });

  it("a valid relay behind a UTF-8 byte-order mark is refused as Go refuses it (Offset 1), unsigned", async () => {
    const signed = await net.sign();
    const answer = await net.send("\ufeff" + body(signed.relay));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ dispatch: null, error: { Offset: 1 } });
    expect(answer.headers.get("X-Pocket-Edge-Error")).toContain("invalid character '?' looking for beginning of value");
  });

  it("a body over 1 MiB is refused before any work", async () => {
    const { relay } = await net.sign();
    const huge = body({ ...relay, payload: { ...relay.payload, data: "x".repeat(1 << 20) } });
    const answer = await net.send(huge);
    expect(answer.status).toBe(413);
    expect(answer.json.error.message).toContain("1 MiB");
  });

  it("stored nothing for any of them", async () => {
    for (const servicer of net.servicers) expect(await storedRelays(net, servicer), servicer.address).toBe(0);
  });
});
