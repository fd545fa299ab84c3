import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource, EntityManager, IsNull, LessThan } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { AuditHashedContent, GENESIS_DIGEST, computeEntryDigest, hashedPayloadAround } from './audit-hash';
import { canonicalJson } from './canonical-json';
import { assertNoSecrets } from './secret-guard';
import type { AuditedAs } from '@app/common';
import { StatementPart, afterPart, preparedQuery } from '@app/database';

/** Who did it: a user (`id` when known, `role` always, e.g. 'admin', 'anonymous') or the system itself. */
export type AuditActor = AuditedAs;

export interface AuditEntryInput {
  actor: AuditActor;
  /** What happened, dotted and past tense: 'auth.login.succeeded', 'agency.license.suspended'. */
  action: string;
  /** What it happened to: 'user', 'agency', 'case'. */
  subjectType: string;
  subjectId?: string | null;
  /** What changed, e.g. `{ status: { from: 'draft', to: 'filed' } }`. Never secrets (refused). */
  changes?: Record<string, unknown>;
  /** The request's or job's correlation id, to join the entry with its log lines. */
  correlationId?: string | null;
  /** Independent chain to append to; 'main' unless a volume of entries deserves its own. */
  chain?: string;
}

const HASH_PATTERN = '^[0-9a-f]{64}$';

/** An audit entry as others see it (never the entity). `seq` is a decimal string: the column is a bigint. */
export class AuditEntryView implements AuditHashedContent {
  @ApiProperty({
    pattern: '^[1-9][0-9]{0,18}$',
    example: '18342',
    description: 'Position in the log: a bigint as a decimal string, increasing (gaps are normal: a rolled-back transaction uses a number).',
  })
  seq: string;

  @ApiProperty({ example: 'main', description: 'The chain the entry belongs to (`main` unless a module keeps its own, e.g. `complaints`, `deadlines-3`).' })
  chain: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T08:15:00.123Z', description: 'When, UTC, with milliseconds.' })
  occurredAt: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user who acted; null for the system and for anonymous callers.' })
  actorId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'admin', description: 'The role they acted in, `system` or `anonymous`.' })
  actorRole: string | null;

  @ApiProperty({ example: 'user.roles.changed', description: 'What happened: dotted, past tense.' })
  action: string;

  @ApiProperty({ example: 'user', description: 'What it happened to: `user`, `agency`, `case`, `session`, ...' })
  subjectType: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '3b241101-e2bb-4255-8caf-4136c566a962',
    description: 'Its id (a uuid, a case reference, a code); null when there is none.',
  })
  subjectId: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { roles: { from: ['inspector'], to: ['supervisor'] } },
    description: 'What changed, as the action records it (free-form JSON per action; never secrets).',
  })
  changes: Record<string, unknown>;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '5f0c1f1e-8a59-4c1e-9d7e-3b2f0d1c9a11',
    description: "The request's `X-Request-Id` or the job's id; null when none.",
  })
  correlationId: string | null;

  @ApiProperty({ pattern: HASH_PATTERN, description: 'The hash of the entry before it in the same chain (64 zeros for the first).' })
  prevHash: string;

  @ApiProperty({
    pattern: HASH_PATTERN,
    description: 'Lower-case hex SHA-256 of `prevHash` followed by the canonical JSON of the hashed fields (docs/audit.md).',
  })
  hash: string;
}

export interface AuditHead {
  chain: string;
  seq: string;
  hash: string;
}

export interface AuditHistoryOptions {
  /** At most this many entries (default 50, at most 500). */
  limit?: number;
  /** Only entries older than this `seq` (keyset pagination: pass the last `seq` of the previous page). */
  before?: string;
}

/** What to look for in the whole log (every field optional; all given must hold). */
export interface AuditSearch extends AuditHistoryOptions {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  /** An action (`complaint.accepted`) or a dotted prefix of actions (`complaint` finds `complaint.*`). */
  action?: string;
  /** Entries that occurred at or after this instant. */
  from?: Date;
  /** Entries that occurred before this instant. */
  to?: Date;
}

export const DEFAULT_CHAIN = 'main';
const HISTORY_LIMIT_DEFAULT = 50;
const HISTORY_LIMIT_MAX = 500;

/**
 * The append-only, hash-chained audit log. Each entry's hash covers its contents and the hash of
 * the entry before it in the same chain, so changing, removing, inserting or reordering any entry
 * breaks the chain from that point (`verifyChain` finds where). docs/audit.md has the details.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends an entry in the caller's transaction: pass the EntityManager of the transaction that
   * makes the change being recorded, so the change and its audit entry commit (or roll back)
   * together. Called with a manager outside any transaction, it runs in a transaction of its own.
   *
   * Appends to one chain are serialised by a transaction-scoped advisory lock, which is held
   * until the caller's transaction ends: call `append` as late as possible in the transaction
   * (after the other writes and any slow work), or every other writer of the chain waits for it.
   *
   * The transaction should be READ COMMITTED (the default): the head of the chain is read after
   * the lock is taken, and only READ COMMITTED sees a head committed meanwhile. Under REPEATABLE
   * READ or SERIALIZABLE a concurrent append makes this one fail (a serialisation failure, or the
   * head trigger's refusal of an entry that does not link to the head: the chain never forks);
   * retry the transaction then.
   *
   * Throws, before touching the database, on a malformed entry or on `changes` holding a key that
   * looks like a secret (AuditSecretError): those are programming errors.
   */
  async append(manager: EntityManager, entry: AuditEntryInput): Promise<AuditEntryView> {
    const prepared = prepareEntry(entry);
    if (!manager.queryRunner?.isTransactionActive) return manager.transaction((m) => insertEntry(m, prepared));
    return insertEntry(manager, prepared);
  }

  /**
   * The INSERT of append(), for a statement that writes more than the entry (filing a complaint
   * writes its case and the entry in one statement: composeStatement). The same checks, lock and
   * hash, a chain's first entry included (audit_chain_lock); the chain's lock is held to the end of
   * that statement's transaction. `after`: a CTE of that statement to run before the chain is locked.
   */
  appendPart(entry: AuditEntryInput, after?: string): StatementPart {
    return { sql: appendPartSql(after), values: appendValues(prepareEntry(entry)) };
  }

  /**
   * Appends several entries to one chain in the caller's transaction, in the given order, with one
   * lock, one read of the head and one INSERT: for jobs that record hundreds of changes at once.
   * Every entry must name the same chain (or none: 'main').
   */
  async appendMany(manager: EntityManager, entries: AuditEntryInput[]): Promise<AuditEntryView[]> {
    if (!entries.length) return [];
    const prepared = entries.map(prepareEntry);
    if (new Set(prepared.map((e) => e.chain)).size > 1) throw new TypeError('audit: appendMany takes entries of one chain');
    if (!manager.queryRunner?.isTransactionActive) return manager.transaction((m) => insertEntries(m, prepared));
    return insertEntries(manager, prepared);
  }

  /** The entries about one subject, newest first. */
  async historyOf(subjectType: string, subjectId: string | null, options: AuditHistoryOptions = {}): Promise<AuditEntryView[]> {
    const limit = options.limit ?? HISTORY_LIMIT_DEFAULT;
    if (!Number.isInteger(limit) || limit < 1 || limit > HISTORY_LIMIT_MAX) {
      throw new RangeError(`audit: limit must be an integer from 1 to ${HISTORY_LIMIT_MAX}`);
    }
    if (options.before !== undefined && !/^[1-9]\d{0,18}$/.test(options.before)) {
      throw new RangeError('audit: before must be a seq (a positive integer, as a string)');
    }
    const rows = await this.dataSource.getRepository(AuditEntry).find({
      where: {
        subjectType,
        subjectId: subjectId ?? IsNull(),
        ...(options.before !== undefined ? { seq: LessThan(options.before) } : {}),
      },
      order: { seq: 'DESC' },
      take: limit,
    });
    return rows.map(toView);
  }

  /**
   * Entries matching every given criterion, across all chains, newest first; keyset-paginated by
   * `seq` like historyOf. The actor and the action have indexes of their own (ix_audit_log_actor,
   * ix_audit_log_action), the subject its (ix_audit_log_subject); a search on time alone walks the
   * log backwards from `before`.
   */
  async search(criteria: AuditSearch): Promise<AuditEntryView[]> {
    const limit = criteria.limit ?? HISTORY_LIMIT_DEFAULT;
    if (!Number.isInteger(limit) || limit < 1 || limit > HISTORY_LIMIT_MAX)
      throw new RangeError(`audit: limit must be an integer from 1 to ${HISTORY_LIMIT_MAX}`);
    if (criteria.before !== undefined && !/^[1-9]\d{0,18}$/.test(criteria.before))
      throw new RangeError('audit: before must be a seq (a positive integer, as a string)');
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('e');
    if (criteria.subjectType) qb.andWhere('e.subject_type = :subjectType', { subjectType: criteria.subjectType });
    if (criteria.subjectId) qb.andWhere('e.subject_id = :subjectId', { subjectId: criteria.subjectId });
    if (criteria.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: criteria.actorId });
    if (criteria.action) {
      // A dotted prefix: `complaint` finds `complaint` and `complaint.*` (LIKE's wildcards escaped).
      const prefix = criteria.action.replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere(`(e.action = :action OR e.action LIKE :prefix ESCAPE '\\')`, { action: criteria.action, prefix: `${prefix}.%` });
    }
    if (criteria.from) qb.andWhere('e.occurred_at >= :from', { from: criteria.from });
    if (criteria.to) qb.andWhere('e.occurred_at < :to', { to: criteria.to });
    if (criteria.before !== undefined) qb.andWhere('e.seq < :before', { before: criteria.before });
    const rows = await qb.orderBy('e.seq', 'DESC').take(limit).getMany();
    return rows.map(toView);
  }

  /**
   * The latest entry of a chain ({seq, hash}), or null for an empty chain. Publishing or
   * recording it outside the database (a signed report, another system, paper) anchors the
   * chain: nobody can later rewrite the history up to that entry without the anchor disagreeing.
   */
  async headOf(chain: string = DEFAULT_CHAIN): Promise<AuditHead | null> {
    const row = await this.dataSource.getRepository(AuditEntry).findOne({
      select: { seq: true, hash: true },
      where: { chain },
      order: { seq: 'DESC' },
    });
    return row ? { chain, seq: row.seq, hash: row.hash.toString('hex') } : null;
  }
}

type PreparedEntry = Omit<AuditHashedContent, 'occurredAt'>;

const nonEmpty = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`audit: ${name} must be a non-empty string`);
  return value;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Postgres prints uuids in lower case: hash what will be read back.
const uuidOrNull = (value: string | null | undefined): string | null => {
  if (value == null) return null;
  if (typeof value !== 'string' || !UUID.test(value)) throw new TypeError('audit: actor.id must be a uuid');
  return value.toLowerCase();
};

/** Validates and normalises an entry to exactly what is stored and hashed. */
function prepareEntry(entry: AuditEntryInput): PreparedEntry {
  const actor = entry.actor === 'system' ? { id: undefined, role: 'system' } : entry.actor;
  if (!actor || typeof actor !== 'object') throw new TypeError(`audit: actor must be 'system' or { id?, role }`);
  const changes = entry.changes ?? {};
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) {
    throw new TypeError('audit: changes must be an object');
  }
  // Stored and hashed in its JSON form, so what is re-read from jsonb hashes the same
  // (Dates become ISO strings, undefined members disappear; NaN, bigint, cycles throw).
  const normalisedChanges = JSON.parse(canonicalJson(changes)) as Record<string, unknown>;
  assertNoSecrets(normalisedChanges);
  const optional = (value: string | null | undefined, name: string) => (value == null ? null : nonEmpty(value, name));
  return {
    chain: nonEmpty(entry.chain ?? DEFAULT_CHAIN, 'chain'),
    actorId: uuidOrNull(actor.id),
    actorRole: nonEmpty(actor.role, 'actor.role'),
    action: nonEmpty(entry.action, 'action'),
    subjectType: nonEmpty(entry.subjectType, 'subjectType'),
    subjectId: optional(entry.subjectId, 'subjectId'),
    changes: normalisedChanges,
    correlationId: optional(entry.correlationId, 'correlationId'),
  };
}

/**
 * Makes this transaction the chain's only writer until it ends, and returns the hash to link to.
 * One statement in the usual case: the chain's recorded head row (audit_chain_head, advanced by a
 * trigger on every insert) locked FOR UPDATE. Under READ COMMITTED a writer that waited for the
 * lock reads the head as the previous writer committed it. A chain's first entry has no head row
 * to lock yet: a transaction-scoped advisory lock on the chain's name stands in, and the head is
 * read again after it (a writer that got there first has committed its row by then).
 */
async function lockChain(manager: EntityManager, chain: string): Promise<Buffer> {
  const head = `SELECT hash FROM audit_chain_head WHERE chain = $1 FOR UPDATE`;
  let rows = (await preparedQuery(manager, head, [chain])) as { hash: Buffer }[];
  if (!rows.length) {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))`, [chain]);
    rows = (await preparedQuery(manager, head, [chain])) as { hash: Buffer }[];
  }
  return rows[0]?.hash ?? GENESIS_DIGEST;
}

// Milliseconds, as JS keeps them and the verifier re-reads them (toISOString's form).
const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * One statement for an entry: its chain's head hash read under the chain's lock (`head`, a CTE
 * answering `prev_hash`), then the time (after the lock, so it follows the chain order on one
 * clock), then the entry, its hash computed by Postgres as computeEntryDigest does (SHA-256,
 * stored as its 32 bytes, of the UTF-8 of prevHash in lowercase hex and the payload, the time set
 * into the payload's two parts: hashedPayloadAround).
 */
const appendWith = (head: string) => `
  WITH head AS (${head}),
       t AS (SELECT head.prev_hash, date_trunc('milliseconds', clock_timestamp()) AS at FROM head),
       e AS (SELECT prev_hash, at, to_char(at AT TIME ZONE 'UTC', ${ISO_MS}) AS at_text FROM t)
  INSERT INTO audit_log (chain, occurred_at, actor_id, actor_role, action, subject_type, subject_id, changes, correlation_id, prev_hash, hash)
  SELECT $1, e.at, $2, $3, $4, $5, $6, $7::jsonb, $8, e.prev_hash, sha256(convert_to(encode(e.prev_hash, 'hex') || $9::text || e.at_text || $10::text, 'UTF8'))
    FROM e
  RETURNING seq, encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash, to_char(occurred_at AT TIME ZONE 'UTC', ${ISO_MS}) AS occurred_at`;

/** append(): the head row locked FOR UPDATE. No row when the chain has no head yet (insertEntry then takes lockChain's way). */
const APPEND_AT_HEAD = appendWith(`SELECT hash AS prev_hash FROM audit_chain_head WHERE chain = $1 FOR UPDATE`);

/**
 * appendPart(): the chain locked by audit_chain_lock (migration 1796456900000), which does in SQL
 * what lockChain does (the head row FOR UPDATE; for a chain's first entry, the advisory lock on its
 * name, the head read again, else the genesis hash), so that the entry is always written by the
 * one statement it is part of. `after`: a CTE of that statement to run before the lock.
 */
const appendPartSql = (after?: string) => appendWith(`SELECT audit_chain_lock($1) AS prev_hash${after ? ` FROM ${afterPart(after)}` : ''}`);

/** The entry's values for appendWith, in its parameters' order. */
function appendValues(entry: PreparedEntry): unknown[] {
  const { before, after } = hashedPayloadAround(entry);
  return [
    entry.chain,
    entry.actorId,
    entry.actorRole,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    canonicalJson(entry.changes),
    entry.correlationId,
    before,
    after,
  ];
}

async function insertEntry(manager: EntityManager, entry: PreparedEntry): Promise<AuditEntryView> {
  const [appended] = (await preparedQuery(manager, APPEND_AT_HEAD, appendValues(entry))) as {
    seq: string;
    prev_hash: string;
    hash: string;
    occurred_at: string;
  }[];
  if (appended) return { seq: String(appended.seq), ...entry, occurredAt: appended.occurred_at, prevHash: appended.prev_hash, hash: appended.hash };
  // The chain's first entry: no head row to lock yet (lockChain's advisory lock stands in).
  const prevHash = await lockChain(manager, entry.chain);
  // Milliseconds, as JS keeps them: the timestamptz column stores them exactly, so verification
  // re-reads the same ISO string. Taken after the lock, so it follows the chain order on one clock.
  const content: AuditHashedContent = { ...entry, occurredAt: new Date().toISOString() };
  const hash = computeEntryDigest(prevHash, content);
  const inserted = (await preparedQuery(
    manager,
    `INSERT INTO audit_log (chain, occurred_at, actor_id, actor_role, action, subject_type, subject_id, changes, correlation_id, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)
     RETURNING seq`,
    [
      content.chain,
      content.occurredAt,
      content.actorId,
      content.actorRole,
      content.action,
      content.subjectType,
      content.subjectId,
      canonicalJson(content.changes),
      content.correlationId,
      prevHash,
      hash,
    ],
  )) as { seq: string }[];
  return { seq: String(inserted[0].seq), ...content, prevHash: prevHash.toString('hex'), hash: hash.toString('hex') };
}

async function insertEntries(manager: EntityManager, entries: PreparedEntry[]): Promise<AuditEntryView[]> {
  let prevHash = await lockChain(manager, entries[0].chain);
  const occurredAt = new Date().toISOString();
  const rows = entries.map((entry) => {
    const content: AuditHashedContent = { ...entry, occurredAt };
    const hash = computeEntryDigest(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  // One statement; ORDER BY ordinality makes the identity (seq) follow the chain order.
  const inserted = (await manager.query(
    `INSERT INTO audit_log (chain, occurred_at, actor_id, actor_role, action, subject_type, subject_id, changes, correlation_id, prev_hash, hash)
     SELECT chain, occurred_at, actor_id, actor_role, action, subject_type, subject_id, changes::jsonb, correlation_id, prev_hash, hash
       FROM unnest($1::text[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bytea[], $11::bytea[])
            WITH ORDINALITY AS t(chain, occurred_at, actor_id, actor_role, action, subject_type, subject_id, changes, correlation_id, prev_hash, hash, ord)
      ORDER BY ord
     RETURNING seq`,
    [
      col('chain'),
      col('occurredAt'),
      col('actorId'),
      col('actorRole'),
      col('action'),
      col('subjectType'),
      col('subjectId'),
      rows.map((r) => canonicalJson(r.changes)),
      col('correlationId'),
      col('prevHash'),
      col('hash'),
    ],
  )) as { seq: string }[];
  const seqs = inserted.map((r) => String(r.seq)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  return rows.map((r, i) => ({ seq: seqs[i], ...r, prevHash: r.prevHash.toString('hex'), hash: r.hash.toString('hex') }));
}

function toView(row: AuditEntry): AuditEntryView {
  return {
    seq: row.seq,
    chain: row.chain,
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorRole: row.actorRole,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    changes: row.changes,
    correlationId: row.correlationId,
    prevHash: row.prevHash.toString('hex'),
    hash: row.hash.toString('hex'),
  };
}
