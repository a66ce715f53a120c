// Node side of `npm run bench:protocol`: `crypto <n>` prints crypto rows as JSON.
import { runCryptoBench } from "./crypto-cases.js";

const [what, arg] = process.argv.slice(2);
if (what === "crypto") {
  const cpu0 = process.cpuUsage();
  const rows = await runCryptoBench(Number(arg));
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ rows, cpuMs: (cpu.user + cpu.system) / 1000 }));
} else {
  console.error("usage: node-entry crypto <n>");
  process.exit(2);
}
