/**
 * `GET /v1/edge/sessions`: the operator's view of the claimer — every known session with its state,
 * relay count, claim and proof transactions, heights, results and tokens earned, the sessions per
 * state, and the counters (claims and proofs submitted, confirmed, failed; relays lost). Behind the
 * `OPERATOR_TOKEN` secret (`Authorization: Bearer <token>`): 503 while no token is configured, 401
 * without the right one. Query: `state=<state>`, `limit=<1…1000>`.
 * @module
 */
import { MAX_LIST, REGISTRY_OBJECT_NAME, type SessionsQuery } from "../../durable-objects/registry/api.js";
import type { LifecycleState } from "../../shared/claimer/record.js";
import { sha256 } from "../../shared/morse/hash.js";
import { utf8 } from "../../shared/primitives/bytes.js";
import type { ClaimerEnv } from "./env.js";

export async function handleSessions(request: Request, env: ClaimerEnv): Promise<Response> {
  const token = env.OPERATOR_TOKEN?.trim();
  if (!token) return answer(503, { code: 503, message: "the operator routes are off: set the OPERATOR_TOKEN secret" });
  const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("Authorization") ?? "")?.[1];
  if (!given || !sameSecret(given, token)) {
    return answer(401, { code: 401, message: "Authorization: Bearer <OPERATOR_TOKEN> required" }, { "WWW-Authenticate": 'Bearer realm="pocket-edge"' });
  }
  if (!env.REGISTRY) return answer(503, { code: 503, message: "the REGISTRY binding is missing" });

  const url = new URL(request.url);
  const query: { state?: LifecycleState; limit?: number } = {};
  const state = url.searchParams.get("state");
  if (state) query.state = state as LifecycleState;
  const limit = url.searchParams.get("limit");
  if (limit !== null) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_LIST) return answer(400, { code: 400, message: `limit must be an integer from 1 to ${MAX_LIST}` });
    query.limit = n;
  }
  const listed = await env.REGISTRY.getByName(REGISTRY_OBJECT_NAME).sessions(query as SessionsQuery);
  if (!listed.ok) {
    const status = listed.message.includes("unknown state") ? 400 : 500;
    return answer(status, { code: status, message: listed.message });
  }
  return answer(200, { sessions: listed.sessions, states: listed.states, counters: listed.counters });
}

/** Compares digests, so the time taken says nothing about how much of the token matched. */
function sameSecret(given: string, expected: string): boolean {
  const a = sha256(utf8(given));
  const b = sha256(utf8(expected));
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}
