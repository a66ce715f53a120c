/**
 * The HTTP request of a chain call, built as pocket-core's `executeHTTPRequest` builds it, and
 * checked before anything is sent: a request that cannot be sent is the client's fault and must
 * not count against any backend's health.
 *
 * Headers: when the relay's `payload.headers` is empty or null only `Content-Type: application/json`
 * is sent, otherwise exactly the given headers; then the backend's own headers (and basic auth).
 * pocket-core sets basic auth *before* the relay's headers, so a client could replace it; here the
 * backend's credentials win.
 * @module
 */
import { utf8 } from "../primitives/bytes.js";

/** The relay's request to forward (`payload.method`, `payload.headers`, `payload.data`, `payload.path`). */
export interface BackendRequest {
  /** Empty means POST (pocket-core). */
  readonly method: string;
  readonly headers: ReadonlyMap<string, string> | Readonly<Record<string, string>> | null;
  readonly body: string | null;
  readonly path: string;
}

/** A request ready to send to any backend: method, headers before the backend's own, body bytes. */
export interface PreparedRequest {
  readonly method: string;
  readonly headers: readonly (readonly [string, string])[];
  /** Bytes, not a string: with a string body fetch adds `Content-Type: text/plain`, Go adds nothing. */
  readonly body: Uint8Array | undefined;
}

/** The request, or why it cannot be sent (Go `net/http` wording). */
export type PrepareResult = { readonly ok: true; readonly request: PreparedRequest } | { readonly ok: false; readonly error: string };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Go refuses control characters other than tab; fetch refuses characters above U+00FF.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// Methods fetch refuses to send (Fetch spec "forbidden methods").
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
// Framing and connection headers belong to the HTTP client, not the caller: Go ignores Host,
// Content-Length and Transfer-Encoding in a header map, and Node's fetch fails on the others. Were they
// passed on, a client could make every backend "fail" and open its breaker.
const CONNECTION_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "expect", "te", "trailer", "proxy-connection"]);

/**
 * Validates the relay's method and headers and builds the request. Errors use Go's `net/http`
 * wording; header values never appear in them.
 */
export function prepareRequest(request: BackendRequest): PrepareResult {
  const method = request.method === "" ? "POST" : request.method;
  if (!TOKEN.test(method)) return { ok: false, error: `net/http: invalid method ${JSON.stringify(method)}` };
  if (FORBIDDEN_METHODS.has(method.toUpperCase())) return { ok: false, error: `method ${JSON.stringify(method)} is not supported` };

  const given = request.headers instanceof Map ? [...request.headers] : Object.entries(request.headers ?? {});
  const headers: [string, string][] = [];
  for (const [name, value] of given) {
    if (!TOKEN.test(name)) return { ok: false, error: `net/http: invalid header field name ${JSON.stringify(name)}` };
    if (!HEADER_VALUE.test(value)) return { ok: false, error: `net/http: invalid header field value for ${JSON.stringify(name)}` };
    if (!CONNECTION_HEADERS.has(name.toLowerCase())) headers.push([name, value]);
  }
  if (given.length === 0) headers.push(["Content-Type", "application/json"]);

  // fetch cannot send a body with GET or HEAD (Go would).
  const bodyless = /^(?:GET|HEAD)$/i.test(method);
  return { ok: true, request: { method, headers, body: bodyless || request.body === null ? undefined : utf8(request.body) } };
}

/** The `Headers` for one backend: the prepared request's, then the backend's (which win). */
export function requestHeaders(request: PreparedRequest, backendHeaders: Readonly<Record<string, string>>): Headers {
  const headers = new Headers();
  for (const [name, value] of request.headers) headers.set(name, value);
  for (const [name, value] of Object.entries(backendHeaders)) headers.set(name, value);
  return headers;
}
