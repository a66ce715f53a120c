/**
 * The session-evidence object's SQLite schema and its migrations, recorded in a table of our own
 * (`PRAGMA user_version` is not available in Durable Objects, research §1.1).
 *
 * Designed for the bill, where rows written cost the most (research §1.2, §1.1 table):
 * - `relays` is `WITHOUT ROWID` with the row key as primary key and no other index, so an accepted
 *   relay writes exactly one row and a refused replay (`ON CONFLICT DO NOTHING`) none. The key
 *   (`shared/evidence/row-key.ts`) already orders rows by `upper`, the Merkle leaf order.
 * - `meta` is one row, written on the first accepted relay and when the object is sealed.
 *
 * The schema is created on the first write, not when the object starts, so reading an object that
 * never stored anything, or one that `clear()` emptied, leaves no storage behind.
 * @module
 */

/** Each entry upgrades the schema by one version; append, never edit. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE relays (key BLOB PRIMARY KEY, proof TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE meta (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     servicer_pub_key TEXT, app_pub_key TEXT, chain TEXT, session_height TEXT,
     max_relays TEXT, created_at INTEGER,
     sealed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;`,
];

/** True once the object has stored anything (the migrations table exists). */
export function hasSchema(sql: SqlStorage): boolean {
  return sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").toArray().length > 0;
}

/** Applies the migrations `sql` has not seen yet; returns the schema version. */
export function migrate(sql: SqlStorage): number {
  sql.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const applied = Number(sql.exec("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").one().v);
  for (let version = applied + 1; version <= MIGRATIONS.length; version++) {
    sql.exec(MIGRATIONS[version - 1]);
    sql.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", version, new Date().toISOString());
  }
  return MIGRATIONS.length;
}
