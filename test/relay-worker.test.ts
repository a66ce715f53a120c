import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import * as entry from "../workers/relay/index.js";
import { VERSION } from "../workers/relay/version.js";

it("answers GET /v1 with the version as a JSON string", async () => {
  const res = await SELF.fetch("http://edge.test/v1");
  expect(res.status).toBe(200);
  expect(await res.json()).toBe(VERSION);
});

// workerd (wrangler dev / deploy) treats every named export of the entry module as an entrypoint
// and refuses to start on a plain value; the test pool does not load the entry that way.
it("exports only handlers and classes from the entry module", () => {
  for (const [name, value] of Object.entries(entry)) {
    if (name !== "default") expect(typeof value, name).toBe("function");
  }
});
