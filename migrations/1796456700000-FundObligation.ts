import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fund's projected obligations per claim type kept as it posts (issue 23). The fund position
 * read every claim payable account holding a balance and joined each to its claim for the type
 * (some 150,000 rows at a million cases, 248 / 346 ms). Now `fund_obligation` holds, per claim type
 * and shard (the last byte of the claim id & 15, as inspector_workload), the claims whose payable
 * balance is not zero and the sum of those balances; a type's figure is the sum of its rows.
 *
 * It is kept by the fund ledger's trigger function (`fund_line_roll_up`, statement-level on
 * `fund_line`, made by 1796455900000-FundRollup), replaced here by the same three statements and a
 * fourth, run after `fund_balance` has moved: for each claim payable account the statement posted
 * to, the change of its balance (the lines added) and its balance now give its old and new
 * contribution (a claim counted while its balance is not zero), summed per type and shard and
 * added to those rows in (type, shard) order (an UPDATE of the row; an INSERT when there is none
 * yet: a proposed row must pass the CHECK even when it conflicts, so a decrease is never inserted). Every posting also holds the fund's advisory lock
 * and the `fund_balance` rows it moves before it reaches these, so postings never wait on one
 * another here in an order that could deadlock.
 *
 * A claim's type is read from `welfare_claim`: once the claim has a payable account its type and
 * id may not change, nor may it be deleted (`trg_welfare_claim_payable_fixed_*`), so the rows stay
 * equal to a recount. `fund_obligation_recount()` rebuilds the table from `fund_balance` (this
 * migration fills it so, under a SHARE lock on `fund_line`: no posting in between).
 */
const SLOT = `date_bin('15 minutes', e.created_at, timestamptz '2000-01-01 00:00:00+00')`;

/** The roll-up of 1796455900000-FundRollup, as it was. */
const ROLL_UP = `
  INSERT INTO "fund_movement" ("account", "slot", "kind", "debit_minor", "credit_minor")
  SELECT l.account, ${SLOT}, e.kind, sum(l.debit_minor), sum(l.credit_minor)
    FROM added l JOIN "fund_entry" e ON e.seq = l.entry_seq
   WHERE l.account NOT LIKE 'claim-payable:%'
   GROUP BY 1, 2, 3
  ON CONFLICT ("account", "slot", "kind") DO UPDATE
     SET "debit_minor" = "fund_movement"."debit_minor" + EXCLUDED."debit_minor",
         "credit_minor" = "fund_movement"."credit_minor" + EXCLUDED."credit_minor";
  INSERT INTO "fund_movement_day" ("account", "day", "kind", "debit_minor", "credit_minor")
  SELECT l.account, (e.created_at AT TIME ZONE 'UTC')::date, e.kind, sum(l.debit_minor), sum(l.credit_minor)
    FROM added l JOIN "fund_entry" e ON e.seq = l.entry_seq
   WHERE l.account NOT LIKE 'claim-payable:%'
   GROUP BY 1, 2, 3
  ON CONFLICT ("account", "day", "kind") DO UPDATE
     SET "debit_minor" = "fund_movement_day"."debit_minor" + EXCLUDED."debit_minor",
         "credit_minor" = "fund_movement_day"."credit_minor" + EXCLUDED."credit_minor";
  INSERT INTO "fund_balance" ("account", "debit_minor", "credit_minor", "first_moved_at", "last_moved_at")
  SELECT l.account, sum(l.debit_minor), sum(l.credit_minor), min(e.created_at), max(e.created_at)
    FROM added l JOIN "fund_entry" e ON e.seq = l.entry_seq
   GROUP BY 1
  ON CONFLICT ("account") DO UPDATE
     SET "debit_minor" = "fund_balance"."debit_minor" + EXCLUDED."debit_minor",
         "credit_minor" = "fund_balance"."credit_minor" + EXCLUDED."credit_minor",
         "first_moved_at" = least("fund_balance"."first_moved_at", EXCLUDED."first_moved_at"),
         "last_moved_at" = greatest("fund_balance"."last_moved_at", EXCLUDED."last_moved_at")`;

/**
 * After fund_balance has moved: per claim payable account posted to, `delta` (what the lines added
 * to what is owed) and the balance now; the balance before is now − delta. A claim counts while its
 * balance is not zero.
 */
const OBLIGATIONS = `
  FOR r IN
    SELECT w.claim_type, (get_byte(uuid_send(w.id), 15) & 15)::smallint AS shard,
           sum((b.credit_minor - b.debit_minor <> 0)::int - (b.credit_minor - b.debit_minor - m.delta <> 0)::int)::int AS claims,
           sum(m.delta)::bigint AS owed
      FROM (SELECT account, sum(credit_minor - debit_minor) AS delta FROM added WHERE account LIKE 'claim-payable:%' GROUP BY 1) m
      JOIN "fund_balance" b ON b.account = m.account
      JOIN "welfare_claim" w ON w.id = substr(m.account, length('claim-payable:') + 1)::uuid
     GROUP BY 1, 2
    HAVING sum(m.delta) <> 0 OR sum((b.credit_minor - b.debit_minor <> 0)::int - (b.credit_minor - b.debit_minor - m.delta <> 0)::int) <> 0
     ORDER BY 1, 2
  LOOP
    UPDATE "fund_obligation" SET "claims" = "claims" + r.claims, "owed_minor" = "owed_minor" + r.owed WHERE "claim_type" = r.claim_type AND "shard" = r.shard;
    IF NOT FOUND THEN
      INSERT INTO "fund_obligation" AS o ("claim_type", "shard", "claims", "owed_minor") VALUES (r.claim_type, r.shard, r.claims, r.owed)
      ON CONFLICT ("claim_type", "shard") DO UPDATE SET "claims" = o.claims + EXCLUDED.claims, "owed_minor" = o.owed_minor + EXCLUDED.owed_minor;
    END IF;
  END LOOP`;

const rollUpFunction = (body: string) => `
  CREATE OR REPLACE FUNCTION "fund_line_roll_up"() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE r record;
  BEGIN
    ${body};
    RETURN NULL;
  END $$`;

export class FundObligation1796456700000 implements MigrationInterface {
  name = 'FundObligation1796456700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // No line may slip in between the new function and the fill.
    await queryRunner.query('LOCK TABLE "fund_line" IN SHARE MODE');
    await queryRunner.query(
      `CREATE TABLE "fund_obligation" ("claim_type" text NOT NULL, "shard" smallint NOT NULL, "claims" integer NOT NULL, "owed_minor" bigint NOT NULL, CONSTRAINT "ck_fund_obligation_shard" CHECK (shard BETWEEN 0 AND 15), CONSTRAINT "ck_fund_obligation_claims" CHECK (claims >= 0), CONSTRAINT "pk_fund_obligation" PRIMARY KEY ("claim_type", "shard")) WITH (fillfactor = 50)`,
    );
    await queryRunner.query(rollUpFunction(`${ROLL_UP};\n${OBLIGATIONS}`));
    await queryRunner.query(
      `CREATE FUNCTION "welfare_claim_payable_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM fund_balance WHERE account = 'claim-payable:' || OLD.id) THEN
           RAISE EXCEPTION 'welfare claim % has a payable account: its type and id are fixed and it is kept', OLD.id USING ERRCODE = 'restrict_violation';
         END IF;
         RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_welfare_claim_payable_fixed_update" BEFORE UPDATE OF "claim_type", "id" ON "welfare_claim" FOR EACH ROW WHEN (OLD.claim_type IS DISTINCT FROM NEW.claim_type OR OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION "welfare_claim_payable_fixed"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_welfare_claim_payable_fixed_delete" BEFORE DELETE ON "welfare_claim" FOR EACH ROW EXECUTE FUNCTION "welfare_claim_payable_fixed"()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "fund_obligation_recount"() RETURNS bigint LANGUAGE plpgsql AS $$
       DECLARE n bigint;
       BEGIN
         LOCK TABLE fund_line IN SHARE MODE;
         DELETE FROM fund_obligation;
         INSERT INTO fund_obligation (claim_type, shard, claims, owed_minor)
         SELECT w.claim_type, get_byte(uuid_send(w.id), 15) & 15, count(*)::int, sum(b.credit_minor - b.debit_minor)
           FROM fund_balance b JOIN welfare_claim w ON w.id = substr(b.account, length('claim-payable:') + 1)::uuid
          WHERE b.account LIKE 'claim-payable:%' AND b.debit_minor <> b.credit_minor
          GROUP BY 1, 2;
         GET DIAGNOSTICS n = ROW_COUNT;
         RETURN n;
       END $$`,
    );
    await queryRunner.query('SELECT fund_obligation_recount()');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('LOCK TABLE "fund_line" IN SHARE MODE');
    await queryRunner.query(rollUpFunction(ROLL_UP));
    await queryRunner.query('DROP FUNCTION "fund_obligation_recount"()');
    await queryRunner.query('DROP TRIGGER "trg_welfare_claim_payable_fixed_delete" ON "welfare_claim"');
    await queryRunner.query('DROP TRIGGER "trg_welfare_claim_payable_fixed_update" ON "welfare_claim"');
    await queryRunner.query('DROP FUNCTION "welfare_claim_payable_fixed"()');
    await queryRunner.query('DROP TABLE "fund_obligation"');
  }
}
