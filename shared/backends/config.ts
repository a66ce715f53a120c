/**
 * The chain backends a servicer forwards relays to, parsed from JSON (the edge's `chains.json`):
 * `{ "<chainId>": [ { "url", "region", "name"?, "headers"?, "basic_auth"?, "timeout_ms"? } ] }`.
 *
 * Parsing is strict, since a typo here silently sends relays to the wrong place: unknown fields are
 * refused and every error names the offending field. Header values, passwords and URLs can hold
 * credentials (API keys often live in a provider's URL path), so no error message ever quotes them.
 * @module
 */
import { bytesToBase64, utf8 } from "../primitives/bytes.js";
import { isRegion, REGIONS, type Region } from "./regions.js";

/** One backend of one chain, validated and normalised. */
export interface Backend {
  /** `${chain}/${name}`: unique in a config; keys the backend's health state. */
  readonly id: string;
  /** The relay chain id (network identifier) it serves, e.g. `"0021"`. */
  readonly chain: string;
  /** Unique per chain; safe to log (unlike `url` and `headers`). */
  readonly name: string;
  /** Absolute http(s) base URL without trailing slashes, credentials, query or fragment. */
  readonly url: string;
  readonly region: Region;
  /** Headers added to every request, including `Authorization` built from `basic_auth`. Secret. */
  readonly headers: Readonly<Record<string, string>>;
  /** Timeout of one request to this backend. */
  readonly timeout_ms: number;
}

/** Chain id → its backends, in configuration order. */
export type BackendsConfig = ReadonlyMap<string, readonly Backend[]>;

/** The parsed config, or the first error found (naming its field). */
export type ParseBackendsResult = { readonly ok: true; readonly value: BackendsConfig } | { readonly ok: false; readonly error: string };

/** `timeout_ms` when a backend sets none. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** The largest `timeout_ms` accepted. */
export const MAX_TIMEOUT_MS = 120_000;

// pocket-core network identifiers are 1–4 bytes of hex.
const CHAIN_ID = /^(?:[0-9a-fA-F]{2}){1,4}$/;
// Names show up in logs and in relay error text, so they stay short and plain.
const NAME = /^[A-Za-z0-9._-]{1,64}$/;
// RFC 9110 `token`.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Go's `httpguts.ValidHeaderFieldValue` refuses control characters other than tab; fetch refuses
// characters above U+00FF.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const BACKEND_FIELDS = new Set(["url", "region", "name", "headers", "basic_auth", "timeout_ms"]);
const BASIC_AUTH_FIELDS = new Set(["username", "password"]);

class ConfigError extends Error {}

const q = (s: string): string => JSON.stringify(s);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses and validates the backends JSON.
 * @example parseBackends('{"0021":[{"url":"https://eth.example/rpc/","region":"weur"}]}')
 * // { ok: true, value: Map { "0021" => [{ id: "0021/weur-0", name: "weur-0", url: "https://eth.example/rpc", … }] } }
 */
export function parseBackends(text: string): ParseBackendsResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text around the error, which may be a secret: keep only the position.
    const position = /position (\d+)/.exec(String(e))?.[1];
    return { ok: false, error: `backends: invalid JSON${position ? ` at position ${position}` : ""}` };
  }
  try {
    return { ok: true, value: parseConfig(json) };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, error: e.message };
    throw e;
  }
}

function parseConfig(json: unknown): BackendsConfig {
  if (!isObject(json)) throw new ConfigError("backends: must be an object of chain id → list of backends");
  const config = new Map<string, readonly Backend[]>();
  for (const [chain, list] of Object.entries(json)) {
    const at = `backends[${q(chain)}]`;
    if (!CHAIN_ID.test(chain)) throw new ConfigError(`${at}: chain id must be 2–8 hex characters (1–4 bytes)`);
    if (!Array.isArray(list) || list.length === 0) throw new ConfigError(`${at}: must be a non-empty list of backends`);
    const backends = list.map((entry, index) => parseBackend(entry, chain, index, `${at}[${index}]`));
    const names = new Set<string>();
    backends.forEach((b, index) => {
      if (names.has(b.name)) throw new ConfigError(`${at}[${index}].name: duplicate name ${q(b.name)}`);
      names.add(b.name);
    });
    config.set(chain, backends);
  }
  return config;
}

function parseBackend(entry: unknown, chain: string, index: number, at: string): Backend {
  if (!isObject(entry)) throw new ConfigError(`${at}: must be an object`);
  refuseUnknownFields(entry, BACKEND_FIELDS, at);

  if (!isRegion(entry.region)) {
    const shown = typeof entry.region === "string" ? `unknown region ${q(entry.region)}` : "missing or not a string";
    throw new ConfigError(`${at}.region: ${shown} (one of ${REGIONS.join(", ")})`);
  }
  const region = entry.region;

  let name = `${region}-${index}`;
  if (entry.name !== undefined) {
    if (typeof entry.name !== "string" || !NAME.test(entry.name)) throw new ConfigError(`${at}.name: must be 1–64 characters of A–Z a–z 0–9 . _ -`);
    name = entry.name;
  }

  let timeout_ms = DEFAULT_TIMEOUT_MS;
  if (entry.timeout_ms !== undefined) {
    const t = entry.timeout_ms;
    if (typeof t !== "number" || !Number.isInteger(t) || t < 1 || t > MAX_TIMEOUT_MS) {
      throw new ConfigError(`${at}.timeout_ms: must be an integer from 1 to ${MAX_TIMEOUT_MS}`);
    }
    timeout_ms = t;
  }

  const headers = parseHeaders(entry.headers, `${at}.headers`);
  if (entry.basic_auth !== undefined) {
    if (Object.keys(headers).some((h) => h.toLowerCase() === "authorization")) {
      throw new ConfigError(`${at}.basic_auth: conflicts with headers.Authorization (set only one)`);
    }
    headers.Authorization = basicAuthorization(entry.basic_auth, `${at}.basic_auth`);
  }

  return { id: `${chain}/${name}`, chain, name, url: parseUrl(entry.url, `${at}.url`), region, headers, timeout_ms };
}

function refuseUnknownFields(entry: Record<string, unknown>, known: ReadonlySet<string>, at: string): void {
  for (const key of Object.keys(entry)) {
    if (!known.has(key)) throw new ConfigError(`${at}: unknown field ${q(key)} (known: ${[...known].join(", ")})`);
  }
}

// The URL itself is never quoted: providers put API keys in it.
function parseUrl(value: unknown, at: string): string {
  if (typeof value !== "string") throw new ConfigError(`${at}: missing or not a string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${at}: not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(`${at}: scheme must be http or https`);
  if (url.username || url.password) throw new ConfigError(`${at}: must not contain credentials (use basic_auth)`);
  // The relay path is appended to the base, so a query or fragment would end up in the middle.
  if (url.search || value.includes("?")) throw new ConfigError(`${at}: must not contain a query`);
  if (url.hash || value.includes("#")) throw new ConfigError(`${at}: must not contain a fragment`);
  return url.href.replace(/\/+$/, "");
}

function parseHeaders(value: unknown, at: string): Record<string, string> {
  const headers: Record<string, string> = Object.create(null);
  if (value === undefined) return headers;
  if (!isObject(value)) throw new ConfigError(`${at}: must be an object of header name → value`);
  const seen = new Set<string>();
  for (const [name, v] of Object.entries(value)) {
    const field = `${at}[${q(name)}]`;
    if (!HEADER_NAME.test(name)) throw new ConfigError(`${field}: invalid header name`);
    if (seen.has(name.toLowerCase())) throw new ConfigError(`${field}: duplicate header (names are case-insensitive)`);
    seen.add(name.toLowerCase());
    if (typeof v !== "string") throw new ConfigError(`${field}: value must be a string`);
    if (!HEADER_VALUE.test(v)) throw new ConfigError(`${field}: value has a control or non-Latin-1 character`);
    headers[name] = v;
  }
  return headers;
}

// Go's `req.SetBasicAuth`: base64 of `username:password` as UTF-8 bytes.
function basicAuthorization(value: unknown, at: string): string {
  if (!isObject(value)) throw new ConfigError(`${at}: must be an object with username and password`);
  refuseUnknownFields(value, BASIC_AUTH_FIELDS, at);
  const { username, password } = value;
  if (typeof username !== "string" || username === "") throw new ConfigError(`${at}.username: must be a non-empty string`);
  // RFC 7617: the first colon separates the user-id from the password.
  if (username.includes(":")) throw new ConfigError(`${at}.username: must not contain ":"`);
  if (typeof password !== "string") throw new ConfigError(`${at}.password: must be a string`);
  return `Basic ${bytesToBase64(utf8(`${username}:${password}`))}`;
}
