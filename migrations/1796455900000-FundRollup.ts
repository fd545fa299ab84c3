import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The welfare fund's balances kept as it posts (issue 23). The fund-balance report summed every
 * line ever for its opening balance (1.3 s at national scale), the fund position every line up to
 * its day, and every disbursement summed every fund-cash line ever to check the balance. Now:
 *
 * - `fund_movement`: the lines per account (the claims' payable accounts left out), entry kind and
 *   quarter hour (UTC) of their entry, and `fund_movement_day` the same per UTC day: a period's
 *   report reads the period's whole UTC days and the quarter hours of its partial ends;
 * - `fund_balance`: every account's debits and credits since the first entry, with when it first
 *   and last moved: the balance of fund-cash is one row, the obligations the claims owed now.
 *
 * Both are kept by one statement-level trigger on `fund_line`, in the transaction that inserts the
 * lines (FundLedger's posting, and any other writer: the scale seed), and filled here from the
 * lines already written. The ledger is append-only (trg_fund_line_append_only), so a line is
 * counted once and never needs taking back.
 */
const SLOT = `date_bin('15 minutes', e.created_at, timestamptz '2000-01-01 00:00:00+00')`;

const ROLL_UP = (lines: string) => `
  INSERT INTO "fund_movement" ("account", "slot", "kind", "debit_minor", "credit_minor")
  SELECT l.account, ${SLOT}, e.kind, sum(l.debit_minor), sum(l.credit_minor)
    FROM ${lines} l JOIN "fund_entry" e ON e.seq = l.entry_seq
   WHERE l.account NOT LIKE 'claim-payable:%'
   GROUP BY 1, 2, 3
  ON CONFLICT ("account", "slot", "kind") DO UPDATE
     SET "debit_minor" = "fund_movement"."debit_minor" + EXCLUDED."debit_minor",
         "credit_minor" = "fund_movement"."credit_minor" + EXCLUDED."credit_minor";
  INSERT INTO "fund_movement_day" ("account", "day", "kind", "debit_minor", "credit_minor")
  SELECT l.account, (e.created_at AT TIME ZONE 'UTC')::date, e.kind, sum(l.debit_minor), sum(l.credit_minor)
    FROM ${lines} l JOIN "fund_entry" e ON e.seq = l.entry_seq
   WHERE l.account NOT LIKE 'claim-payable:%'
   GROUP BY 1, 2, 3
  ON CONFLICT ("account", "day", "kind") DO UPDATE
     SET "debit_minor" = "fund_movement_day"."debit_minor" + EXCLUDED."debit_minor",
         "credit_minor" = "fund_movement_day"."credit_minor" + EXCLUDED."credit_minor";
  INSERT INTO "fund_balance" ("account", "debit_minor", "credit_minor", "first_moved_at", "last_moved_at")
  SELECT l.account, sum(l.debit_minor), sum(l.credit_minor), min(e.created_at), max(e.created_at)
    FROM ${lines} l JOIN "fund_entry" e ON e.seq = l.entry_seq
   GROUP BY 1
  ON CONFLICT ("account") DO UPDATE
     SET "debit_minor" = "fund_balance"."debit_minor" + EXCLUDED."debit_minor",
         "credit_minor" = "fund_balance"."credit_minor" + EXCLUDED."credit_minor",
         "first_moved_at" = least("fund_balance"."first_moved_at", EXCLUDED."first_moved_at"),
         "last_moved_at" = greatest("fund_balance"."last_moved_at", EXCLUDED."last_moved_at")`;

export class FundRollup1796455900000 implements MigrationInterface {
  name = 'FundRollup1796455900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "fund_movement" ("account" text NOT NULL, "slot" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" text NOT NULL, "debit_minor" bigint NOT NULL, "credit_minor" bigint NOT NULL, CONSTRAINT "ck_fund_movement_sides" CHECK (debit_minor >= 0 AND credit_minor >= 0), CONSTRAINT "pk_fund_movement" PRIMARY KEY ("account", "slot", "kind"))',
    );
    await queryRunner.query(
      'CREATE TABLE "fund_movement_day" ("account" text NOT NULL, "day" date NOT NULL, "kind" text NOT NULL, "debit_minor" bigint NOT NULL, "credit_minor" bigint NOT NULL, CONSTRAINT "ck_fund_movement_day_sides" CHECK (debit_minor >= 0 AND credit_minor >= 0), CONSTRAINT "pk_fund_movement_day" PRIMARY KEY ("account", "day", "kind"))',
    );
    await queryRunner.query(
      'CREATE TABLE "fund_balance" ("account" text NOT NULL, "debit_minor" bigint NOT NULL, "credit_minor" bigint NOT NULL, "first_moved_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_moved_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_fund_balance_sides" CHECK (debit_minor >= 0 AND credit_minor >= 0), CONSTRAINT "pk_fund_balance" PRIMARY KEY ("account"))',
    );
    await queryRunner.query('CREATE INDEX "ix_fund_balance_moved" ON "fund_balance"  ("last_moved_at") ');
    await queryRunner.query(
      `CREATE INDEX "ix_fund_balance_owed" ON "fund_balance"  ("first_moved_at") WHERE account LIKE 'claim-payable:%' AND debit_minor <> credit_minor`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "fund_line_roll_up"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${ROLL_UP('added')};
        RETURN NULL;
      END $$`);
    // No line may slip in between the fill and the trigger.
    await queryRunner.query('LOCK TABLE "fund_line" IN SHARE MODE');
    await queryRunner.query(
      'CREATE TRIGGER "trg_fund_line_roll_up" AFTER INSERT ON "fund_line" REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "fund_line_roll_up"()',
    );
    for (const statement of ROLL_UP('"fund_line"').split(';')) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "trg_fund_line_roll_up" ON "fund_line"');
    await queryRunner.query('DROP FUNCTION "fund_line_roll_up"()');
    await queryRunner.query('DROP INDEX "public"."ix_fund_balance_owed"');
    await queryRunner.query('DROP INDEX "public"."ix_fund_balance_moved"');
    await queryRunner.query('DROP TABLE "fund_balance"');
    await queryRunner.query('DROP TABLE "fund_movement_day"');
    await queryRunner.query('DROP TABLE "fund_movement"');
  }
}
