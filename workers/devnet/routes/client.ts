/**
 * The Pocket RPC client routes a servicer uses: `/v1/client/dispatch` (spec §1.3) and
 * `/v1/client/rawtx` (spec §1.5): pocket-core's length-prefixed protobuf `ProtoStdTx`, decoded by `shared/morse/tx/`.
 * @module
 */
import { Hono } from "hono";
import { hexToBytes } from "../../../shared/primitives/bytes.js";
import { chainOf, type DevnetHono } from "../env.js";
import { answer, readBody, refuse } from "../http.js";

/** `POST /v1/client/*`. */
export const clientRoutes = new Hono<DevnetHono>();

clientRoutes.post("/dispatch", async (c) => {
  const body = await readBody(c);
  // session_height is ignored: pocket-core always answers the latest session.
  body.integer("session_height", 0);
  return answer(await chainOf(c).dispatch(body.string("app_public_key"), body.string("chain")));
});

clientRoutes.post("/rawtx", async (c) => {
  const body = await readBody(c);
  const address = body.address();
  const hex = body.string("raw_hex_bytes");
  const bytes = hex === "" ? undefined : hexToBytes(hex);
  if (!bytes) refuse(400, "raw_hex_bytes must be the non-empty hex of the transaction bytes");
  return answer(await chainOf(c).submitTx(address, bytes));
});
