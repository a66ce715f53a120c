/**
 * HTTP bodies of a Morse servicer (spec §1.1–1.2). pocket-core's `WriteJSONResponse` decodes its
 * own JSON into a map and encodes it again, so every body has sorted keys, Go string escaping and
 * a trailing newline; these encoders produce the same bytes directly.
 * @module
 */
import type { MorseError } from "./errors.js";
import { goMarshalSorted, type GoValue } from "./gojson.js";

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** HTTP 200 body of a served relay: `{"response","signature"}` (struct `RPCRelayResponse`). */
export function relaySuccessBody(response: string, signatureHex: string): string {
  return goMarshalSorted({ response, signature: signatureHex }) + "\n";
}

/**
 * HTTP 400 body of a refused relay: `{"dispatch","error"}` (struct `RPCRelayErrorResponse`).
 * `error` is a {@link MorseError}, or for errors that are not `sdk.Error`s in Go, the value Go
 * marshals for them (`{}` for a plain error, `{"Offset":17}` for a JSON syntax error).
 * `dispatch` is filled only for the codes in `DISPATCH_CODES`.
 */
export function relayErrorBody(error: MorseError | { readonly [key: string]: GoValue }, dispatch: GoValue = null): string {
  return goMarshalSorted({ dispatch, error: error as { readonly [key: string]: GoValue } }) + "\n";
}

/** `WriteErrorResponse(w, code, msg)`: `{"code":<http status>,"message":…}`. */
export function plainErrorBody(status: number, message: string): string {
  return goMarshalSorted({ code: status, message }) + "\n";
}

/** Any other JSON answer (`WriteJSONResponse`): sorted keys, Go escaping, trailing newline. */
export function jsonBody(value: GoValue): string {
  return goMarshalSorted(value) + "\n";
}
