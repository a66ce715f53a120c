/**
 * The devnet chain's SQLite schema and its migrations. `PRAGMA user_version` is not available in
 * Durable Objects, so applied versions are recorded in a table of our own and the constructor runs
 * the missing ones inside `blockConcurrencyWhile` (research §1.1).
 *
 * State that sessions read at past heights (apps, nodes) is versioned: one row per change, keyed by
 * the height from which it holds (`since_height`), `data = NULL` once unstaked. Claims, balances and
 * transactions are current state only. Amounts are TEXT: SQLite integers are doubles in JS.
 * @module
 */

/** Each entry upgrades the schema by one version; append, never edit. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE blocks (height INTEGER PRIMARY KEY, num_txs INTEGER NOT NULL, total_txs INTEGER NOT NULL);
   CREATE TABLE apps (address TEXT NOT NULL, since_height INTEGER NOT NULL, data TEXT, PRIMARY KEY (address, since_height)) WITHOUT ROWID;
   CREATE TABLE nodes (address TEXT NOT NULL, since_height INTEGER NOT NULL, data TEXT, PRIMARY KEY (address, since_height)) WITHOUT ROWID;
   CREATE TABLE accounts (address TEXT PRIMARY KEY, balance TEXT NOT NULL) WITHOUT ROWID;
   CREATE TABLE claims (
     from_address TEXT NOT NULL, app_public_key TEXT NOT NULL, chain TEXT NOT NULL, session_height TEXT NOT NULL,
     evidence_type INTEGER NOT NULL, expiration_height INTEGER NOT NULL, data TEXT NOT NULL,
     PRIMARY KEY (from_address, app_public_key, chain, session_height, evidence_type)) WITHOUT ROWID;
   CREATE INDEX claims_by_expiration ON claims (expiration_height);
   CREATE TABLE txs (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, hash TEXT NOT NULL UNIQUE, bytes_hex TEXT NOT NULL,
     signer TEXT NOT NULL, fee TEXT NOT NULL, claim_key TEXT,
     height INTEGER, idx INTEGER, code INTEGER, codespace TEXT, log TEXT);
   CREATE INDEX txs_by_height ON txs (height, idx);`,
];

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
