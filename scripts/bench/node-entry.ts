// Node side of `npm run bench:protocol`: `crypto <n>` / `merkle <n>` print their rows as JSON.
// Run with --expose-gc so the Merkle heap figures start from a collected heap.
import { runCryptoBench } from "./crypto-cases.js";
import { runMerkleBench } from "./merkle-cases.js";

const [what, arg] = process.argv.slice(2);
if (what === "crypto") {
  const cpu0 = process.cpuUsage();
  const rows = await runCryptoBench(Number(arg));
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ rows, cpuMs: (cpu.user + cpu.system) / 1000 }));
} else if (what === "merkle") {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  console.log(JSON.stringify(runMerkleBench(Number(arg), gc)));
} else {
  console.error("usage: node-entry crypto <n> | merkle <n>");
  process.exit(2);
}
