/**
 * Devnet-only administration under `/v1/devnet/`, kept apart from the Pocket routes: load the
 * genesis, produce blocks, stake, unstake and jail, and read the chain's status. Staking changes
 * apply to the latest state at once (no unbonding, no transaction); staking mints the tokens it
 * names, unstaking credits them to the account of the app or to the node's output address.
 * @module
 */
import { Hono } from "hono";
import { chainOf, type DevnetHono } from "../env.js";
import { answer, readBody } from "../http.js";

/** `/v1/devnet/*`. */
export const adminRoutes = new Hono<DevnetHono>();

adminRoutes.get("/status", async (c) => answer(await chainOf(c).status()));

adminRoutes.get("/genesis", async (c) => answer(await chainOf(c).genesis()));

adminRoutes.post("/genesis", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).loadGenesis(body.raw));
});

adminRoutes.post("/advance", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).advance(body.integer("blocks", 1)));
});

adminRoutes.post("/stake/app", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).stakeApp(body.raw));
});

adminRoutes.post("/unstake/app", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).unstakeApp(body.address()));
});

adminRoutes.post("/stake/node", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).stakeNode(body.raw));
});

adminRoutes.post("/unstake/node", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).unstakeNode(body.address()));
});

adminRoutes.post("/jail", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).setJailed(body.address(), true));
});

adminRoutes.post("/unjail", async (c) => {
  const body = await readBody(c);
  return answer(await chainOf(c).setJailed(body.address(), false));
});
