/**
 * Bad requests get clear Morse-shaped errors (`{"code":<status>,"message":…}` with a trailing
 * newline) and change nothing: oversized bodies (refused before parsing), malformed JSON, wrong
 * types, unknown routes, hex that is no transaction.
 */
import { describe, expect, it } from "vitest";
import { bytesToHex, utf8 } from "../../shared/primitives/bytes.js";
import * as entry from "../../workers/devnet/index.js";
import { DEVNET_VERSION } from "../../workers/devnet/version.js";
import { NODES } from "./support/fixtures.js";
import { get, post } from "./support/rpc.js";
import { expectRefused, rawtx, snapshot, startChain } from "./support/scenario.js";

function expectMorseError(answer: { status: number; text: string; json: any; headers: Headers }, status: number, fragment: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json.code).toBe(status);
  expect(answer.json.message).toContain(fragment);
  expect(answer.text.endsWith("}\n")).toBe(true);
  expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
}

describe("bad input", () => {
  it("refuses each kind of bad request without changing state", async () => {
    await startChain();
    const before = await snapshot();

    const huge = JSON.stringify({ blocks: 1, padding: "x".repeat(1 << 20) });
    expectMorseError(await post("/v1/devnet/advance", huge), 413, "exceeds 1048576 bytes");
    expectMorseError(await post("/v1/client/rawtx", huge), 413, "1 MiB");
    expectMorseError(await post("/v1/query/block", '{"height": 1'), 400, "not valid JSON");
    expectMorseError(await post("/v1/query/block", "[1,2]"), 400, "must be a JSON object");
    expectMorseError(await post("/v1/query/block", { height: "1" }), 400, "height must be a non-negative integer");
    expectMorseError(await post("/v1/query/block", { height: -1 }), 400, "height must be a non-negative integer");
    expectMorseError(await post("/v1/query/node", { address: 42 }), 400, "address must be a string");
    expectMorseError(await post("/v1/query/node", { address: "B62E867FA2F33AFE62D5D6B1642E1621D5433078" }), 400, "40 lowercase hex");
    expectMorseError(await post("/v1/query/nodes", { opts: [] }), 400, "opts must be an object");
    expectMorseError(await post("/v1/query/param", { key: "pos/NoSuchParam" }), 400, "unknown param key");
    expectMorseError(await post("/v1/query/tx", { hash: "nothex" }), 400, "32-byte transaction hash");
    expectMorseError(await post("/v1/query/nodeclaim", { address: NODES[0].address, session_block_height: "1" }), 400, "session_block_height");
    expectMorseError(await post("/v1/query/nosuchquery"), 404, "no such route: POST /v1/query/nosuchquery");
    expectMorseError(await get("/v1/query/height"), 404, "no such route: GET /v1/query/height");
    expectMorseError(await post("/v1/devnet/stake/node", { public_key: NODES[0].publicKeyHex, chains: ["0021"], service_url: "ftp://x", tokens: "1" }), 400, "service_url");
    expectMorseError(await post("/v1/devnet/stake/app", { public_key: NODES[0].publicKeyHex, chains: [], staked_tokens: "1", max_relays: "1" }), 400, "chains");
    expectMorseError(await post("/v1/devnet/jail", { address: "00".repeat(20) }), 400, "validator not found");
    expectMorseError(await post("/v1/client/rawtx", { address: NODES[0].address, raw_hex_bytes: "xyz" }), 400, "raw_hex_bytes");
    expectMorseError(await post("/v1/client/rawtx", { raw_hex_bytes: "00" }), 400, "address is required");

    // Hex that is no claim or proof tx: sdk code 2 (TxDecode), nothing stored. The retired JSON
    // format among them: its first byte ("{" = 123) reads as a length prefix the rest disagrees with.
    await expectRefused(await rawtx(NODES[0], bytesToHex(utf8('{"msg":{"type":"pocketcore/claim","value":{}}}'))), 2, "sdk");
    await expectRefused(await rawtx(NODES[0], "00"), 2, "sdk");
    await expectRefused(await rawtx(NODES[0], "ffffffffffffffffffffff01"), 2, "sdk");
    expect(await snapshot()).toEqual(before);
  });

  it("answers GET /v1 with the version as a JSON string", async () => {
    const answer = await get("/v1");
    expect(answer.status).toBe(200);
    expect(answer.json).toBe(DEVNET_VERSION);
  });

  // workerd (wrangler dev / deploy) refuses an entry module whose named exports are not handlers or classes.
  it("exports only handlers and classes from the entry module", () => {
    for (const [name, value] of Object.entries(entry)) {
      if (name !== "default") expect(typeof value, name).toBe("function");
    }
    expect(typeof entry.DevnetChain).toBe("function");
  });
});
