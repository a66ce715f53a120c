/**
 * CPU time per process from `/proc` (Linux only; elsewhere a snapshot is empty and the benchmark
 * prints no CPU table). On a 2-core machine a Worker under `wrangler dev` is CPU-bound long before
 * it is latency-bound, so CPU milliseconds per request, by process, is what explains a throughput
 * ratio, and it is steadier than wall time on a shared, noisy machine.
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";

/**
 * A process to account for. With `port` it is a `wrangler dev` and its whole tree counts, split into
 * wrangler's Node processes, the workerd whose entry socket is `port` (wrangler's proxy in front of
 * the Worker) and the workerd running the Worker and its Durable Objects. Without, only itself counts.
 */
export interface WatchedRoot {
  /** What it is: `bench`, `relay`, `devnet`, `proxy-static`, … */
  readonly instance: string;
  readonly pid: number;
  readonly port?: number;
}

/** A process's CPU milliseconds (user + system), keyed by pid, with its `instance/part`. */
export type CpuSnapshot = ReadonlyMap<number, { readonly key: string; readonly ms: number }>;

// USER_HZ: 100 on every Linux this runs on; Node has no sysconf to ask.
const TICK_MS = 10;
const parts = new Map<number, string>();

/**
 * Every process under `roots` now, re-found each time: `wrangler dev` restarts its workerd when it
 * reloads, and the new one must be counted.
 */
export function cpuSnapshot(roots: readonly WatchedRoot[]): CpuSnapshot {
  const stats = new Map<number, { ppid: number; ms: number }>();
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        // Fields after "(comm)", which may itself hold spaces: ppid is field 4, utime 14, stime 15.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        stats.set(Number(entry), { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
      } catch {
        // exited meanwhile
      }
    }
  } catch {
    return new Map();
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const snapshot = new Map<number, { key: string; ms: number }>();
  for (const root of roots) {
    const walk = (pid: number) => {
      const stat = stats.get(pid);
      if (!stat) return;
      snapshot.set(pid, { key: `${root.instance}/${root.port === undefined ? "process" : partOf(pid, root.port)}`, ms: stat.ms });
      if (root.port !== undefined) for (const child of children.get(pid) ?? []) walk(child);
    };
    walk(root.pid);
  }
  return snapshot;
}

/** CPU milliseconds by `instance/part` between two snapshots, over the processes alive in both. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const used = new Map<string, number>();
  for (const [pid, now] of after) {
    const then = before.get(pid);
    if (then) used.set(now.key, (used.get(now.key) ?? 0) + now.ms - then.ms);
  }
  return used;
}

function partOf(pid: number, port: number): string {
  let part = parts.get(pid);
  if (part === undefined) {
    let cmdline = "";
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    } catch {
      // exited meanwhile
    }
    part = !/\bworkerd\b/.test(cmdline) ? "wrangler" : cmdline.includes(`--socket-addr=entry=127.0.0.1:${port} `) ? "entry" : "worker";
    parts.set(pid, part);
  }
  return part;
}
