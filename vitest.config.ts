import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { configDefaults, defineConfig } from "vitest/config";

// Two projects run the same protocol tests in both runtimes the library must work in:
// plain Node (scripts, the client, benchmarks) and workerd (the Workers and Durable Objects).
// Integration tests under test/ run only in workerd; those of the devnet (test/devnet/) run in a third
// project against the devnet Worker's own wrangler config. Files named `*.node.test.ts` need Node
// itself (e.g. real HTTP servers on loopback) and run only in the node project.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["shared/**/*.test.ts", "test/**/*.node.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: {
          name: "workerd",
          include: ["shared/**/*.test.ts", "test/**/*.test.ts", "workers/**/*.test.ts", "durable-objects/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/devnet/**", "**/*.node.test.ts"],
          // EVM nodes (ganache) and the devnet under `wrangler dev`, on loopback, once per run.
          globalSetup: ["./test/harness/global-setup.ts"],
        },
      },
      {
        // The devnet Worker and its chain Durable Object, with their own wrangler config.
        plugins: [cloudflareTest({ wrangler: { configPath: "./workers/devnet/wrangler.toml" } })],
        test: {
          name: "devnet",
          include: ["test/devnet/**/*.test.ts"],
        },
      },
    ],
  },
});
