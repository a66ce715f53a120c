/**
 * CPU time and memory of the workerd process a benchmark's Miniflare started, from Linux `/proc`: its
 * user + system CPU milliseconds (steadier than wall time on a shared machine), its resident set, and
 * the growth of its peak resident set during a call (`VmHWM`, reset through `clear_refs`). The peak
 * includes SQLite's page cache and everything else the call touched, so it bounds the isolate's share
 * from above.
 * @module
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

/** The workerd process Miniflare started (a child of this process). */
export function workerdPid(): number {
  const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
  const line = out.split("\n").find((l) => /workerd/.test(l));
  if (!line) throw new Error(`no workerd child process found:\n${out}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/** Resident and peak resident set of `pid` in MB. */
export function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

/** Runs `call` and reports the growth of the process's peak RSS over its RSS before. */
export async function peak<T>(pid: number, call: () => Promise<T>): Promise<{ result: T; peakMB: number }> {
  writeFileSync(`/proc/${pid}/clear_refs`, "5"); // resets VmHWM to the current RSS
  const before = memory(pid).rss;
  const result = await call();
  return { result, peakMB: Math.max(0, memory(pid).hwm - before) };
}

/** User + system CPU milliseconds `pid` has used (USER_HZ = 100 on every Linux this runs on). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
