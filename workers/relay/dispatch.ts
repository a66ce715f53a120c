/**
 * `POST /v1/client/dispatch` (spec §1.3), answered from the chain and cached per isolate until the
 * session can change: the header is checked as pocket-core checks it, `session_height` is ignored,
 * and the chain's latest session for the (app, chain) is returned.
 * @module
 */
import { JSON_CONTENT_TYPE, jsonBody, plainErrorBody } from "../../shared/morse/bodies.js";
import { sdkErrorString } from "../../shared/morse/errors.js";
import type { GoValue } from "../../shared/morse/gojson.js";
import { validateSessionHeader } from "../../shared/morse/session.js";
import { readLimitedBody } from "../../shared/http/body.js";
import type { RelayRuntime } from "./config.js";

export async function handleDispatch(request: Request, runtime: RelayRuntime): Promise<Response> {
  const bytes = await readLimitedBody(request);
  if (!bytes) return plain(413, "the request body exceeds 1048576 bytes (1 MiB)");
  let header: { app_public_key?: unknown; chain?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes)) ?? {};
  } catch (error) {
    return plain(400, (error as Error).message);
  }
  const app = typeof header.app_public_key === "string" ? header.app_public_key : "";
  const chainId = typeof header.chain === "string" ? header.chain : "";
  const invalid = validateSessionHeader({ app_public_key: app, chain: chainId, session_height: 1n });
  if (invalid) return plain(400, sdkErrorString(invalid));

  const height = await runtime.chain.latestHeight();
  if (!height.ok) return unavailable(height.error);
  const params = await runtime.chain.currentParams(height.value);
  if (!params.ok) return unavailable(params.error);
  const session = await runtime.chain.session(app, chainId, height.value, params.value.blocksPerSession);
  if (!session.ok) return session.status === 400 ? plain(400, session.error) : unavailable(session.error);
  return new Response(jsonBody(session.value.raw as GoValue), { status: 200, headers: { "Content-Type": JSON_CONTENT_TYPE } });
}

/** The chain cannot be read: details to the operator's log, a plain 503 to the client. */
function unavailable(error: string): Response {
  console.error(JSON.stringify({ msg: "dispatch: chain unavailable", error }));
  return plain(503, "chain unavailable: this servicer cannot read the chain right now");
}

function plain(status: number, message: string): Response {
  return new Response(plainErrorBody(status, message), { status, headers: { "Content-Type": JSON_CONTENT_TYPE } });
}
