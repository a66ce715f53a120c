/**
 * The application side of a relay (spec §1.2, §2–3): build and sign a relay as a client does, write
 * its request body, and check a servicer's answer. Hashing follows Go (HTML escaping, sorted header
 * maps), so payloads with `<>&` or headers verify where pocket-js's `JSON.stringify` would not.
 * @module
 */
import { aatHashHex } from "../morse/aat.js";
import { bytesToHex, hexToBytes, utf8 } from "../primitives/bytes.js";
import { goMarshalStringMap, goQuote } from "../morse/gojson.js";
import { sha3 } from "../morse/hash.js";
import { sign, verify, type MorseKey } from "../morse/keys.js";
import { proofBytes, requestHash, responseHash } from "../morse/relay.js";
import type { AAT, Payload, Relay } from "../morse/relay-types.js";

export interface RelayInput {
  /** The app's token for this client (`signAAT`). */
  readonly aat: AAT;
  /** The client key the AAT names. */
  readonly client: MorseKey;
  readonly servicerPubKey: string;
  readonly chain: string;
  readonly sessionHeight: bigint | number;
  /** `meta.block_height`; pocket-js sends the session height (spec §11.4), so that is the default. */
  readonly blockHeight?: bigint | number;
  readonly data: string;
  readonly method?: string;
  readonly path?: string;
  readonly headers?: ReadonlyMap<string, string> | Record<string, string> | null;
  /** Random by default (up to 2^53, as pocket-js v2). */
  readonly entropy?: bigint;
}

/** A signed relay, with the proof hash a caller needs to check the answer. */
export interface SignedRelay {
  readonly relay: Relay;
  readonly proofHashHex: string;
}

export async function makeRelay(input: RelayInput): Promise<SignedRelay> {
  const headers = input.headers == null ? null : new Map(input.headers instanceof Map ? input.headers : Object.entries(input.headers));
  const payload: Payload = { data: input.data, method: input.method ?? "", path: input.path ?? "", headers };
  const sessionHeight = BigInt(input.sessionHeight);
  const meta = { block_height: BigInt(input.blockHeight ?? sessionHeight) };
  const entropy = input.entropy ?? randomEntropy();
  const unsigned = {
    request_hash: requestHash(payload, meta),
    entropy,
    session_block_height: sessionHeight,
    servicer_pub_key: input.servicerPubKey,
    blockchain: input.chain,
    aat: input.aat,
  };
  const hash = sha3(utf8(proofBytes(unsigned, aatHashHex(input.aat))));
  const signature = bytesToHex(await sign(input.client, hash));
  return { relay: { payload, meta, proof: { ...unsigned, signature } }, proofHashHex: bytesToHex(hash) };
}

/** The JSON body of `POST /v1/client/relay`, in pocket-js's key order, int64s written exactly. */
export function relayRequestBody(relay: Relay): string {
  const { payload, meta, proof } = relay;
  const q = goQuote;
  const headers = payload.headers === null ? "null" : goMarshalStringMap(payload.headers);
  return (
    `{"payload":{"data":${q(payload.data)},"method":${q(payload.method)},"path":${q(payload.path)},"headers":${headers}},` +
    `"meta":{"block_height":${meta.block_height}},` +
    `"proof":{"entropy":${proof.entropy},"session_block_height":${proof.session_block_height},"servicer_pub_key":${q(proof.servicer_pub_key)},` +
    `"blockchain":${q(proof.blockchain)},"aat":{"version":${q(proof.aat.version)},"app_pub_key":${q(proof.aat.app_pub_key)},` +
    `"client_pub_key":${q(proof.aat.client_pub_key)},"signature":${q(proof.aat.signature)}},"signature":${q(proof.signature)},` +
    `"request_hash":${q(proof.request_hash)}}}`
  );
}

/** True when `signatureHex` is the servicer's signature over `response` for the relay with `proofHashHex`. */
export async function verifyRelayResponse(servicerPubKey: string, response: string, signatureHex: string, proofHashHex: string): Promise<boolean> {
  const pub = hexToBytes(servicerPubKey);
  const sig = hexToBytes(signatureHex);
  if (!pub || !sig) return false;
  return verify(pub, responseHash(response, proofHashHex), sig);
}

function randomEntropy(): bigint {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return (BigInt(words[0] & 0x1fffff) << 32n) | BigInt(words[1]);
}
