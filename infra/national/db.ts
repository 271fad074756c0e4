import pg from 'pg';

/**
 * Storage of the national stand-in: its own PostgreSQL database, separate from any province's.
 * All SQL of the stand-in lives in this file.
 */

export type RecordKind = 'collection' | 'change' | 'transferImport';
export type TransferStatus = 'pending' | 'accepted' | 'refused';
export type TransferDirection = 'push' | 'pull';
export type EventStatus = 'pending' | 'delivered';

export type ArchiveRow = { archiveNo: string; ownerProvince: string; latestVersion: number; updatedAt: Date };
export type VersionRow = {
  archiveNo: string;
  version: number;
  province: string;
  kind: RecordKind;
  requestId: string;
  record: Record<string, unknown>;
  uploadedAt: Date;
};
export type AttachmentMeta = { attachmentId: string; kind: 'transferProof'; contentType: 'image/jpeg'; byteSize: number; sha256: string };
export type TransferRow = {
  transferId: string;
  direction: TransferDirection;
  archiveNo: string;
  fromProvince: string;
  toProvince: string;
  toDistrict: string | null;
  originRequestId: string | null;
  destinationRequestId: string | null;
  status: TransferStatus;
  reason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  attachments: AttachmentMeta[];
};
export type ProvinceRow = { province: string; callbackUrl: string; registeredAt: Date; updatedAt: Date };
export type OutboxRow = {
  eventId: string;
  province: string;
  type: string;
  payload: Record<string, unknown>;
  status: EventStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
};
export type StoredResponse = { fingerprint: string; status: number; body: unknown };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS provinces (
  province      text PRIMARY KEY,
  callback_url  text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per archive number: who owns it now and its newest version.
CREATE TABLE IF NOT EXISTS archives (
  archive_no     text PRIMARY KEY,
  owner_province text NOT NULL,
  latest_version integer NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS record_versions (
  archive_no  text NOT NULL REFERENCES archives (archive_no),
  version     integer NOT NULL,
  province    text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('collection', 'change', 'transferImport')),
  request_id  text NOT NULL,
  record      jsonb NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (archive_no, version)
);

CREATE TABLE IF NOT EXISTS transfers (
  transfer_id            text PRIMARY KEY,
  direction              text NOT NULL CHECK (direction IN ('push', 'pull')),
  archive_no             text NOT NULL REFERENCES archives (archive_no),
  from_province          text NOT NULL,
  to_province            text NOT NULL,
  to_district            text,
  origin_request_id      text,
  destination_request_id text,
  status                 text NOT NULL CHECK (status IN ('pending', 'accepted', 'refused')),
  reason                 text,
  created_at             timestamptz NOT NULL DEFAULT now(),
  decided_at             timestamptz
);
-- What the origin sent with a transfer (the transfer proof): described on the transfer, the bytes apart.
ALTER TABLE transfers ADD COLUMN IF NOT EXISTS attachments jsonb NOT NULL DEFAULT '[]';
CREATE TABLE IF NOT EXISTS transfer_attachments (
  attachment_id text PRIMARY KEY,
  transfer_id   text NOT NULL REFERENCES transfers (transfer_id),
  bytes         bytea NOT NULL
);

-- At most one open transfer per person.
CREATE UNIQUE INDEX IF NOT EXISTS transfers_one_pending ON transfers (archive_no) WHERE status = 'pending';

-- Successful responses by (acting province, Idempotency-Key), replayed on a repeated call.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope       text NOT NULL,
  key         text NOT NULL,
  fingerprint text NOT NULL,
  status      integer NOT NULL,
  body        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Events to provinces; written in the same transaction as the change they announce.
CREATE TABLE IF NOT EXISTS outbox (
  seq             bigserial UNIQUE,
  event_id        text PRIMARY KEY,
  province        text NOT NULL,
  type            text NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS outbox_by_province ON outbox (province, seq);
`;

// Serialises schema creation when several processes start on one database at once.
const SCHEMA_LOCK = 4_100_000_001;

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function databaseName(url: string): { name: string; maintenanceUrl: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`NATIONAL_DATABASE_URL names no database: ${u.protocol}//${u.host}`);
  u.pathname = '/postgres';
  return { name, maintenanceUrl: u.toString() };
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const { name, maintenanceUrl } = databaseName(url);
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (err) {
      // 42P04 duplicate_database: another process created it meanwhile.
      if ((err as { code?: string }).code !== '42P04') throw err;
    }
  } finally {
    await client.end();
  }
}

/** Drops a database (tests). */
export async function dropDatabase(url: string): Promise<void> {
  const { name, maintenanceUrl } = databaseName(url);
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

type Queryable = pg.Pool | pg.PoolClient;

const archiveCols = `archive_no AS "archiveNo", owner_province AS "ownerProvince", latest_version AS "latestVersion", updated_at AS "updatedAt"`;
const versionCols = `archive_no AS "archiveNo", version, province, kind, request_id AS "requestId", record, uploaded_at AS "uploadedAt"`;
const transferCols = `transfer_id AS "transferId", direction, archive_no AS "archiveNo", from_province AS "fromProvince",
  to_province AS "toProvince", to_district AS "toDistrict", origin_request_id AS "originRequestId",
  destination_request_id AS "destinationRequestId", status, reason, created_at AS "createdAt", decided_at AS "decidedAt", attachments`;
const provinceCols = `province, callback_url AS "callbackUrl", registered_at AS "registeredAt", updated_at AS "updatedAt"`;
const outboxCols = `event_id AS "eventId", province, type, payload, status, attempts, next_attempt_at AS "nextAttemptAt",
  last_attempt_at AS "lastAttemptAt", last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt"`;

/** Queries, bound either to the pool (single statements) or to one transaction's client. */
export class NationalQueries {
  constructor(protected readonly q: Queryable) {}

  private async one<T>(sql: string, params: unknown[]): Promise<T | null> {
    const res = await this.q.query(sql, params);
    return (res.rows[0] as T | undefined) ?? null;
  }

  private async many<T>(sql: string, params: unknown[]): Promise<T[]> {
    const res = await this.q.query(sql, params);
    return res.rows as T[];
  }

  // --- idempotency ---

  /** Holds a transaction-scoped lock on one key so that concurrent repeats wait for the first. */
  async lockIdempotencyKey(scope: string, key: string): Promise<void> {
    await this.q.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${scope}\n${key}`]);
  }

  getStoredResponse(scope: string, key: string): Promise<StoredResponse | null> {
    return this.one('SELECT fingerprint, status, body FROM idempotency_keys WHERE scope = $1 AND key = $2', [scope, key]);
  }

  async storeResponse(scope: string, key: string, fingerprint: string, status: number, body: unknown): Promise<void> {
    await this.q.query('INSERT INTO idempotency_keys (scope, key, fingerprint, status, body) VALUES ($1, $2, $3, $4, $5)', [
      scope,
      key,
      fingerprint,
      status,
      JSON.stringify(body),
    ]);
  }

  // --- provinces ---

  upsertProvince(province: string, callbackUrl: string): Promise<ProvinceRow | null> {
    return this.one(
      `INSERT INTO provinces (province, callback_url) VALUES ($1, $2)
       ON CONFLICT (province) DO UPDATE SET callback_url = EXCLUDED.callback_url, updated_at = now()
       RETURNING ${provinceCols}`,
      [province, callbackUrl],
    );
  }

  getProvince(province: string): Promise<ProvinceRow | null> {
    return this.one(`SELECT ${provinceCols} FROM provinces WHERE province = $1`, [province]);
  }

  // --- records ---

  /** Locks the archive row, creating it (owned by `province`, no version yet) when missing. */
  async lockOrCreateArchive(archiveNo: string, province: string): Promise<ArchiveRow> {
    await this.q.query(
      'INSERT INTO archives (archive_no, owner_province, latest_version) VALUES ($1, $2, 0) ON CONFLICT (archive_no) DO NOTHING',
      [archiveNo, province],
    );
    const row = await this.lockArchive(archiveNo);
    if (!row) throw new Error('archive row vanished inside its own transaction');
    return row;
  }

  lockArchive(archiveNo: string): Promise<ArchiveRow | null> {
    return this.one(`SELECT ${archiveCols} FROM archives WHERE archive_no = $1 FOR UPDATE`, [archiveNo]);
  }

  getArchive(archiveNo: string): Promise<ArchiveRow | null> {
    return this.one(`SELECT ${archiveCols} FROM archives WHERE archive_no = $1 AND latest_version > 0`, [archiveNo]);
  }

  getVersion(archiveNo: string, version: number): Promise<VersionRow | null> {
    return this.one(`SELECT ${versionCols} FROM record_versions WHERE archive_no = $1 AND version = $2`, [archiveNo, version]);
  }

  listVersions(archiveNo: string): Promise<VersionRow[]> {
    return this.many(`SELECT ${versionCols} FROM record_versions WHERE archive_no = $1 ORDER BY version`, [archiveNo]);
  }

  /** True when `record` equals the stored version (jsonb equality ignores key order). */
  async sameRecord(archiveNo: string, version: number, record: unknown): Promise<boolean> {
    const row = await this.one<{ same: boolean }>(
      'SELECT record = $3::jsonb AS same FROM record_versions WHERE archive_no = $1 AND version = $2',
      [archiveNo, version, JSON.stringify(record)],
    );
    return row?.same ?? false;
  }

  async insertVersion(v: {
    archiveNo: string;
    version: number;
    province: string;
    kind: RecordKind;
    requestId: string;
    record: unknown;
  }): Promise<VersionRow> {
    const row = await this.one<VersionRow>(
      `INSERT INTO record_versions (archive_no, version, province, kind, request_id, record) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${versionCols}`,
      [v.archiveNo, v.version, v.province, v.kind, v.requestId, JSON.stringify(v.record)],
    );
    await this.q.query('UPDATE archives SET latest_version = $2, updated_at = now() WHERE archive_no = $1', [v.archiveNo, v.version]);
    return row!;
  }

  async setOwner(archiveNo: string, province: string): Promise<void> {
    await this.q.query('UPDATE archives SET owner_province = $2, updated_at = now() WHERE archive_no = $1', [archiveNo, province]);
  }

  // --- transfers ---

  async insertTransfer(
    t: Omit<TransferRow, 'createdAt' | 'decidedAt' | 'reason' | 'attachments'>,
    attachments: (AttachmentMeta & { bytes: Buffer })[] = [],
  ): Promise<TransferRow> {
    const row = await this.one<TransferRow>(
      `INSERT INTO transfers (transfer_id, direction, archive_no, from_province, to_province, to_district,
         origin_request_id, destination_request_id, status, decided_at, attachments)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $9 = 'pending' THEN NULL ELSE now() END, $10)
       RETURNING ${transferCols}`,
      [
        t.transferId,
        t.direction,
        t.archiveNo,
        t.fromProvince,
        t.toProvince,
        t.toDistrict,
        t.originRequestId,
        t.destinationRequestId,
        t.status,
        JSON.stringify(attachments.map(({ bytes: _bytes, ...meta }) => meta)),
      ],
    );
    for (const a of attachments) {
      await this.q.query('INSERT INTO transfer_attachments (attachment_id, transfer_id, bytes) VALUES ($1, $2, $3)', [
        a.attachmentId,
        t.transferId,
        a.bytes,
      ]);
    }
    return row!;
  }

  async getAttachment(transferId: string, attachmentId: string): Promise<Buffer | null> {
    const row = await this.one<{ bytes: Buffer }>('SELECT bytes FROM transfer_attachments WHERE transfer_id = $1 AND attachment_id = $2', [
      transferId,
      attachmentId,
    ]);
    return row?.bytes ?? null;
  }

  getTransfer(transferId: string, opts: { forUpdate?: boolean } = {}): Promise<TransferRow | null> {
    return this.one(`SELECT ${transferCols} FROM transfers WHERE transfer_id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`, [transferId]);
  }

  getPendingTransfer(archiveNo: string): Promise<TransferRow | null> {
    return this.one(`SELECT ${transferCols} FROM transfers WHERE archive_no = $1 AND status = 'pending'`, [archiveNo]);
  }

  async decideTransfer(transferId: string, status: 'accepted' | 'refused', reason: string | null): Promise<TransferRow> {
    const row = await this.one<TransferRow>(
      `UPDATE transfers SET status = $2, reason = $3, decided_at = now() WHERE transfer_id = $1 RETURNING ${transferCols}`,
      [transferId, status, reason],
    );
    return row!;
  }

  // --- outbox ---

  async enqueueEvent(e: { eventId: string; province: string; type: string; payload: Record<string, unknown> }): Promise<void> {
    await this.q.query('INSERT INTO outbox (event_id, province, type, payload) VALUES ($1, $2, $3, $4) ON CONFLICT (event_id) DO NOTHING', [
      e.eventId,
      e.province,
      e.type,
      JSON.stringify(e.payload),
    ]);
  }

  listEvents(province: string, status?: EventStatus): Promise<OutboxRow[]> {
    return this.many(`SELECT ${outboxCols} FROM outbox WHERE province = $1 AND ($2::text IS NULL OR status = $2) ORDER BY seq`, [
      province,
      status ?? null,
    ]);
  }

  /** Makes a province's waiting events due now (it just registered or changed its callback). */
  async expeditePending(province: string): Promise<void> {
    await this.q.query("UPDATE outbox SET next_attempt_at = now() WHERE province = $1 AND status = 'pending'", [province]);
  }

  /**
   * Claims due events for one delivery attempt: the attempt is counted and the event leased
   * (pushed `leaseMs` into the future) so that a concurrent or crashed deliverer does not
   * send it twice at once; a crash simply lets the lease run out.
   */
  claimDueEvents(limit: number, leaseMs: number): Promise<(OutboxRow & { callbackUrl: string | null })[]> {
    return this.many(
      `WITH due AS (
         SELECT event_id FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE outbox o SET attempts = o.attempts + 1, last_attempt_at = now(),
           next_attempt_at = now() + $2 * interval '1 millisecond'
         FROM due WHERE o.event_id = due.event_id
         RETURNING o.*
       )
       SELECT c.event_id AS "eventId", c.province, c.type, c.payload, c.status, c.attempts,
         c.next_attempt_at AS "nextAttemptAt", c.last_attempt_at AS "lastAttemptAt", c.last_error AS "lastError",
         c.created_at AS "createdAt", c.delivered_at AS "deliveredAt", p.callback_url AS "callbackUrl"
       FROM claimed c LEFT JOIN provinces p ON p.province = c.province
       ORDER BY c.seq`,
      [limit, leaseMs],
    );
  }

  async markDelivered(eventId: string): Promise<void> {
    await this.q.query("UPDATE outbox SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE event_id = $1", [eventId]);
  }

  async markFailed(eventId: string, error: string, retryInMs: number): Promise<void> {
    await this.q.query(
      "UPDATE outbox SET last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond' WHERE event_id = $1 AND status = 'pending'",
      [eventId, error.slice(0, 1000), retryInMs],
    );
  }

  async ping(): Promise<void> {
    await this.q.query('SELECT 1');
  }
}

export class NationalDb extends NationalQueries {
  private constructor(private readonly pool: pg.Pool) {
    super(pool);
  }

  /** Opens the stand-in's database: creates it and its tables when missing. */
  static async open(url: string, opts: { max?: number } = {}): Promise<NationalDb> {
    await ensureDatabase(url);
    const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
    // An idle client that loses its connection must not crash the process.
    pool.on('error', () => {});
    const db = new NationalDb(pool);
    try {
      await db.migrate();
    } catch (err) {
      await pool.end();
      throw err;
    }
    return db;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
      try {
        await client.query(SCHEMA);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  /** Runs `fn` in one transaction; any throw rolls everything back. */
  async transaction<T>(fn: (q: NationalQueries) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new NationalQueries(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
