/**
 * The session registry's SQLite schema (`../sql-migrations.ts`).
 * - `sessions`: one row per session-evidence object, its last report as JSON plus the columns the cron
 *   selects on; the index serves `due` (non-terminal, least recently ticked first).
 * - `totals`: the operator counters, kept as decimal text (token sums may pass 2^53 upokt).
 * @module
 */

/** Each entry upgrades the schema by one version; append, never edit. */
export const REGISTRY_MIGRATIONS: readonly string[] = [
  `CREATE TABLE sessions (
     name TEXT PRIMARY KEY,
     session_height INTEGER NOT NULL,
     state TEXT NOT NULL,
     terminal INTEGER NOT NULL,
     version INTEGER NOT NULL,
     ticked_at INTEGER NOT NULL DEFAULT 0,
     updated_at INTEGER NOT NULL,
     report TEXT NOT NULL) WITHOUT ROWID;
   CREATE INDEX sessions_due ON sessions (terminal, ticked_at, session_height);
   CREATE TABLE totals (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;`,
];
