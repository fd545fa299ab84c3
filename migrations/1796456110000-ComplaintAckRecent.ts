import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The acknowledgement cap (COMPLAINTS_ACK_MAILS_PER_ADDRESS_PER_DAY) counts an address's recent
 * public filings under a transaction lock on the address's blind index, so that filings at once
 * cannot all see room. Filing asked it in two statements (the lock, then the count: a count in
 * the lock's own statement would read a snapshot taken before the lock was granted). One function
 * now does both in the filing's registration read (libs/complaints, registration.ts): VOLATILE,
 * so under READ COMMITTED its count takes its own snapshot, after the lock, and sees every filing
 * of the address committed before it; the same lock key as before.
 */
export class ComplaintAckRecent1796456110000 implements MigrationInterface {
  name = 'ComplaintAckRecent1796456110000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "complaint_ack_recent"(email_index text, since timestamptz) RETURNS int LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('complaint-ack:' || email_index, 0));
        RETURN (SELECT count(*)::int FROM complaint WHERE contact_email_index = email_index AND created_at > since AND source = 'public');
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "complaint_ack_recent"(text, timestamptz)`);
  }
}
