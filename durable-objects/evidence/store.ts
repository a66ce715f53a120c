/**
 * The SQL of the session-evidence object (schema in `schema.ts`). Every method is synchronous, as SQL
 * in a Durable Object is, and consumes its cursor before returning, so callers can group calls with
 * no `await` in between and get them atomically.
 * @module
 */
import type { LifecycleRecord } from "../../shared/claimer/record.js";
import type { EvidenceHeader, EvidenceRow } from "../../shared/evidence/api.js";

/** What `meta` records about the session. */
export interface EvidenceMeta {
  readonly header: EvidenceHeader | null;
  readonly maxRelays: string | null;
  readonly createdAt: number | null;
  readonly sealed: boolean;
}

export const EMPTY_META: EvidenceMeta = { header: null, maxRelays: null, createdAt: null, sealed: false };

/** One page of rows and where the next one starts (`null`: no more rows). */
export interface RelayPage {
  readonly rows: EvidenceRow[];
  readonly next: Uint8Array | null;
}

type MetaRow = {
  servicer_pub_key: string | null;
  app_pub_key: string | null;
  chain: string | null;
  session_height: string | null;
  max_relays: string | null;
  created_at: number | null;
  sealed: number;
};

/** What the session registry was last told: the record's version and the relay count. */
export interface Reported {
  readonly version: number;
  readonly relays: number;
}

export class EvidenceStore {
  constructor(private readonly sql: SqlStorage) {}

  readMeta(): EvidenceMeta {
    const row = this.sql.exec<MetaRow>("SELECT * FROM meta WHERE id = 1").toArray()[0];
    if (!row) return EMPTY_META;
    const header =
      row.servicer_pub_key === null
        ? null
        : { servicerPubKey: row.servicer_pub_key, appPubKey: row.app_pub_key!, chain: row.chain!, sessionHeight: row.session_height! };
    return { header, maxRelays: row.max_relays, createdAt: row.created_at, sealed: row.sealed !== 0 };
  }

  /** Records the session (first accepted relay): one row written. */
  writeSession(header: EvidenceHeader, maxRelays: string, createdAt: number): void {
    this.sql.exec(
      `INSERT INTO meta (id, servicer_pub_key, app_pub_key, chain, session_height, max_relays, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET servicer_pub_key = excluded.servicer_pub_key, app_pub_key = excluded.app_pub_key, chain = excluded.chain,
         session_height = excluded.session_height, max_relays = excluded.max_relays, created_at = excluded.created_at`,
      header.servicerPubKey,
      header.appPubKey,
      header.chain,
      header.sessionHeight,
      maxRelays,
      createdAt,
    );
  }

  markSealed(): void {
    this.sql.exec("INSERT INTO meta (id, sealed) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET sealed = 1");
  }

  countRelays(): number {
    return Number(this.sql.exec("SELECT COUNT(*) AS n FROM relays").one().n);
  }

  /**
   * Stores a relay unless its key is already there; true when it was stored. The conflict check and
   * the insert are one statement, and a refused replay writes no row (research §1.1).
   */
  insertRelay(key: Uint8Array, proof: string): boolean {
    const cursor = this.sql.exec("INSERT INTO relays (key, proof) VALUES (?, ?) ON CONFLICT DO NOTHING", key, proof);
    cursor.toArray();
    return cursor.rowsWritten > 0;
  }

  hasRelay(key: Uint8Array): boolean {
    return this.sql.exec("SELECT 1 FROM relays WHERE key = ?", key).toArray().length > 0;
  }

  /** Every row key in key order (the Merkle leaf order), read lazily from the cursor. */
  *sortedKeys(): Generator<Uint8Array> {
    for (const [key] of this.sql.exec<{ key: ArrayBuffer }>("SELECT key FROM relays ORDER BY key").raw()) yield new Uint8Array(key as ArrayBuffer);
  }

  /** The proof text of the row at `index` in key order. */
  proofAt(index: number): string | undefined {
    const row = this.sql.exec<{ proof: string }>("SELECT proof FROM relays ORDER BY key LIMIT 1 OFFSET ?", index).toArray()[0];
    return row?.proof;
  }

  /** Deletes every stored relay (each deleted row is billed as a row written). */
  dropRelays(): void {
    this.sql.exec("DELETE FROM relays");
  }

  readLifecycle(): { record: LifecycleRecord | null; reported: Reported | null } {
    const row = this.sql.exec<{ record: string | null; reported_version: number | null; reported_relays: number | null }>("SELECT * FROM lifecycle WHERE id = 1").toArray()[0];
    if (!row) return { record: null, reported: null };
    return {
      record: row.record === null ? null : (JSON.parse(row.record) as LifecycleRecord),
      reported: row.reported_version === null ? null : { version: row.reported_version, relays: row.reported_relays ?? 0 },
    };
  }

  saveLifecycle(record: LifecycleRecord): void {
    this.sql.exec("INSERT INTO lifecycle (id, record) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET record = excluded.record", JSON.stringify(record));
  }

  saveReported(reported: Reported): void {
    this.sql.exec(
      "INSERT INTO lifecycle (id, reported_version, reported_relays) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET reported_version = excluded.reported_version, reported_relays = excluded.reported_relays",
      reported.version,
      reported.relays,
    );
  }

  /** Up to `limit` rows with keys strictly after `after`, in key order. */
  pageRelays(after: Uint8Array | null, limit: number): RelayPage {
    // One row past the page tells whether another page follows.
    const cursor =
      after === null
        ? this.sql.exec<{ key: ArrayBuffer; proof: string }>("SELECT key, proof FROM relays ORDER BY key LIMIT ?", limit + 1)
        : this.sql.exec<{ key: ArrayBuffer; proof: string }>("SELECT key, proof FROM relays WHERE key > ? ORDER BY key LIMIT ?", after, limit + 1);
    const rows = cursor.toArray().map((row) => ({ key: new Uint8Array(row.key), proof: row.proof }));
    const more = rows.length > limit;
    if (more) rows.pop();
    return { rows, next: more ? rows[rows.length - 1].key : null };
  }
}
