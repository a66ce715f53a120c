/**
 * The application side of Pocket (Morse), usable from Node and Workers: make keys
 * (`generateKey`, `parsePrivateKey`), make an AAT for a client (`signAAT`), dispatch and relay with
 * retries and signature checks (`PocketClient`), or build, send and check single relays by hand
 * (`makeRelay`, `relayRequestBody`, `verifyRelayResponse`).
 * @example
 * const app = parsePrivateKey(APP_KEY), client = generateKey();
 * const pocket = new PocketClient({ dispatcher: "http://127.0.0.1:8787", aat: await signAAT(app.key, client.publicKeyHex), client, chain: "0021" });
 * const answer = await pocket.relay('{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}');
 * @module
 */
export { signAAT } from "../morse/aat.js";
export { generateKey, keyFromSeed, parsePrivateKey, type MorseKey } from "../morse/keys.js";
export { PocketClient, type ClientOptions, type RelayOptions, type RelayOutcome, type Session, type SessionNode } from "./client.js";
export { makeRelay, relayRequestBody, verifyRelayResponse, type RelayInput, type SignedRelay } from "./relay.js";
