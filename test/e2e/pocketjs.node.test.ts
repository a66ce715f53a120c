/**
 * pocket-js (`@pokt-foundation/pocketjs-*` 0.0.6), used as an application uses it, against the whole
 * local network over HTTP: the Relayer asks our relay Worker for the session (`/v1/client/dispatch`),
 * builds, hashes and signs relays with its own code and posts them to each node's `service_url`
 * (`/v1/client/relay`, our relay Worker). The answers must come back from the EVM node, signed by the
 * servicer the relay names. Relays that pocket-js hashes differently from Go (`JSON.stringify`:
 * unsorted headers, `<>&` unescaped; spec §0.4) are refused with code 74, as pocket-core refuses them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JsonRpcProvider, type RequestOptions } from "@pokt-foundation/pocketjs-provider";
import { Relayer, RequestHashError, type PocketAAT, type Session } from "@pokt-foundation/pocketjs-relayer";
import { RELAY_CHAIN, startLocalNetwork, type LocalNetwork } from "../../scripts/lib/local-network.js";
import { verifyRelayResponse } from "../../shared/client/relay.js";
import { signAAT } from "../../shared/morse/aat.js";
import { bytesToHex, hexToBytesStrict } from "../../shared/primitives/bytes.js";
import { verify } from "../../shared/morse/keys.js";
import { proofHash, requestHash } from "../../shared/morse/relay.js";

// libsodium-wrappers 0.7.16 (the signer's dependency) ships a broken ESM entry: it imports
// `./libsodium.mjs`, which lives in the `libsodium` package, so `import "@pokt-foundation/pocketjs-signer"`
// fails with ERR_MODULE_NOT_FOUND (jedisct1/libsodium.js#357, fixed in 0.8). The signer's CommonJS
// build requires libsodium's CommonJS build, which works; an application on Node would do the same.
const { KeyManager } = createRequire(import.meta.url)("@pokt-foundation/pocketjs-signer") as typeof import("@pokt-foundation/pocketjs-signer");
type KeyManager = InstanceType<typeof KeyManager>;

/** The raw body of `POST /v1/client/relay` as pocket-js sent it, and the JSON it got back. */
interface Exchange {
  readonly url: string;
  readonly request: any;
  readonly answer: any;
}

/**
 * pocket-js's provider, unchanged, noting each relay exchange: `Relayer.relay` returns only the
 * response string and drops the servicer's signature, which we want to check.
 */
class RecordingProvider extends JsonRpcProvider {
  readonly exchanges: Exchange[] = [];
  override async relay(request: any, rpcUrl: string, options?: RequestOptions): Promise<unknown> {
    const answer = await super.relay(request, rpcUrl, options);
    this.exchanges.push({ url: rpcUrl, request: structuredClone(request), answer });
    return answer;
  }
  get last(): Exchange {
    return this.exchanges[this.exchanges.length - 1];
  }
}

// The first requests to a Worker under `wrangler dev` can take longer than pocket-js's 5 s default.
const OPTIONS: RequestOptions = { retryAttempts: 0, timeout: 20_000 };
const chainIdCall = (id: number | string = 1) => JSON.stringify({ jsonrpc: "2.0", id, method: "eth_chainId", params: [] });

const stateDir = mkdtempSync(join(tmpdir(), "pocket-edge-pocketjs-"));
// Kept as a promise so `afterAll` stops the network even when `beforeAll` gave up waiting for it.
let starting: Promise<LocalNetwork> | undefined;
let net: LocalNetwork;
let client: KeyManager;
let pocketAAT: PocketAAT;
let provider: RecordingProvider;
let relayer: Relayer;
let session: Session;

beforeAll(async () => {
  starting = startLocalNetwork({ stateDir, servicers: 5 });
  net = await starting;
  client = await KeyManager.fromPrivateKey(net.keys.client.privateKeyHex);
  // pocket-js 0.0.6 has no AAT builder: an app signs `Relayer.hashAAT` with its own KeyManager.
  const app = await KeyManager.fromPrivateKey(net.keys.app.privateKeyHex);
  const unsigned = { version: "0.0.1", applicationPublicKey: app.getPublicKey(), clientPublicKey: client.getPublicKey(), applicationSignature: "" };
  pocketAAT = { ...unsigned, applicationSignature: await app.sign(Relayer.hashAAT(unsigned)) };
  provider = new RecordingProvider({ rpcUrl: net.devnet.url, dispatchers: [net.relayUrl] });
  relayer = new Relayer({ keyManager: client, provider, dispatchers: [net.relayUrl] });
  session = await relayer.getNewSession({ applicationPubKey: app.getPublicKey(), chain: RELAY_CHAIN, options: OPTIONS });
}, 120_000);

afterAll(async () => {
  const started = await starting?.catch(() => undefined);
  await started?.stop();
  rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

/** The proof hash of a relay body pocket-js sent, computed as Go computes it (spec §3.2). */
function proofHashOf(request: any): string {
  const { proof } = request;
  return bytesToHex(
    proofHash({
      entropy: BigInt(proof.entropy),
      session_block_height: BigInt(proof.session_block_height),
      servicer_pub_key: proof.servicer_pub_key,
      blockchain: proof.blockchain,
      request_hash: proof.request_hash,
      aat: proof.aat,
    }),
  );
}

describe("pocket-js against the relay Worker", () => {
  it("signs the same AAT as our signAAT, and its keys are ours", async () => {
    expect(client.getPublicKey()).toBe(net.keys.client.publicKeyHex);
    expect(client.getAddress()).toBe(net.keys.client.address);
    const ours = await signAAT(net.keys.app, net.keys.client.publicKeyHex);
    expect(pocketAAT).toEqual({ version: ours.version, applicationPublicKey: ours.app_pub_key, clientPublicKey: ours.client_pub_key, applicationSignature: ours.signature });
  });

  it("gets from our /v1/client/dispatch the session the chain dispatches", async () => {
    const fromChain = await new Relayer({ keyManager: client, provider: new JsonRpcProvider({ rpcUrl: net.devnet.url, dispatchers: [net.devnet.url] }), dispatchers: [net.devnet.url] }).getNewSession({
      applicationPubKey: net.keys.app.publicKeyHex,
      chain: RELAY_CHAIN,
      options: OPTIONS,
    });
    expect(session).toEqual(fromChain);
    expect(session.header).toEqual({ applicationPubKey: net.keys.app.publicKeyHex, chain: RELAY_CHAIN, sessionBlockHeight: expect.any(Number) });
    expect(session.nodes).toHaveLength(5);
    const servicers = new Set(net.keys.servicers.map((k) => k.publicKeyHex));
    for (const node of session.nodes) {
      expect(servicers.has(node.publicKey)).toBe(true);
      expect(node.serviceUrl).toBe(net.relayUrl);
    }
  });

  it("accepts a relay sent by relayer.relay and signs the EVM node's answer", async () => {
    const node = session.nodes[0];
    const relayed = await relayer.relay({ blockchain: RELAY_CHAIN, data: chainIdCall(), method: "", path: "", pocketAAT, session, node, options: OPTIONS });
    expect(JSON.parse(relayed.response)).toEqual({ id: 1, jsonrpc: "2.0", result: "0x539" });
    expect(relayed.serviceNode.publicKey).toBe(node.publicKey);

    const { url, request, answer } = provider.last;
    expect(url).toBe(net.relayUrl);
    expect(Object.keys(answer).sort()).toEqual(["response", "signature"]);
    // pocket-js's request hash and client signature are what Go computes for this relay.
    expect(request.payload.headers).toBeNull();
    expect(request.proof.request_hash).toBe(requestHash(request.payload, { block_height: BigInt(request.meta.block_height) }));
    expect(request.proof.request_hash).toBe(relayed.relayProof.requestHash);
    const proofHashHex = proofHashOf(request);
    expect(await verify(hexToBytesStrict(client.getPublicKey()), hexToBytesStrict(proofHashHex), hexToBytesStrict(request.proof.signature))).toBe(true);
    expect(await verifyRelayResponse(node.publicKey, answer.response, answer.signature, proofHashHex)).toBe(true);
    expect(await verifyRelayResponse(session.nodes[1].publicKey, answer.response, answer.signature, proofHashHex)).toBe(false);
  });

  it("accepts relays sent by the static Relayer.relay to every node of the session", async () => {
    for (const node of session.nodes) {
      const data = JSON.stringify({ jsonrpc: "2.0", id: 7, method: "eth_blockNumber", params: [] });
      const relayed = await Relayer.relay({ blockchain: RELAY_CHAIN, data, method: "POST", path: "", keyManager: client, pocketAAT, provider, session, node, options: OPTIONS });
      expect(JSON.parse(relayed.response)).toMatchObject({ id: 7, jsonrpc: "2.0", result: expect.stringMatching(/^0x[0-9a-f]+$/) });
      const { request, answer } = provider.last;
      expect(request.proof.servicer_pub_key).toBe(node.publicKey);
      expect(await verifyRelayResponse(node.publicKey, answer.response, answer.signature, proofHashOf(request))).toBe(true);
    }
  });

  it("accepts a relay with headers pocket-js hashes as Go does (sorted keys, no <>&)", async () => {
    const node = session.nodes[2];
    const headers = { "Content-Type": "application/json", "X-Pocket-Test": "1" };
    const relayed = await relayer.relay({ blockchain: RELAY_CHAIN, data: chainIdCall(2), headers, method: "POST", path: "", pocketAAT, session, node, options: OPTIONS });
    expect(JSON.parse(relayed.response)).toEqual({ id: 2, jsonrpc: "2.0", result: "0x539" });
    const { request, answer } = provider.last;
    expect(request.payload.headers).toEqual(headers);
    expect(await verifyRelayResponse(node.publicKey, answer.response, answer.signature, proofHashOf(request))).toBe(true);
  });

  it.each([
    ["header keys out of Go's order", { data: chainIdCall(3), headers: { "X-Pocket-Test": "1", "Content-Type": "application/json" } }],
    ["`<>&` in the data, which Go escapes", { data: chainIdCall("<a&b>"), headers: null }],
  ])("refuses with code 74, as pocket-core would, a relay pocket-js hashes differently from Go: %s", async (_, { data, headers }) => {
    const node = session.nodes[3];
    const sent = relayer.relay({ blockchain: RELAY_CHAIN, data, headers, method: "POST", path: "", pocketAAT, session, node, options: OPTIONS });
    await expect(sent).rejects.toBeInstanceOf(RequestHashError);
    await expect(sent).rejects.toMatchObject({ code: 74, message: "the request hash does not match the payload hash" });
    expect(provider.last.answer).toEqual({ dispatch: null, error: { code: 74, codespace: "pocketcore", message: "the request hash does not match the payload hash" } });
  });
});
