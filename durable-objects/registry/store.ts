/**
 * The SQL of the session registry (schema in `schema.ts`). Synchronous, as SQL in a Durable Object is;
 * callers group calls in `transactionSync`.
 * @module
 */
import { isTerminal } from "../../shared/claimer/record.js";
import { contribution, COUNTER_NAMES, zeroCounters, type ClaimerCounters, type SessionReport } from "../../shared/claimer/report.js";
import type { CountersJSON } from "./api.js";

export class RegistryStore {
  constructor(private readonly sql: SqlStorage) {}

  report(name: string): SessionReport | undefined {
    const row = this.sql.exec<{ report: string }>("SELECT report FROM sessions WHERE name = ?", name).toArray()[0];
    return row ? (JSON.parse(row.report) as SessionReport) : undefined;
  }

  /**
   * Stores `report` unless the stored one is newer (a late report), and adds the change of the
   * session's counter contribution. False when the stored report is newer.
   */
  upsert(report: SessionReport, now: number): boolean {
    const old = this.report(report.name);
    if (old && old.version > report.version) return false;
    this.sql.exec(
      `INSERT INTO sessions (name, session_height, state, terminal, version, updated_at, report) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET state = excluded.state, terminal = excluded.terminal, version = excluded.version,
         updated_at = excluded.updated_at, report = excluded.report`,
      report.name,
      report.sessionHeight,
      report.state,
      isTerminal(report.state) ? 1 : 0,
      report.version,
      now,
      JSON.stringify(report),
    );
    this.addToTotals(contribution(report), contribution(old));
    return true;
  }

  private addToTotals(added: ClaimerCounters, removed: ClaimerCounters): void {
    const totals = this.totals();
    for (const name of COUNTER_NAMES) {
      const delta = BigInt(added[name]) - BigInt(removed[name]);
      if (delta === 0n) continue;
      const value = BigInt(totals[name]) + delta;
      this.sql.exec("INSERT INTO totals (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value", name, value.toString());
    }
  }

  totals(): CountersJSON {
    const counters: Record<string, number | string> = {};
    const zero = zeroCounters();
    for (const name of COUNTER_NAMES) counters[name] = name === "tokensEarned" ? "0" : Number(zero[name]);
    for (const row of this.sql.exec<{ name: string; value: string }>("SELECT name, value FROM totals")) {
      counters[row.name] = row.name === "tokensEarned" ? row.value : Number(row.value);
    }
    return counters as unknown as CountersJSON;
  }

  /** Non-terminal sessions, least recently ticked first, then the oldest; marked ticked at `now`. */
  due(limit: number, now: number): string[] {
    const names = this.sql
      .exec<{ name: string }>("SELECT name FROM sessions WHERE terminal = 0 ORDER BY ticked_at, session_height, name LIMIT ?", limit)
      .toArray()
      .map((r) => r.name);
    for (const name of names) this.sql.exec("UPDATE sessions SET ticked_at = ? WHERE name = ?", now, name);
    return names;
  }

  list(limit: number, state: string | undefined): SessionReport[] {
    const rows =
      state === undefined
        ? this.sql.exec<{ report: string }>("SELECT report FROM sessions ORDER BY session_height DESC, name LIMIT ?", limit)
        : this.sql.exec<{ report: string }>("SELECT report FROM sessions WHERE state = ? ORDER BY session_height DESC, name LIMIT ?", state, limit);
    return rows.toArray().map((r) => JSON.parse(r.report) as SessionReport);
  }

  states(): Record<string, number> {
    const states: Record<string, number> = {};
    for (const row of this.sql.exec<{ state: string; n: number }>("SELECT state, COUNT(*) AS n FROM sessions GROUP BY state")) states[row.state] = Number(row.n);
    return states;
  }

  forget(name: string): boolean {
    return this.sql.exec("DELETE FROM sessions WHERE name = ? RETURNING name", name).toArray().length > 0;
  }

  prune(before: number): number {
    return this.sql.exec("DELETE FROM sessions WHERE terminal = 1 AND updated_at < ? RETURNING name", before).toArray().length;
  }
}
