/**
 * The URL of one chain call: the backend's base URL plus the relay's `payload.path`, joined as
 * pocket-core joins them (`Relay.Execute`): `strings.Trim(base, "/")`, then `"/" + strings.Trim(path, "/")`
 * when the path is non-empty.
 *
 * The path comes from an anonymous client while the base may carry an API key in its path, so the
 * result must stay under the base: no dot segments (raw, percent-encoded or double-encoded), no
 * encoded slashes or backslashes, no empty segments, no scheme, no `@`, no fragment, only printable
 * ASCII. A query string is allowed (REST chains use them). A final parse checks origin and prefix.
 * pocket-core itself checks none of this; it trusts its single local backend.
 * @module
 */

/** The URL to fetch, or why the relay path was refused (never quoting the base URL). */
export type BackendUrlResult = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly error: string };

const trimSlashes = (s: string): string => s.replace(/^\/+|\/+$/g, "");

// Printable ASCII except space, `#`, `@` and backslash.
const ALLOWED = /^[\x21\x22\x24-\x3f\x41-\x5b\x5d-\x7e]*$/;
// A scheme at the start (`http:`, `javascript:`): the whole first segment would read as one.
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// Encoded `.`, `/`, `\`, `%` (double encoding) and control characters, in the path part.
const ENCODED_FORBIDDEN = /%(?:2e|2f|5c|25|[01][0-9a-f]|7f)/i;
const MALFORMED_ESCAPE = /%(?![0-9a-fA-F]{2})/;

/**
 * Joins `base` and a relay `path`, refusing any path that could leave the base URL.
 * @example backendUrl("https://eth.example/rpc/", "/v1/blocks?limit=2") // { ok: true, url: "https://eth.example/rpc/v1/blocks?limit=2" }
 * @example backendUrl("https://eth.example/rpc", "../admin") // { ok: false, error: 'relay path has a "." or ".." segment' }
 */
export function backendUrl(base: string, path: string): BackendUrlResult {
  const trimmedBase = trimSlashes(base);
  if (path === "") return checked(base, trimmedBase);
  const error = pathError(path);
  if (error) return { ok: false, error: `relay path ${error}` };
  return checked(base, `${trimmedBase}/${trimSlashes(path)}`);
}

function pathError(path: string): string | undefined {
  if (!ALLOWED.test(path)) return "has a character that is not allowed (space, control, non-ASCII, #, @ or backslash)";
  const trimmed = trimSlashes(path);
  const query = trimmed.indexOf("?");
  const pathPart = query < 0 ? trimmed : trimmed.slice(0, query);
  if (SCHEME.test(pathPart)) return "starts with a scheme";
  if (MALFORMED_ESCAPE.test(path)) return "has a malformed percent escape";
  if (ENCODED_FORBIDDEN.test(pathPart)) return "has a percent-encoded dot, slash, backslash, percent or control character";
  if (pathPart === "") return undefined;
  for (const segment of pathPart.split("/")) {
    if (segment === "") return 'has an empty segment ("//")';
    // `..;x` is `..` to servers that strip matrix parameters (Tomcat, Jetty).
    const bare = segment.split(";", 1)[0];
    if (bare === "." || bare === "..") return 'has a "." or ".." segment';
  }
  return undefined;
}

// Whatever the checks above miss, the parsed result must keep the base's origin and path prefix.
function checked(base: string, joined: string): BackendUrlResult {
  let baseUrl: URL;
  let url: URL;
  try {
    baseUrl = new URL(trimSlashes(base));
    url = new URL(joined);
  } catch {
    return { ok: false, error: "backend URL does not parse" };
  }
  const prefix = baseUrl.pathname.endsWith("/") ? baseUrl.pathname : `${baseUrl.pathname}/`;
  if (url.origin !== baseUrl.origin || (url.pathname !== baseUrl.pathname && !url.pathname.startsWith(prefix))) {
    return { ok: false, error: "relay path leaves the backend URL" };
  }
  return { ok: true, url: joined };
}
