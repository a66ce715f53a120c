/**
 * The Pocket RPC queries of spec §1.6 (`POST /v1/query/*`, JSON bodies, `height` 0 = latest).
 * @module
 */
import { Hono } from "hono";
import { parseInt64 } from "../../../shared/morse/relay-decode.js";
import { chainOf, type DevnetHono } from "../env.js";
import { answer, readBody, refuse, type Fields } from "../http.js";
import type { ListOptions } from "../../../durable-objects/devnet/api.js";

/** `POST /v1/query/*`. */
export const queryRoutes = new Hono<DevnetHono>();

/** `opts` of `/v1/query/nodes` and `/v1/query/apps`. */
function listOptions(body: Fields): ListOptions {
  const opts = body.object("opts");
  return {
    staking_status: opts.integer("staking_status", 0),
    jailed_status: opts.integer("jailed_status", 0),
    blockchain: opts.string("blockchain", ""),
    page: opts.integer("page", 1),
    per_page: opts.integer("per_page", 1000),
  };
}

queryRoutes.post("/height", async (c) => answer(await chainOf(c).height()));

queryRoutes.post("/block", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).block(body.height()));
});

queryRoutes.post("/node", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).node(body.address(), body.height()));
});

queryRoutes.post("/nodes", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).nodes(body.height(), listOptions(body)));
});

queryRoutes.post("/app", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).app(body.address(), body.height()));
});

queryRoutes.post("/apps", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).apps(body.height(), listOptions(body)));
});

queryRoutes.post("/param", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).param(body.string("key"), body.height()));
});

queryRoutes.post("/allparams", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).allParams(body.height()));
});

queryRoutes.post("/balance", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).balance(body.address(), body.height()));
});

queryRoutes.post("/nodeclaim", async (c) => {
  const body = await readBody(c);
  const raw = body.raw.session_block_height;
  // An int64 in Go; a JSON number beyond 2^53 has already lost digits, so only safe integers count.
  const sessionHeight = typeof raw === "number" && Number.isSafeInteger(raw) ? parseInt64(String(raw)) : undefined;
  if (sessionHeight === undefined || sessionHeight < 1n) refuse(400, "session_block_height must be a positive integer");
  return answer(await chainOf(c).nodeClaim(body.address(), body.string("app_pubkey"), body.string("blockchain"), sessionHeight));
});

queryRoutes.post("/nodeclaims", async (c) => {
  const body = await readBody(c);
  // No address lists every servicer's claims (a devnet convenience).
  const address = body.raw.address === undefined || body.raw.address === "" ? "" : body.address();
  // Claims are current state only, but a malformed height is still refused.
  body.height();
  return answer(await chainOf(c).nodeClaims(address, body.integer("page", 1), body.integer("per_page", 1000)));
});

queryRoutes.post("/tx", async (c) => {
  const body = await readBody(c);
  const hash = body.string("hash");
  if (!/^[0-9a-fA-F]{64}$/.test(hash)) refuse(400, `hash must be a 32-byte transaction hash in hex, got ${JSON.stringify(hash)}`);
  return answer(await chainOf(c).tx(hash));
});
