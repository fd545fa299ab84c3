import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data every installation needs (not demo data): the jurisdictions whose calendars
 * count business days, and the holidays that fall on fixed or Easter-derived dates in 2026-2027.
 * Holidays set each year by proclamation (Eid, Lunar New Year, Dashain, Tihar, …) are entered by
 * an admin through PUT /admin/jurisdictions/:code/holidays/:date; see docs/deadlines.md.
 *
 * Sources: Philippines, Republic Act No. 9492 (regular holidays; Easter dates computed) and the
 * yearly proclamation; Indonesia, the yearly joint ministerial decree (SKB 3 Menteri) on national
 * holidays; Nepal, the Government of Nepal's yearly holiday list (weekend: Saturday). Verify
 * against the current year's official list before relying on them.
 */
const JURISDICTIONS: [string, string, string, number[]][] = [
  ['PH', 'Philippines', 'Asia/Manila', [6, 7]],
  ['NP', 'Nepal', 'Asia/Kathmandu', [6]],
  ['ID', 'Indonesia', 'Asia/Jakarta', [6, 7]],
];

const HOLIDAYS: [string, string, string][] = [
  ['PH', '2026-01-01', "New Year's Day"],
  ['PH', '2026-04-02', 'Maundy Thursday'],
  ['PH', '2026-04-03', 'Good Friday'],
  ['PH', '2026-04-09', 'Araw ng Kagitingan'],
  ['PH', '2026-05-01', 'Labor Day'],
  ['PH', '2026-06-12', 'Independence Day'],
  ['PH', '2026-08-31', 'National Heroes Day'],
  ['PH', '2026-11-30', 'Bonifacio Day'],
  ['PH', '2026-12-25', 'Christmas Day'],
  ['PH', '2026-12-30', 'Rizal Day'],
  ['PH', '2027-01-01', "New Year's Day"],
  ['PH', '2027-03-25', 'Maundy Thursday'],
  ['PH', '2027-03-26', 'Good Friday'],
  ['PH', '2027-04-09', 'Araw ng Kagitingan'],
  ['PH', '2027-05-01', 'Labor Day'],
  ['PH', '2027-06-12', 'Independence Day'],
  ['PH', '2027-08-30', 'National Heroes Day'],
  ['PH', '2027-11-30', 'Bonifacio Day'],
  ['PH', '2027-12-25', 'Christmas Day'],
  ['PH', '2027-12-30', 'Rizal Day'],
  ['ID', '2026-01-01', 'Tahun Baru Masehi'],
  ['ID', '2026-04-03', 'Wafat Yesus Kristus'],
  ['ID', '2026-05-01', 'Hari Buruh Internasional'],
  ['ID', '2026-05-14', 'Kenaikan Yesus Kristus'],
  ['ID', '2026-06-01', 'Hari Lahir Pancasila'],
  ['ID', '2026-08-17', 'Hari Kemerdekaan Republik Indonesia'],
  ['ID', '2026-12-25', 'Hari Raya Natal'],
  ['ID', '2027-01-01', 'Tahun Baru Masehi'],
  ['ID', '2027-03-26', 'Wafat Yesus Kristus'],
  ['ID', '2027-05-01', 'Hari Buruh Internasional'],
  ['ID', '2027-05-06', 'Kenaikan Yesus Kristus'],
  ['ID', '2027-06-01', 'Hari Lahir Pancasila'],
  ['ID', '2027-08-17', 'Hari Kemerdekaan Republik Indonesia'],
  ['ID', '2027-12-25', 'Hari Raya Natal'],
  ['NP', '2026-05-01', 'International Workers’ Day'],
];

export class SeedJurisdictions1795436500000 implements MigrationInterface {
  name = 'SeedJurisdictions1795436500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [code, name, zone, weekend] of JURISDICTIONS) {
      await queryRunner.query(`INSERT INTO jurisdiction (code, name, time_zone, weekend_days) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`, [code, name, zone, weekend]);
    }
    for (const [code, date, name] of HOLIDAYS) {
      await queryRunner.query(`INSERT INTO holiday (jurisdiction_code, date, name) VALUES ($1, $2, $3) ON CONFLICT (jurisdiction_code, date) DO NOTHING`, [code, date, name]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [code, date] of HOLIDAYS) await queryRunner.query(`DELETE FROM holiday WHERE jurisdiction_code = $1 AND date = $2`, [code, date]);
    for (const [code] of JURISDICTIONS) {
      await queryRunner.query(`DELETE FROM jurisdiction j WHERE code = $1 AND NOT EXISTS (SELECT 1 FROM holiday h WHERE h.jurisdiction_code = j.code)`, [code]);
    }
  }
}
