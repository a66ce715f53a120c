/**
 * `POST /v1/client/relay` (spec §1.2, §5): admit a relay exactly as pocket-core would, forward it to
 * the nearest healthy backend while reserving its evidence, and sign the answer (spec §3.3) only when
 * the evidence is stored. Each refusal answers pocket-core's code and body and stores nothing.
 *
 * Order (spec §5 rows): body limit → decode → 1 session tolerance (60) → 2 hosted servicer (34) →
 * 3 payload (25) → 4 client height (75) → 5 request hash (74) → 6 chain hosted here (26) → 8 app (45) →
 * 9 chain limit (91) → 13 ValidateBasic (60/6/42/52/23/62/29/4/39/38/41) → 15 app chain (13) →
 * 16–17 session membership (14), app key string (61) → 10–12 evidence (90/37/71, in the evidence object, concurrently with
 * the backend call) → 20 backend (28) → 21 sign.
 * pocket-core checks 10–12 before 13; here they run last because they need a Durable Object round
 * trip that overlaps the backend call. Only a relay that fails both kinds of check can tell.
 * @module
 */
import { backendUrl, executeOnBackends, orderBackends } from "../../shared/backends/index.js";
import { relayProofToJSON } from "../../shared/morse/tx/msgs.js";
import { rowKey } from "../../shared/evidence/row-key.js";
import { aatHashHex } from "../../shared/morse/aat.js";
import { JSON_CONTENT_TYPE, relayErrorBody, relaySuccessBody } from "../../shared/morse/bodies.js";
import { bytesToHex, utf8 } from "../../shared/primitives/bytes.js";
import { chainsOverLimitError, DISPATCH_CODES, internalError, morseError, type MorseError } from "../../shared/morse/errors.js";
import { addressFromPublicKey, blake2b256, sha3 } from "../../shared/morse/hash.js";
import { sign } from "../../shared/morse/keys.js";
import { maxPossibleRelays } from "../../shared/morse/max-relays.js";
import { validateProofBasic } from "../../shared/morse/proof-validate.js";
import { proofBytes, requestHash, responseHash } from "../../shared/morse/relay.js";
import { decodeRelay } from "../../shared/morse/relay-decode.js";
import type { Relay } from "../../shared/morse/relay-types.js";
import { isProofSessionHeightWithinTolerance, latestSessionBlockHeight } from "../../shared/morse/session.js";
import { sortJSONResponse } from "../../shared/morse/sort-json-response.js";
import { goHexDecode } from "../../shared/morse/verification.js";
import { MAX_BODY_BYTES, readLimitedBody } from "../../shared/http/body.js";
import type { RelayRuntime } from "./config.js";
import type { RelayEnv } from "./env.js";
import { evidenceFor } from "./evidence.js";
import { recordRelay, type RelayRecord } from "./observe.js";

// One per isolate: a decoder without `stream` keeps no state between calls. `ignoreBOM` keeps a
// leading byte-order mark in the text, so the relay is refused as Go's json.Unmarshal refuses it.
const UTF8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Handles one relay request end to end. */
export async function handleRelay(request: Request, env: RelayEnv, runtime: RelayRuntime): Promise<Response> {
  const started = Date.now();
  const record: RelayRecord = { outcome: "refused", code: 0, chain: "", servicer: "", app: "", region: "", backend: "", backendMs: 0, edgeMs: 0, hedged: false, attempts: 0 };
  let response: Response;
  try {
    response = await relay(request, env, runtime, record);
  } catch (error) {
    // A bug must still answer in the Morse shape, never sign, never crash the isolate's other work.
    console.error(JSON.stringify({ msg: "relay: unexpected error", error: error instanceof Error ? error.stack : String(error) }));
    record.outcome = "error";
    record.code = 1;
    response = refuse(internalError("internal error serving the relay"), null, 500);
  }
  const totalMs = Date.now() - started;
  record.edgeMs = Math.max(0, totalMs - record.backendMs);
  const timing = [`edge;dur=${record.edgeMs}`, `backend;dur=${record.backendMs}${record.region ? `;desc="${record.region}/${record.backend}"` : ""}`, `total;dur=${totalMs}`];
  if (record.hedged) timing.push(`hedge;desc="answered by the hedged request"`);
  if (record.attempts > 1) timing.push(`attempts;desc="${record.attempts}"`);
  response.headers.set("Server-Timing", timing.join(", "));
  recordRelay(env, runtime.config.logRelays, record);
  return response;
}

/** The answer to one relay; what happened is written into `record` along the way. */
async function relay(request: Request, env: RelayEnv, runtime: RelayRuntime, record: RelayRecord): Promise<Response> {
  const { config, chain } = runtime;
  const refused = async (error: MorseError, relay?: Relay): Promise<Response> => {
    record.code = error.code;
    const dispatch = relay && DISPATCH_CODES.has(error.code) ? await latestDispatch(runtime, relay) : null;
    return refuse(error, dispatch);
  };
  const chainDown = (error: string): Response => {
    record.outcome = "error";
    record.code = 1;
    // The details (which call, which host) go to the operator's log, not to the client.
    console.error(JSON.stringify({ msg: "relay: chain unavailable", error }));
    return refuse({}, null, 503, "chain unavailable: this servicer cannot read the chain right now");
  };

  // Body: at most 1 MiB, refused before any parsing.
  const body = await readLimitedBody(request);
  if (body === undefined) {
    record.code = 1;
    return refuse(internalError(`the request body exceeds ${MAX_BODY_BYTES} bytes (1 MiB)`), null, 413);
  }
  const decoded = decodeRelay(UTF8.decode(body), body);
  if (!decoded.ok) {
    // Go marshals a *json.SyntaxError's exported fields; other decode errors are plain errors.
    return refuse(decoded.offset !== undefined ? { Offset: decoded.offset } : {}, null, 400, `bad relay JSON: ${decoded.error}`);
  }
  const relay = decoded.relay;
  const proof = relay.proof;
  record.chain = proof.blockchain;
  record.app = proof.aat.app_pub_key;

  // Row 1: session height within tolerance of our latest session (code 60). A client ahead of our
  // cached height makes us read the height again before refusing.
  let height = await chain.latestHeight();
  if (!height.ok) return chainDown(height.error);
  let params = await chain.currentParams(height.value);
  if (!params.ok) return chainDown(params.error);
  const withinTolerance = (h: number, bps: number) =>
    isProofSessionHeightWithinTolerance(proof.session_block_height, latestSessionBlockHeight(h, bps), config.clientSessionSyncAllowance, bps);
  if (!withinTolerance(height.value, params.value.blocksPerSession)) {
    if (proof.session_block_height > latestSessionBlockHeight(height.value, params.value.blocksPerSession)) {
      height = await chain.latestHeight(true);
      if (!height.ok) return chainDown(height.error);
      params = await chain.currentParams(height.value);
      if (!params.ok) return chainDown(params.error);
    }
    if (!withinTolerance(height.value, params.value.blocksPerSession)) return refused(morseError(60), relay);
  }
  let latest = height.value;
  const bps = params.value.blocksPerSession;

  // Row 2: the servicer key the proof names must be hosted by this deployment.
  const servicerPub = goHexDecode(proof.servicer_pub_key);
  if (!servicerPub.ok || servicerPub.bytes.length !== 32) return refused(internalError("Could not convert servicer hex to public key"));
  const servicer = config.servicers.get(bytesToHex(servicerPub.bytes));
  if (!servicer) return refused(morseError(34));
  record.servicer = servicer.address;

  // Row 3: something to relay.
  if (relay.payload.data === "" && relay.payload.path === "") return refused(morseError(25));

  // Row 4: the client's block height within the allowance of ours (code 75).
  const outOfSync = (h: number) => {
    const diff = BigInt(h) - relay.meta.block_height;
    return (diff < 0n ? -diff : diff) > BigInt(config.clientBlockSyncAllowance);
  };
  if (outOfSync(latest)) {
    const fresher = relay.meta.block_height > BigInt(latest) ? await chain.latestHeight(true) : height;
    if (!fresher.ok) return chainDown(fresher.error);
    if (outOfSync(fresher.value)) return refused(morseError(75), relay);
    // The fresher height may have started a new session: the relay's must still be within tolerance.
    latest = fresher.value;
    if (!withinTolerance(latest, bps)) return refused(morseError(60), relay);
  }

  // Row 5: the request hash covers the payload and meta.
  if (requestHash(relay.payload, relay.meta) !== proof.request_hash) return refused(morseError(74));

  // Row 6: this deployment has backends for the chain.
  const backends = config.backends.get(proof.blockchain);
  if (!backends) return refused(morseError(26));

  // Row 8: the app at the session's start.
  const sessionHeight = Number(proof.session_block_height);
  const appKey = goHexDecode(proof.aat.app_pub_key);
  if (!appKey.ok || appKey.bytes.length !== 32) return refused(morseError(45));
  const app = await chain.appAt(addressFromPublicKey(appKey.bytes), sessionHeight);
  if (!app.ok) return chainDown(app.error);
  if (!app.value) return refused(morseError(45));

  // Row 9: the app's chains within application/MaximumChains (after the MAXCH upgrade).
  const sessionParams = await chain.paramsAt(sessionHeight);
  if (!sessionParams.ok) return chainDown(sessionParams.error);
  const maxChains = sessionParams.value.maximumChains;
  if (maxChains !== undefined && app.value.chains.length > maxChains) return refused(chainsOverLimitError(app.value.chains.length, maxChains));

  // Row 13: ValidateBasic, hashing the proof once for the signature, the evidence key and the answer.
  const tokenHex = aatHashHex(proof.aat);
  const proofText = proofBytes(proof, tokenHex);
  const proofBytesUtf8 = utf8(proofText);
  const proofHash = sha3(proofBytesUtf8);
  const basic = await validateProofBasic(proof, proofHash, tokenHex);
  if (basic) return refused(basic, relay);

  // Row 15: the app is staked for the chain.
  if (!app.value.chains.includes(proof.blockchain)) return refused(morseError(13));

  // Rows 16–17: this servicer is in the session.
  if (sessionHeight !== Number(latestSessionBlockHeight(latest, bps))) {
    // An older session (CLIENT_SESSION_SYNC_ALLOWANCE > 0): dispatch only answers the latest one.
    const past = await chain.pastSession(proof.aat.app_pub_key, proof.blockchain, sessionHeight, latest, sessionParams.value);
    if (!past.ok) return past.status === 400 ? refused(chainErrorAsMorse(past.error), relay) : chainDown(past.error);
    if (!past.value.includes(servicer.address)) return refused(morseError(14), relay);
  } else {
    const session = await chain.session(proof.aat.app_pub_key, proof.blockchain, latest, bps);
    if (!session.ok) return session.status === 400 ? refused(chainErrorAsMorse(session.error), relay) : chainDown(session.error);
    // Dispatch answers the chain's latest session: a newer one means the relay's session just ended.
    if (session.value.sessionHeight !== sessionHeight) {
      await chain.latestHeight(true);
      return refused(morseError(60), relay);
    }
    if (!session.value.nodeAddresses.includes(servicer.address)) return refused(morseError(14), relay);
  }
  // Session.Validate compares the header's app key string with the app's (lowercase) key.
  if (proof.aat.app_pub_key !== app.value.publicKey) return refused(morseError(61));

  // A REST path must stay under the backend's base URL. Refused before any evidence is written: a
  // hostile path is the client's fault and costs the servicer nothing.
  const ordered = orderBackends(backends, request.cf as Record<string, unknown> | undefined);
  if (relay.payload.path !== "") {
    const target = backendUrl(ordered[0].url, relay.payload.path);
    if (!target.ok) return refused(morseError(28, target.error));
  }

  // Rows 10–12 and 20, concurrently: reserve the evidence and call the backend.
  const maxRelays = maxPossibleRelays(app.value.maxRelays, app.value.chains.length, sessionParams.value.sessionNodeCount);
  const header = { servicerPubKey: servicer.publicKeyHex, appPubKey: proof.aat.app_pub_key, chain: proof.blockchain, sessionHeight: proof.session_block_height.toString() };
  // Never rejects: a failed call to the object answers code 1 (see `evidence.ts`).
  const reservation = evidenceFor(env, header, ordered[0]?.region)
    .reserve({
      header,
      key: rowKey(blake2b256(proofBytesUtf8)),
      proof: JSON.stringify(relayProofToJSON(proof)),
      maxRelays: maxRelays.toString(),
    });
  const backendStarted = Date.now();
  const backendCall = executeOnBackends({
    backends: ordered,
    request: { method: relay.payload.method || "POST", path: relay.payload.path, headers: relay.payload.headers, body: relay.payload.data },
    deadlineMs: config.relayDeadlineMs,
    maxResponseBytes: config.maxResponseBytes,
    hedge: config.hedge,
    health: runtime.health,
  }).then((answer) => {
    // The whole backend phase as the client felt it: hedge delay, failovers and all.
    record.backendMs = Date.now() - backendStarted;
    return answer;
  });
  const [reserved, answer] = await Promise.all([reservation, backendCall]);
  record.attempts = answer.attempts.length;
  if (answer.ok) {
    record.region = answer.region;
    record.backend = answer.backend;
    record.hedged = answer.hedged;
  }
  // No durable evidence, no signed answer: the backend's work is discarded.
  if (!reserved.ok) {
    if (reserved.code === 1) {
      record.outcome = "error";
      console.error(JSON.stringify({ msg: "relay: evidence reservation failed", error: reserved.message }));
      return refused(internalError("could not store the relay's evidence"));
    }
    return refused(morseError(reserved.code), relay);
  }
  if (!answer.ok) {
    record.outcome = "backend-error";
    return refused(morseError(28, answer.error));
  }

  // Row 21: sign SHA3 of the response preimage over the (sorted) body.
  const responseText = config.sortJsonResponses ? sortJSONResponse(answer.body) : answer.body;
  const signature = await sign(servicer, responseHash(responseText, bytesToHex(proofHash)));
  record.outcome = "served";
  record.code = 0;
  return new Response(relaySuccessBody(responseText, bytesToHex(signature)), { status: 200, headers: { "Content-Type": JSON_CONTENT_TYPE } });
}

/** The latest dispatch for the relay's app and chain, attached to 60/14/71/75 refusals; `null` if unavailable. */
async function latestDispatch(runtime: RelayRuntime, relay: Relay): Promise<any> {
  const height = await runtime.chain.latestHeight();
  if (!height.ok) return null;
  const params = await runtime.chain.currentParams(height.value);
  if (!params.ok) return null;
  const session = await runtime.chain.session(relay.proof.aat.app_pub_key, relay.proof.blockchain, height.value, params.value.blocksPerSession);
  return session.ok ? session.value.raw : null;
}

/** A chain's `{"code":400,"message":"ERROR:\nCodespace: pocketcore\nCode: 17…"}` as the Morse error it wraps. */
function chainErrorAsMorse(error: string): MorseError {
  const code = /Code: (\d+)/.exec(error)?.[1];
  if (code !== undefined && /Codespace: pocketcore/.test(error)) {
    const message = /Message: "((?:[^"\\]|\\.)*)"/.exec(error)?.[1] ?? error;
    return { code: Number(code), codespace: "pocketcore", message };
  }
  return internalError(error);
}

/** A header value safe in any HTTP stack: one line of printable ASCII, bounded. */
export function asciiHeader(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[^\x20-\x7e]/g, "?").slice(0, 500);
}

/**
 * A refusal in the Morse shape (HTTP 400 unless said otherwise). `detail`, when given, goes in the
 * `X-Pocket-Edge-Error` header for operators: the body stays exactly what pocket-core clients parse.
 */
function refuse(error: MorseError | Record<string, never> | { Offset: number }, dispatch: unknown, status = 400, detail?: string): Response {
  const headers = new Headers({ "Content-Type": JSON_CONTENT_TYPE });
  if (detail) headers.set("X-Pocket-Edge-Error", asciiHeader(detail));
  return new Response(relayErrorBody(error as MorseError, (dispatch ?? null) as never), { status, headers });
}
