/**
 * `GET /v1/edge/sessions` is the operator's: 503 while no `OPERATOR_TOKEN` is configured, 401 without
 * the right bearer token (and no hint of how close a guess was), 400 for a bad query, and with the
 * token the sessions, their states and the counters.
 */
import { beforeAll, expect, it } from "vitest";
import { ClaimerWorld, OPERATOR_TOKEN } from "./support/world.js";

const world = new ClaimerWorld("claimer-operator-route");
beforeAll(async () => {
  await world.start();
  await world.serve(world.net.inSession[0], 2);
  await world.alarm(world.net.inSession[0], world.net.sessionHeight);
});

it("answers 401 without the token or with a wrong one", async () => {
  for (const token of [undefined, "", "test-operator-toke", `${OPERATOR_TOKEN}x`]) {
    const answer = await world.sessions(token);
    expect(answer.status, String(token)).toBe(401);
    expect(answer.json).toEqual({ code: 401, message: expect.any(String) });
  }
});

it("answers 503 when no token is configured", async () => {
  const configured = world.net.env;
  world.net.env = { ...configured, OPERATOR_TOKEN: undefined };
  try {
    expect((await world.sessions(OPERATOR_TOKEN)).status).toBe(503);
  } finally {
    world.net.env = configured;
  }
});

it("lists the sessions, their states and the counters with the token", async () => {
  const answer = await world.sessions(OPERATOR_TOKEN);
  expect(answer.status).toBe(200);
  expect(answer.json).toEqual({
    sessions: [expect.objectContaining({ state: "open", relays: 2, servicer: world.net.inSession[0].address, chain: "0021", sessionHeight: 1, claim: null, proof: null })],
    states: { open: 1 },
    counters: expect.objectContaining({ claimsSubmitted: 0, proofsConfirmed: 0, relaysLost: 0, tokensEarned: "0" }),
  });
  expect((await world.sessions(OPERATOR_TOKEN, "?state=proven")).json.sessions).toEqual([]);
});

it("refuses a bad query", async () => {
  expect((await world.sessions(OPERATOR_TOKEN, "?limit=0")).status).toBe(400);
  expect((await world.sessions(OPERATOR_TOKEN, "?state=nonsense")).status).toBe(400);
});
