/**
 * Schema migrations of a SQLite-backed Durable Object, recorded in a table of its own
 * (`PRAGMA user_version` is not available in Durable Objects, research §1.1).
 * @module
 */

/** True once the object has stored anything (the migrations table exists). */
export function hasSchema(sql: SqlStorage): boolean {
  return sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").toArray().length > 0;
}

/**
 * Applies the entries of `migrations` (each upgrades the schema by one version; append, never edit)
 * that `sql` has not seen yet; returns the schema version. Run it inside `transactionSync`.
 */
export function migrate(sql: SqlStorage, migrations: readonly string[]): number {
  sql.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const applied = Number(sql.exec("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").one().v);
  for (let version = applied + 1; version <= migrations.length; version++) {
    sql.exec(migrations[version - 1]);
    sql.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", version, new Date().toISOString());
  }
  return migrations.length;
}
