/**
 * The session-evidence object's SQLite schema and its migrations (`../sql-migrations.ts`).
 *
 * Designed for the bill, where rows written cost the most (research §1.2, §1.1 table):
 * - `relays` is `WITHOUT ROWID` with the row key as primary key and no other index, so an accepted
 *   relay writes exactly one row and a refused replay (`ON CONFLICT DO NOTHING`) none. The key
 *   (`shared/evidence/row-key.ts`) already orders rows by `upper`, the Merkle leaf order.
 * - `meta` is one row, written on the first accepted relay and when the object is sealed.
 * - `lifecycle` (version 2) is one row: the claimer's record of the session (`shared/claimer/record.ts`)
 *   as JSON, and what the session registry was last told. Written on state changes only, never by a
 *   reservation.
 *
 * The schema is created on the first write, not when the object starts, so reading an object that
 * never stored anything, or one that `clear()` emptied, leaves no storage behind.
 * @module
 */

import { hasSchema, migrate as applyMigrations } from "../sql-migrations.js";

/** Each entry upgrades the schema by one version; append, never edit. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE relays (key BLOB PRIMARY KEY, proof TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE meta (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     servicer_pub_key TEXT, app_pub_key TEXT, chain TEXT, session_height TEXT,
     max_relays TEXT, created_at INTEGER,
     sealed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;`,
  `CREATE TABLE lifecycle (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     record TEXT, reported_version INTEGER, reported_relays INTEGER) WITHOUT ROWID;`,
];

/** Applies the evidence migrations `sql` has not seen yet; returns the schema version. */
export function migrate(sql: SqlStorage): number {
  return applyMigrations(sql, MIGRATIONS);
}

export { hasSchema };
