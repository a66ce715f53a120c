/** Blocks on a timer: with block_time_ms > 0 the chain object's alarm produces a block and re-arms. */
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { get, ok, chainStub } from "./support/rpc.js";
import { startChain } from "./support/scenario.js";

describe("alarm", () => {
  it("produces one block per alarm and schedules the next", async () => {
    // A long interval, so only the test fires the alarm.
    await startChain({ block_time_ms: 600_000 });
    const status = (await get("/v1/devnet/status")).json;
    expect(status.height).toBe(1);
    expect(status.next_block_at).not.toBeNull();
    expect(await runDurableObjectAlarm(chainStub())).toBe(true);
    expect(await ok("/v1/query/height")).toEqual({ height: 2 });
    expect(await runDurableObjectAlarm(chainStub())).toBe(true);
    expect(await ok("/v1/query/height")).toEqual({ height: 3 });
    const block = await ok("/v1/query/block", { height: 3 });
    // Timestamps follow the interval: genesis + 3 × 10 min.
    expect(block.block.header.time).toBe("2026-01-01T00:30:00Z");
    expect((await get("/v1/devnet/status")).json.next_block_at).not.toBeNull();
  });
});
