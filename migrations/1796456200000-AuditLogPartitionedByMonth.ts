import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23: audit_log partitioned by time, one partition per UTC month (`audit_log_y2026m12`)
 * and a DEFAULT partition (`audit_log_default`) so that an insert never fails for want of one.
 * docs/audit.md ("Partitioned by month") says what it buys and what it costs.
 *
 * The rows are copied into the new table under an ACCESS EXCLUSIVE lock on audit_log (their `seq`
 * kept, and the identity sequence's value, not just the highest seq: numbers used by rolled-back
 * appends are never handed out again); the old table is dropped and the indexes, the three triggers
 * and the grants are put back on the new one:
 *
 * - the row triggers (append-only, the head's advance) are cloned by Postgres to every partition,
 *   now and later; a TRUNCATE trigger is not, so each partition gets its own (audit_log_add_partition);
 * - the runtime role may read a partition (nothing it could not read through audit_log) and do
 *   nothing else to it: lcs_grant_runtime() now revokes the rest on every partition, and a new
 *   partition revokes what the default privileges grant it;
 * - uniqueness: Postgres accepts a unique index on a partitioned table only when it contains the
 *   partition key, and `(chain, prev_hash, occurred_at)` would refuse a fork only when both
 *   successors had the same millisecond. What refuses a fork now is the trigger that advances the
 *   head (audit_chain_head_advance): an entry must link to its chain's recorded head (or to the
 *   genesis hash when the chain has none), whatever the month. It already locked and rewrote the
 *   head row on every insert, so the check costs no index and no round trip; the unique index
 *   uq_audit_log_chain_prev_hash (14.6 MB per 200,000 entries) is not rebuilt. The head itself
 *   now moves only through that trigger (audit_chain_head_refuse_change), not by an UPDATE of its own;
 * - audit_log_ensure_partitions(months) (SECURITY DEFINER, owned by this migration's role) creates
 *   the partitions of the current month and the `months` after it; the worker calls it at start
 *   and daily (AuditPartitionsJob). The runtime role may execute it and nothing else of the kind.
 *
 * `down` does the reverse: one table again, the former unique index and head trigger back.
 */
export class AuditLogPartitionedByMonth1796456200000 implements MigrationInterface {
  name = 'AuditLogPartitionedByMonth1796456200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`LOCK TABLE "audit_log" IN ACCESS EXCLUSIVE MODE`);
    await setAside(queryRunner, 'audit_log_unpartitioned');
    await queryRunner.query(`CREATE TABLE "audit_log" (${COLUMNS}) PARTITION BY RANGE ("occurred_at")`);
    await queryRunner.query(ADD_PARTITION);
    await queryRunner.query(`REVOKE ALL ON FUNCTION "audit_log_add_partition"(date, regclass) FROM PUBLIC`);
    await queryRunner.query(ENSURE_PARTITIONS);
    await queryRunner.query(`REVOKE ALL ON FUNCTION "audit_log_ensure_partitions"(int) FROM PUBLIC`);
    await queryRunner.query(MOVE_FROM_DEFAULT);
    await queryRunner.query(`REVOKE ALL ON FUNCTION "audit_log_move_from_default"(date) FROM PUBLIC`);
    // A partition for every month from the oldest entry's to this one, the default, then three months ahead.
    await queryRunner.query(`
      DO $$
      DECLARE
        oldest date := (SELECT date_trunc('month', min(occurred_at) AT TIME ZONE 'UTC')::date FROM audit_log_unpartitioned);
        this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
      BEGIN
        WHILE oldest < this_month LOOP
          PERFORM audit_log_add_partition(oldest);
          oldest := (oldest + interval '1 month')::date;
        END LOOP;
        PERFORM audit_log_add_partition(NULL);
        PERFORM audit_log_ensure_partitions(3);
      END
      $$`);
    await queryRunner.query(`INSERT INTO "audit_log" (${NAMES}) OVERRIDING SYSTEM VALUE SELECT ${NAMES} FROM "audit_log_unpartitioned"`);
    await keepSequence(queryRunner, 'audit_log_unpartitioned');
    await queryRunner.query(`DROP TABLE "audit_log_unpartitioned"`);
    // Indexes after the copy (each is built once per partition); a unique index must hold the partition key.
    await queryRunner.query(`ALTER TABLE "audit_log" ADD CONSTRAINT "pk_audit_log" PRIMARY KEY ("seq", "occurred_at")`);
    await createIndexes(queryRunner);
    await createTriggers(queryRunner);
    await queryRunner.query(HEAD_ADVANCE_REFUSING_FORKS);
    await queryRunner.query(HEAD_MOVED_BY_APPENDS_ONLY);
    await queryRunner.query(GRANT_RUNTIME_WITH_PARTITIONS);
    await queryRunner.query(`SELECT "lcs_grant_runtime"()`);
    // Autovacuum analyses the partitions, never a partitioned table itself.
    await queryRunner.query(`ANALYZE "audit_log"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`LOCK TABLE "audit_log" IN ACCESS EXCLUSIVE MODE`);
    await setAside(queryRunner, 'audit_log_partitioned');
    await queryRunner.query(`CREATE TABLE "audit_log" (${COLUMNS})`);
    await queryRunner.query(
      `INSERT INTO "audit_log" (${NAMES}) OVERRIDING SYSTEM VALUE SELECT ${NAMES} FROM "audit_log_partitioned" ORDER BY "seq"`,
    );
    await keepSequence(queryRunner, 'audit_log_partitioned');
    await queryRunner.query(`DROP TABLE "audit_log_partitioned"`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD CONSTRAINT "pk_audit_log" PRIMARY KEY ("seq")`);
    await queryRunner.query(`ALTER TABLE "audit_log" ADD CONSTRAINT "uq_audit_log_chain_prev_hash" UNIQUE ("chain", "prev_hash")`);
    await createIndexes(queryRunner);
    await createTriggers(queryRunner);
    await queryRunner.query(HEAD_ADVANCE_BEFORE);
    await queryRunner.query(HEAD_FORWARD_ONLY_BEFORE);
    await queryRunner.query(GRANT_RUNTIME_BEFORE);
    await queryRunner.query(`DROP FUNCTION "audit_log_move_from_default"(date)`);
    await queryRunner.query(`DROP FUNCTION "audit_log_ensure_partitions"(int)`);
    await queryRunner.query(`DROP FUNCTION "audit_log_add_partition"(date, regclass)`);
    await queryRunner.query(`SELECT "lcs_grant_runtime"()`);
    await queryRunner.query(`ANALYZE "audit_log"`);
  }
}

const COLUMNS = `"seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "chain" text NOT NULL DEFAULT 'main', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "actor_id" uuid, "actor_role" text, "action" text NOT NULL, "subject_type" text NOT NULL, "subject_id" text, "changes" jsonb NOT NULL DEFAULT '{}',
  "correlation_id" text, "prev_hash" bytea NOT NULL, "hash" bytea NOT NULL,
  CONSTRAINT "ck_audit_log_hash_length" CHECK (octet_length("hash") = 32 AND octet_length("prev_hash") = 32)`;
const NAMES = `"seq", "chain", "occurred_at", "actor_id", "actor_role", "action", "subject_type", "subject_id", "changes", "correlation_id", "prev_hash", "hash"`;

/** Renames audit_log and its identity sequence out of the way of the table that replaces it. */
async function setAside(queryRunner: QueryRunner, name: string): Promise<void> {
  await queryRunner.query(`
    DO $$
    BEGIN
      EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', pg_get_serial_sequence('audit_log', 'seq'), '${name}_seq_seq');
      ALTER TABLE audit_log RENAME TO ${name};
    END
    $$`);
}

/** The new table's identity goes on from where the old one's stood (its last value, not the highest seq). */
async function keepSequence(queryRunner: QueryRunner, old: string): Promise<void> {
  await queryRunner.query(`
    DO $$
    DECLARE last bigint; called boolean;
    BEGIN
      EXECUTE format('SELECT last_value, is_called FROM %s', pg_get_serial_sequence('${old}', 'seq')) INTO last, called;
      PERFORM setval(pg_get_serial_sequence('audit_log', 'seq'), last, called);
    END
    $$`);
}

async function createIndexes(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`CREATE INDEX "ix_audit_log_subject" ON "audit_log" ("subject_type", "subject_id", "seq")`);
  await queryRunner.query(`CREATE INDEX "ix_audit_log_chain_seq" ON "audit_log" ("chain", "seq")`);
  await queryRunner.query(`CREATE INDEX "ix_audit_log_actor" ON "audit_log" ("actor_id", "seq")`);
  await queryRunner.query(`CREATE INDEX "ix_audit_log_action" ON "audit_log" ("action", "seq")`);
}

/** On a partitioned table the two row triggers are cloned to every partition; the TRUNCATE one is the parent's alone. */
async function createTriggers(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    `CREATE TRIGGER "trg_audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"()`,
  );
  await queryRunner.query(
    `CREATE TRIGGER "trg_audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"()`,
  );
  await queryRunner.query(`CREATE TRIGGER "trg_audit_log_advance_head" AFTER INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_advance"()`);
}

/**
 * One partition: a month's (`audit_log_y2026m12`, from its first instant UTC to the next month's)
 * or, for NULL, the default. Made as a table of its own with its TRUNCATE trigger and its grants,
 * then attached: ATTACH takes a SHARE UPDATE EXCLUSIVE lock on audit_log, which lets appends and
 * reads go on (CREATE TABLE ... PARTITION OF would take an ACCESS EXCLUSIVE one). Attaching clones
 * the row triggers and builds the indexes. Nothing when it exists already. With \`rows_from\` (a
 * detached default partition: audit_log_move_from_default), the month's rows are moved from it
 * into the new table before it is attached.
 */
const ADD_PARTITION = `
  CREATE FUNCTION "audit_log_add_partition"(first_day date, rows_from regclass DEFAULT NULL) RETURNS text
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
  DECLARE
    name text := CASE WHEN first_day IS NULL THEN 'audit_log_default' ELSE 'audit_log_' || to_char(first_day, '"y"YYYY"m"MM') END;
    from_instant text := to_char(first_day, 'YYYY-MM-DD') || ' 00:00:00+00';
    to_instant text := to_char(first_day + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00';
  BEGIN
    IF extract(day FROM first_day) <> 1 THEN
      RAISE EXCEPTION 'audit_log_add_partition: % is not the first day of a month', first_day USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF to_regclass(name) IS NOT NULL THEN
      RETURN NULL;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
    IF rows_from IS NOT NULL AND first_day IS NOT NULL THEN
      EXECUTE format('WITH moved AS (DELETE FROM %s WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
        rows_from, from_instant, to_instant, name);
    END IF;
    EXECUTE format('CREATE TRIGGER trg_audit_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()', name);
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lcs_runtime') THEN
      -- The default privileges gave it SELECT, INSERT, UPDATE, DELETE: reading is all it keeps.
      EXECUTE format('REVOKE ALL ON %I FROM lcs_runtime', name);
      EXECUTE format('GRANT SELECT ON %I TO lcs_runtime', name);
    END IF;
    IF first_day IS NULL THEN
      EXECUTE format('ALTER TABLE audit_log ATTACH PARTITION %I DEFAULT', name);
    ELSE
      EXECUTE format('ALTER TABLE audit_log ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, from_instant, to_instant);
    END IF;
    RETURN name;
  END
  $$`;

/**
 * The partitions of the current UTC month and the \`months\` after it, for the worker (which may
 * not create tables): one row per month, \`created\`, \`present\`, or \`blocked\` when the default
 * partition holds entries of that month (they must be moved out first: docs/audit.md). Runs as its
 * owner; the lock timeout keeps it from queueing appends behind it for long (the worker tries again).
 */
const ENSURE_PARTITIONS = `
  CREATE FUNCTION "audit_log_ensure_partitions"(months int) RETURNS TABLE (partition_name text, state text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '5s' AS $$
  DECLARE
    this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    first_day date;
  BEGIN
    IF months IS NULL OR months < 0 OR months > 24 THEN
      RAISE EXCEPTION 'audit_log_ensure_partitions: months must be from 0 to 24' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Two workers at once: one creates, the other finds them present.
    PERFORM pg_advisory_xact_lock(hashtext('audit_log_ensure_partitions'));
    FOR i IN 0..months LOOP
      first_day := (this_month + i * interval '1 month')::date;
      partition_name := 'audit_log_' || to_char(first_day, '"y"YYYY"m"MM');
      IF to_regclass(partition_name) IS NOT NULL THEN
        state := 'present';
      ELSIF EXISTS (SELECT 1 FROM audit_log_default
                     WHERE occurred_at >= first_day::timestamp AT TIME ZONE 'UTC' AND occurred_at < (first_day + interval '1 month') AT TIME ZONE 'UTC') THEN
        state := 'blocked';
      ELSE
        PERFORM audit_log_add_partition(first_day);
        state := 'created';
      END IF;
      RETURN NEXT;
    END LOOP;
  END
  $$`;

/**
 * For the owner, when the default partition holds entries of a month (the worker's alert, and
 * audit_log_ensure_partitions answers \`blocked\` for that month): makes the month's partition and
 * moves them into it, in the caller's transaction. The default partition is detached meanwhile (an
 * ACCESS EXCLUSIVE lock on audit_log until the transaction ends: a quiet moment), which also lifts
 * its cloned append-only trigger for the move; attaching it again puts the trigger back. Returns
 * the number of entries moved.
 */
const MOVE_FROM_DEFAULT = `
  CREATE FUNCTION "audit_log_move_from_default"(first_day date) RETURNS bigint LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
  DECLARE
    name text := 'audit_log_' || to_char(first_day, '"y"YYYY"m"MM');
    moved bigint;
  BEGIN
    IF first_day IS NULL OR to_regclass(name) IS NOT NULL THEN
      RAISE EXCEPTION 'audit_log_move_from_default: % exists already (or no month given)', name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    ALTER TABLE audit_log DETACH PARTITION audit_log_default;
    PERFORM audit_log_add_partition(first_day, 'audit_log_default');
    ALTER TABLE audit_log ATTACH PARTITION audit_log_default DEFAULT;
    EXECUTE format('SELECT count(*) FROM %I', name) INTO moved;
    RETURN moved;
  END
  $$`;

/**
 * The head's advance, which now also refuses a fork: the entry must link to its chain's recorded
 * head (or, for a chain without one, to the genesis hash). Under READ COMMITTED a second writer
 * that linked to the same head waits for the first's row lock and then finds the head moved; under
 * REPEATABLE READ it fails to serialise. Either way the chain does not fork, in any month.
 */
const HEAD_ADVANCE_REFUSING_FORKS = `
  CREATE OR REPLACE FUNCTION "audit_chain_head_advance"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  BEGIN
    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain AND hash = NEW.prev_hash;
    IF FOUND THEN
      RETURN NULL;
    END IF;
    IF NEW.prev_hash = decode(repeat('00', 32), 'hex') THEN
      INSERT INTO audit_chain_head (chain, seq, hash) VALUES (NEW.chain, NEW.seq, NEW.hash) ON CONFLICT (chain) DO NOTHING;
      IF FOUND THEN
        RETURN NULL;
      END IF;
    END IF;
    RAISE EXCEPTION 'audit chain % would fork: entry % links to %, which is not the chain''s head (nor the genesis hash of a chain without one)',
      NEW.chain, NEW.seq, encode(NEW.prev_hash, 'hex')
      USING ERRCODE = 'unique_violation',
            HINT = 'an entry links to the newest entry of its chain; append through AuditLog, which locks the head (in REPEATABLE READ, retry the transaction)';
  END
  $$`;

/** As AddAuditChainHead wrote it, with CreateRuntimeRole's SECURITY DEFINER. */
const HEAD_ADVANCE_BEFORE = `
  CREATE OR REPLACE FUNCTION "audit_chain_head_advance"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO audit_chain_head (chain, seq, hash) VALUES (NEW.chain, NEW.seq, NEW.hash)
  ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash;
  RETURN NULL;
END
$$`;

/**
 * The head's forward-only trigger, which now also refuses an update that does not come from the
 * head's advance (a trigger, so at a trigger depth above 1): otherwise the owner could move a head
 * forward onto an earlier entry's hash with one UPDATE, triggers on, and the next entry would fork
 * the chain there. The head moves only when an entry is appended.
 */
const HEAD_MOVED_BY_APPENDS_ONLY = `
  CREATE OR REPLACE FUNCTION "audit_chain_head_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain AND NEW.seq > OLD.seq AND pg_trigger_depth() > 1 THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_chain_head only moves forward' USING HINT = 'the head of an audit chain is advanced by appending to audit_log';
  END
  $$`;

/** As AddAuditChainHead wrote it. */
const HEAD_FORWARD_ONLY_BEFORE = `
  CREATE OR REPLACE FUNCTION "audit_chain_head_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain AND NEW.seq > OLD.seq THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head only moves forward' USING HINT = 'the head of an audit chain is advanced by appending to audit_log';
END
$$`;

const GRANT_RUNTIME_HEAD = `
  CREATE OR REPLACE FUNCTION "lcs_grant_runtime"() RETURNS text LANGUAGE plpgsql SET search_path = public, pg_temp AS $$`;
const GRANT_RUNTIME_COMMON = `
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lcs_runtime') THEN
      RETURN 'role lcs_runtime does not exist: nothing granted';
    END IF;
    GRANT USAGE ON SCHEMA public TO lcs_runtime;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lcs_runtime;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lcs_runtime;
    REVOKE ALL ON audit_log, audit_chain_head, schema_migrations FROM lcs_runtime;
    GRANT SELECT ON audit_log, audit_chain_head, schema_migrations TO lcs_runtime;
    GRANT INSERT (chain, occurred_at, actor_id, actor_role, action, subject_type, subject_id, changes, correlation_id, prev_hash, hash)
      ON audit_log TO lcs_runtime;
    GRANT UPDATE (hash) ON audit_chain_head TO lcs_runtime;`;
const GRANT_RUNTIME_TAIL = `
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lcs_runtime;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lcs_runtime;
    RETURN 'granted to lcs_runtime';
  END
  $$`;

/** CreateRuntimeRole's grants, and for audit_log's partitions: read only (ALL TABLES above included them); the partitions ahead. */
const GRANT_RUNTIME_WITH_PARTITIONS = `${GRANT_RUNTIME_HEAD}
  DECLARE part regclass;
  BEGIN${GRANT_RUNTIME_COMMON}
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'audit_log'::regclass LOOP
      EXECUTE format('REVOKE ALL ON %s FROM lcs_runtime', part);
      EXECUTE format('GRANT SELECT ON %s TO lcs_runtime', part);
    END LOOP;
    GRANT EXECUTE ON FUNCTION audit_log_ensure_partitions(int) TO lcs_runtime;${GRANT_RUNTIME_TAIL}`;

/** As CreateRuntimeRole wrote it. */
const GRANT_RUNTIME_BEFORE = `${GRANT_RUNTIME_HEAD}
  BEGIN${GRANT_RUNTIME_COMMON}${GRANT_RUNTIME_TAIL}`;
