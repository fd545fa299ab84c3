import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions take effect (docs/complaints.md): fines with their own numbers, refund orders that a
 * complaint's decision opens (no placement or assessment; garnished from escrow when unpaid, a new
 * final state), inspection cases (complaint.kind), the protected-category gravity on allegations
 * and the fees module's check of fees a complainant states.
 */
export class DecisionsTakeEffect1795450200000 implements MigrationInterface {
  name = 'DecisionsTakeEffect1795450200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "fine_serial_seq"`);
    await queryRunner.query(`ALTER TABLE "refund_order" DROP CONSTRAINT "ck_refund_order_state"`);
    await queryRunner.query(`ALTER TABLE "refund_order" ADD CONSTRAINT "ck_refund_order_state" CHECK (state IN ('open','paid','garnished','cancelled'))`);
    await queryRunner.query(`ALTER TABLE "refund_order" DROP CONSTRAINT "ck_refund_order_paid"`);
    await queryRunner.query(`ALTER TABLE "refund_order" ADD CONSTRAINT "ck_refund_order_paid" CHECK ((state IN ('paid','garnished')) = (paid_reference IS NOT NULL))`);
    await queryRunner.query("CREATE TABLE \"fine\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"reference\" text NOT NULL, \"agency_id\" uuid NOT NULL, \"complaint_id\" uuid NOT NULL, \"allegation_id\" uuid NOT NULL, \"amount_minor\" bigint NOT NULL, \"currency\" character(3) NOT NULL, \"state\" text NOT NULL, \"due_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"paid_reference\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"ck_fine_amount\" CHECK (amount_minor > 0), CONSTRAINT \"ck_fine_state\" CHECK (state IN ('open','paid','cancelled')), CONSTRAINT \"pk_fine\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_fine_complaint_allegation\" ON \"fine\" (\"complaint_id\", \"allegation_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_fine_agency_state\" ON \"fine\" (\"agency_id\", \"state\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_fine_reference\" ON \"fine\" (\"reference\") ");
    await queryRunner.query("ALTER TABLE \"refund_order\" ADD \"complaint_id\" uuid");
    await queryRunner.query("ALTER TABLE \"refund_order\" ADD \"case_reference\" text");
    await queryRunner.query("ALTER TABLE \"complaint\" ADD \"kind\" text NOT NULL DEFAULT 'complaint'");
    await queryRunner.query("ALTER TABLE \"complaint\" ADD \"fee_check\" jsonb");
    await queryRunner.query("ALTER TABLE \"allegation\" ADD \"protected_category_fee\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"refund_order\" DROP CONSTRAINT \"fk_refund_order_placement\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" DROP CONSTRAINT \"fk_refund_order_assessment\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" ALTER COLUMN \"placement_id\" DROP NOT NULL");
    await queryRunner.query("ALTER TABLE \"refund_order\" ALTER COLUMN \"assessment_id\" DROP NOT NULL");
    await queryRunner.query("CREATE INDEX \"ix_refund_order_complaint\" ON \"refund_order\" (\"complaint_id\") ");
    await queryRunner.query("ALTER TABLE \"refund_order\" ADD CONSTRAINT \"ck_refund_order_origin\" CHECK ((placement_id IS NOT NULL AND assessment_id IS NOT NULL) OR complaint_id IS NOT NULL)");
    await queryRunner.query("ALTER TABLE \"complaint\" ADD CONSTRAINT \"ck_complaint_kind\" CHECK (kind IN ('complaint','inspection'))");
    await queryRunner.query("ALTER TABLE \"refund_order\" ADD CONSTRAINT \"fk_refund_order_placement\" FOREIGN KEY (\"placement_id\") REFERENCES \"placement\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"refund_order\" ADD CONSTRAINT \"fk_refund_order_assessment\" FOREIGN KEY (\"assessment_id\") REFERENCES \"fee_assessment\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"fine\" ADD CONSTRAINT \"fk_fine_agency\" FOREIGN KEY (\"agency_id\") REFERENCES \"agency\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"fine\" ADD CONSTRAINT \"fk_fine_complaint\" FOREIGN KEY (\"complaint_id\") REFERENCES \"complaint\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"fine\" DROP CONSTRAINT \"fk_fine_complaint\"");
    await queryRunner.query("ALTER TABLE \"fine\" DROP CONSTRAINT \"fk_fine_agency\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" DROP CONSTRAINT \"fk_refund_order_assessment\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" DROP CONSTRAINT \"fk_refund_order_placement\"");
    await queryRunner.query("ALTER TABLE \"complaint\" DROP CONSTRAINT \"ck_complaint_kind\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" DROP CONSTRAINT \"ck_refund_order_origin\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_refund_order_complaint\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" ALTER COLUMN \"assessment_id\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"refund_order\" ALTER COLUMN \"placement_id\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"refund_order\" ADD CONSTRAINT \"fk_refund_order_assessment\" FOREIGN KEY (\"assessment_id\") REFERENCES \"fee_assessment\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"refund_order\" ADD CONSTRAINT \"fk_refund_order_placement\" FOREIGN KEY (\"placement_id\") REFERENCES \"placement\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"allegation\" DROP COLUMN \"protected_category_fee\"");
    await queryRunner.query("ALTER TABLE \"complaint\" DROP COLUMN \"fee_check\"");
    await queryRunner.query("ALTER TABLE \"complaint\" DROP COLUMN \"kind\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" DROP COLUMN \"case_reference\"");
    await queryRunner.query("ALTER TABLE \"refund_order\" DROP COLUMN \"complaint_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_fine_reference\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_fine_agency_state\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_fine_complaint_allegation\"");
    await queryRunner.query("DROP TABLE \"fine\"");
    await queryRunner.query(`ALTER TABLE "refund_order" DROP CONSTRAINT "ck_refund_order_paid"`);
    await queryRunner.query(`ALTER TABLE "refund_order" ADD CONSTRAINT "ck_refund_order_paid" CHECK ((state = 'paid') = (paid_reference IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE "refund_order" DROP CONSTRAINT "ck_refund_order_state"`);
    await queryRunner.query(`ALTER TABLE "refund_order" ADD CONSTRAINT "ck_refund_order_state" CHECK (state IN ('open','paid','cancelled'))`);
    await queryRunner.query(`DROP SEQUENCE "fine_serial_seq"`);
  }
}
