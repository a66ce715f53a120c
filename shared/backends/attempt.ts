/**
 * One request to one backend: fetch, then read the whole body within a size limit. The outcome
 * is a value, never a throw, and its error text is safe to show a client: no URL (it may hold an
 * API key) and no header value.
 * @module
 */
import { readStreamLimited } from "../http/body.js";
import { fromUtf8 } from "../primitives/bytes.js";

/** How an attempt ended. `aborted` is the losing request of a hedge (no verdict on the backend). */
export type AttemptOutcome = "ok" | "http-5xx" | "timeout" | "network" | "too-large" | "aborted";

/** The end of one attempt that was not cut short by its caller. */
export type AttemptResult =
  | { readonly outcome: "ok" | "http-5xx"; readonly status: number; readonly body: string }
  | { readonly outcome: "network" | "too-large"; readonly error: string };

/** `fetch` as this module calls it; injected in tests. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

// Same-origin redirects followed at most this many times (Go's client follows 10; a backend that
// needs more is misconfigured).
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Sends `init` to `url` and reads the answer as text. Timeouts and aborts are the caller's: it
 * aborts `init.signal` and stops waiting, so whatever this returns afterwards is ignored.
 *
 * Redirects are never followed by `fetch` itself: configured headers carry credentials (API keys,
 * basic auth) that must not reach another origin. A 307/308 to the same origin is followed here with
 * the same method, headers and body; any other redirect is a failure of this backend (the next one
 * is tried), its target never contacted.
 */
export async function runAttempt(fetchFn: FetchFunction, url: string, init: RequestInit, maxResponseBytes: number): Promise<AttemptResult> {
  let response: Response;
  let target = url;
  for (let hop = 0; ; hop++) {
    try {
      response = await fetchFn(target, { ...init, redirect: "manual" });
    } catch (e) {
      return { outcome: "network", error: describeFetchError(e, url) };
    }
    if (!REDIRECT_STATUSES.has(response.status)) break;
    void response.body?.cancel().catch(() => {});
    const next = sameOriginRedirect(target, response);
    if (next === undefined || hop >= MAX_REDIRECTS) {
      return { outcome: "network", error: next === undefined ? `redirect (${response.status}) refused: only 307/308 within the backend's origin are followed` : `more than ${MAX_REDIRECTS} redirects` };
    }
    target = next;
  }
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxResponseBytes) {
    void response.body?.cancel().catch(() => {});
    return { outcome: "too-large", error: tooLarge(maxResponseBytes) };
  }
  let body: string | undefined;
  try {
    body = await readBody(response, maxResponseBytes);
  } catch (e) {
    return { outcome: "network", error: describeFetchError(e, url) };
  }
  if (body === undefined) return { outcome: "too-large", error: tooLarge(maxResponseBytes) };
  return { outcome: response.status >= 500 ? "http-5xx" : "ok", status: response.status, body };
}

const tooLarge = (max: number): string => `response larger than ${max} bytes`;

// The Location of a 307/308 when it stays on the origin of `from`; undefined otherwise.
function sameOriginRedirect(from: string, response: Response): string | undefined {
  if (response.status !== 307 && response.status !== 308) return undefined;
  const location = response.headers.get("location");
  if (!location) return undefined;
  try {
    const next = new URL(location, from);
    return next.origin === new URL(from).origin ? next.href : undefined;
  } catch {
    return undefined;
  }
}

// The whole body as UTF-8 text, or `undefined` once it passes `max` bytes.
async function readBody(response: Response, max: number): Promise<string | undefined> {
  if (!response.body) return "";
  const bytes = await readStreamLimited(response.body, max);
  return bytes === undefined ? undefined : fromUtf8(bytes);
}

const ERROR_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found",
  ETIMEDOUT: "connect timeout",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_SOCKET: "connection closed",
  UND_ERR_CONNECT_TIMEOUT: "connect timeout",
};

/**
 * A short reason for a failed fetch. Node wraps the real cause (`TypeError: fetch failed`, cause
 * `ECONNREFUSED`); workerd gives a message. Anything URL-like is cut out of messages, and they are
 * capped, since runtimes quote the request URL in some errors.
 */
export function describeFetchError(e: unknown, url: string): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === "string" ? cause.code : (e as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && ERROR_CODES[code]) return ERROR_CODES[code];
  const message = typeof cause?.message === "string" && cause.message ? cause.message : e instanceof Error ? e.message : String(e);
  const safe = message.replace(/[a-z][a-z0-9+.-]*:\/\/\S*/gi, "<url>").split(url).join("<url>");
  return (safe || "fetch failed").slice(0, 200);
}
