#!/usr/bin/env node
/**
 * National-scale data for `npm run bench -- scale` (docs/benchmarks.md, "Queues and lists at scale").
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/lcs_scale npm run seed:scale -- --complaints 1000000
 *        [--agencies 20000] [--placements <complaints>] [--claims <complaints/5>] [--inspectors 200] [--seed 0.42]
 *
 * Everything is written by a few INSERT … SELECT over generate_series on one connection (nothing
 * row by row through Node), into a migrated database whose complaint table is empty (it refuses
 * otherwise: run it once per database). What it writes, consistent with the schema's constraints:
 *
 * - ministry staff: `--inspectors` inspectors, 10 supervisors, 20 welfare officers, one admin, all
 *   with the password printed at the end (SCALE_PASSWORD) and emails `scale-<role>-<n>@scale.lcs`;
 * - `--agencies` agencies, each with a regular license (PH-LRA-…, Damm check digit as the app's),
 *   a branch and its `new` application (approved); one in twenty with a renewal under way;
 * - `--placements` placements over three years, skewed towards the big agencies (the first ones);
 * - `--complaints` cases over three years, most of the old ones closed (about one in ten open),
 *   45 % urgent, assigned to the inspectors, 3 % of the open ones in the supervisors' queue; the
 *   decided ones with findings (the first allegation a violation, the others dismissed);
 *   1–3 allegations each, a timeline (filed, then the moves that brought it to its stage), the
 *   deadlines of its stage (open ones: a quarter past due, state `breached`) and the met ones
 *   before; the inspectors' workload rows recomputed from the cases;
 * - the public scorecard's kept counts (`agency_complaint_counts`, `agency_deployment_counts`)
 *   and the SLA report's (`deadline_met_day`) rebuilt from the rows written, by the recount functions their migrations fill them with (the
 *   row triggers that keep them are off while the rows are inserted in bulk);
 * - `--claims` welfare claims with their decision deadline; one in twenty (approved, disbursed or
 *   paid) approved outside eligibility (filed late, a reason from the list and the supervisor's
 *   words), for the eligibility-exceptions report;
 * - the welfare fund's ledger, as the app posts it: a monthly appropriation, a contribution per
 *   placement, an approval entry per approved claim and a disbursement entry per disbursed or paid
 *   one (balanced entries of two lines; fund-cash never negative); the ledger's trigger keeps its
 *   balances and the obligations per claim type (`fund_balance`, `fund_movement`, `fund_obligation`)
 *   as the lines go in, as it does for the app.
 *
 * Sealed columns (the complainant's name and contact, a claim's beneficiary and payout) are left
 * null: their envelopes are bound to each row's id (AAD), so they cannot be copied between rows,
 * and every one of them is nullable (a complaint without contact details is an anonymous one).
 * No audit entries are written: the daily routes read none (a case read by an officer appends one).
 * The same `--seed` gives the same data.
 */
import { parseArgs } from 'node:util';
import argon2 from 'argon2';
import pg from 'pg';

export const SCALE_PASSWORD = 'scale bench password 2026';

const { values } = parseArgs({
  options: {
    complaints: { type: 'string', default: '1000000' },
    agencies: { type: 'string' },
    placements: { type: 'string' },
    claims: { type: 'string' },
    inspectors: { type: 'string', default: '200' },
    seed: { type: 'string', default: '0.42' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run seed:scale -- --complaints 1000000 [--agencies N] [--placements N] [--claims N] [--inspectors 200] [--seed 0.42]');
  process.exit(0);
}
const int = (name, v, min) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer ≥ ${min}`);
    process.exit(2);
  }
  return n;
};
const N = int('complaints', values.complaints, 1);
const A = int('agencies', values.agencies ?? String(Math.max(100, Math.min(20_000, Math.round(N / 50)))), 10);
const P = int('placements', values.placements ?? String(N), 0);
const W = int('claims', values.claims ?? String(Math.round(N / 5)), 0);
const I = int('inspectors', values.inspectors, 1);
const SEED = Number(values.seed);
if (!(SEED >= -1 && SEED <= 1)) {
  console.error('--seed must be a number from -1 to 1');
  process.exit(2);
}
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  console.error('DATABASE_URL is required (a migrated database, e.g. postgres://postgres@127.0.0.1:5432/lcs_scale)');
  process.exit(2);
}

const client = new pg.Client({ connectionString: DATABASE_URL });
const started = Date.now();
// `rows` for a statement whose row count is not what it wrote (a function that returns it).
const step = async (label, sql, params = [], rows = (r) => r.rowCount) => {
  const t = Date.now();
  const r = await client.query(sql, params);
  console.log(`${label.padEnd(44)} ${String(rows(r) ?? '').padStart(9)} rows  ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r;
};

// The Damm check digit of license numbers and case references (libs/agencies/src/licensing/license-number.ts).
const DAMM_SQL = `CREATE FUNCTION pg_temp.damm(d text) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  t int[] := '{{0,3,1,7,5,9,8,6,4,2},{7,0,9,2,1,5,4,8,6,3},{4,2,0,6,8,7,1,3,5,9},{1,7,5,0,9,8,3,4,2,6},{6,1,2,3,0,4,5,9,7,8},
               {3,6,7,4,2,0,9,5,8,1},{5,8,6,9,7,2,0,1,3,4},{8,9,4,5,3,6,2,0,1,7},{9,4,3,8,6,1,7,2,0,5},{2,5,8,1,4,3,6,7,9,0}}';
  x int := 0;
BEGIN
  FOR i IN 1..length(d) LOOP x := t[x + 1][ascii(substr(d, i, 1)) - 47]; END LOOP;
  RETURN x;
END $$`;
// lpad cuts what is longer than its width: a serial past 99999 keeps all its digits, as the app's.
const SERIAL = (serialExpr) => `lpad((${serialExpr})::text, greatest(5, length((${serialExpr})::text)), '0')`;
// A fixed id per generated row, shaped as a version-4 UUID (the API checks ids with IsUUID).
const SID_SQL = `CREATE FUNCTION pg_temp.sid(seed text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
  $$ SELECT overlay(overlay(md5(seed) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$`;
const NUMBER = (prefix, yearExpr, serialExpr) =>
  `'${prefix}-' || ${yearExpr} || '-' || ${SERIAL(serialExpr)} || '-' || pg_temp.damm(${yearExpr} || ${SERIAL(serialExpr)})`;

const NAMES = `(ARRAY['Bayanihan','Mabuhay','Kalayaan','Sampaguita','Maharlika','Lakbay','Tanglaw','Himalaya','Everest','Pacific',
                    'Luzon','Visayas','Mindanao','Bagong','Dakila','Silangan','Kanluran','Hilaga','Timog','Liwayway'])`;
const PEOPLE = `(ARRAY['Maria Santos','Juan dela Cruz','Ana Reyes','Jose Garcia','Siti Rahayu','Budi Santoso','Dewi Lestari','Ram Bahadur Thapa',
                     'Sita Gurung','Hari Shrestha','Rosa Mendoza','Elena Bautista','Mark Villanueva','Nur Aisyah','Anjali Tamang','Grace Lim'])`;
const COUNTRIES = `(ARRAY['SA','AE','QA','KW','HK','SG','TW','MY','JP','IT'])`;
const EMPLOYERS = `(ARRAY['Al Noor Household','Gulf Facilities Management','Harbour Cleaning Ltd','Lotus Care Home','Desert Star Construction',
                        'Pearl Hospitality','Sakura Nursing','Orchid Electronics','Marina Services','Cedar Logistics'])`;

async function main() {
  await client.connect();
  const { rows: mig } = await client.query(
    `SELECT to_regclass('complaint') AS t, to_regclass('inspector_workload') AS w, to_regclass('agency_complaint_counts') AS k, to_regclass('agency_deployment_counts') AS d`,
  );
  if (!mig[0].t || !mig[0].w || !mig[0].k || !mig[0].d)
    throw new Error('the database is not migrated (run `npm run migration:run` with the same DATABASE_URL first)');
  const { rows: existing } = await client.query('SELECT EXISTS (SELECT 1 FROM complaint) AS any');
  if (existing[0].any) throw new Error('the complaint table is not empty: seed:scale writes into a fresh, migrated database (e.g. createdb lcs_scale)');

  console.log(
    `seed:scale: ${N} complaints, ${A} agencies, ${P} placements, ${W} welfare claims, ${I} inspectors into ${new URL(DATABASE_URL).pathname.slice(1)}`,
  );
  const hash = await argon2.hash(SCALE_PASSWORD, { type: argon2.argon2id });
  await client.query(DAMM_SQL);
  await client.query(SID_SQL);
  await client.query('SELECT setseed($1)', [SEED]);
  // One long transaction would hold every row twice in WAL for nothing: each step commits on its own.
  await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'`);

  await step(
    'staff',
    `INSERT INTO app_user (email, display_name, roles, password_hash, preferred_language)
     SELECT 'scale-' || r.slug || '-' || lpad(n::text, 3, '0') || '@scale.lcs', r.label || ' ' || n, ARRAY[r.role], $1, 'en'
       FROM (VALUES ('inspector', 'inspector', 'Inspector', $2::int), ('supervisor', 'supervisor', 'Supervisor', 10),
                    ('welfare_officer', 'welfare', 'Welfare officer', 20), ('admin', 'admin', 'Administrator', 1)) AS r(role, slug, label, n_of)
      CROSS JOIN LATERAL generate_series(1, r.n_of) AS n`,
    [hash, I],
  );
  await client.query(`CREATE TEMP TABLE scale_staff AS
    SELECT id, roles[1] AS role, row_number() OVER (PARTITION BY roles[1] ORDER BY email) - 1 AS k FROM app_user WHERE email LIKE 'scale-%@scale.lcs'`);

  await step(
    'agencies',
    `INSERT INTO agency (id, legal_name, registration_number, created_at, updated_at)
     SELECT pg_temp.sid('scale-agency-' || i),
            ${NAMES}[1 + i % 20] || ' ' || (ARRAY['Global','Overseas','International','Manpower','Placement','Staffing','Deployment','Careers'])[1 + (i / 20) % 8]
              || ' ' || (ARRAY['Services Inc.','Corp.','Agency','Co.','Pvt. Ltd.'])[1 + (i / 160) % 5] || ' ' || i,
            'SCALE-' || lpad(i::text, 6, '0'), now() - interval '6 years', now() - interval '6 years'
       FROM generate_series(1, $1::int) AS i`,
    [A],
  );
  await step(
    'licenses',
    `INSERT INTO license (id, agency_id, number, type, state, issued_on, expires_on, version, created_at, updated_at)
     SELECT pg_temp.sid('scale-license-' || i), pg_temp.sid('scale-agency-' || i), ${NUMBER('PH-LRA', "'2024'", 'i')}, 'regular', 'active',
            DATE '2024-01-08' + (i % 300), DATE '2028-01-07' + (i % 300), 1, now() - interval '2 years', now() - interval '2 years'
       FROM generate_series(1, $1::int) AS i`,
    [A],
  );
  await client.query(`SELECT setval('license_serial_seq', $1)`, [A]);
  await step(
    'branches',
    `INSERT INTO agency_branch (agency_id, name, address)
     SELECT pg_temp.sid('scale-agency-' || i), 'Main office', (10 + i % 900)::text || ' Rizal Avenue, Manila' FROM generate_series(1, $1::int) AS i`,
    [A],
  );
  await step(
    'license applications',
    `INSERT INTO license_application (agency_id, type, license_id, state, reviewer_id, submitted_at, decided_at, version, created_at, updated_at)
     SELECT pg_temp.sid('scale-agency-' || i), 'new', NULL, 'approved', (SELECT id FROM scale_staff WHERE role = 'inspector' AND k = i % $2),
            t, t + interval '20 days', 4, t - interval '3 days', t + interval '20 days'
       FROM generate_series(1, $1::int) AS i, LATERAL (SELECT now() - interval '2 years' - (i % 500) * interval '1 hour') AS x(t)
     UNION ALL
     SELECT pg_temp.sid('scale-agency-' || i), 'renewal', pg_temp.sid('scale-license-' || i),
            (ARRAY['draft','submitted','under_review','returned_for_correction','recommended'])[1 + (i / 20) % 5],
            CASE WHEN (i / 20) % 5 >= 2 THEN (SELECT id FROM scale_staff WHERE role = 'inspector' AND k = i % $2) END,
            CASE WHEN (i / 20) % 5 >= 1 THEN t END, NULL, 2, t - interval '2 days', t
       FROM generate_series(20, $1::int, 20) AS i, LATERAL (SELECT now() - (i % 2000) * interval '17 minutes') AS x(t)`,
    [A, I],
  );

  // Placements: big agencies place more (the square of a uniform number skews towards the first).
  // The scorecard's deployments are recounted once at the end, not row by row.
  await client.query('ALTER TABLE placement DISABLE TRIGGER trg_placement_deployments');
  await step(
    'placements',
    `INSERT INTO placement (agency_id, license_number, worker_name, worker_passport_number, employer_name, origin_country, destination_country,
                            occupation_category, monthly_salary_minor, salary_currency, recruited_on, contract_start, contract_months, fees, revision,
                            created_at, updated_at)
     SELECT pg_temp.sid('scale-agency-' || ag), ${NUMBER('PH-LRA', "'2024'", 'ag')}, ${PEOPLE}[1 + i % 16] || ' ' || i, 'P' || lpad(i::text, 8, '0'),
            ${EMPLOYERS}[1 + i % 10], 'PH', ${COUNTRIES}[1 + (i / 7) % 10],
            (ARRAY['domestic-work','construction','caregiving','hospitality','manufacturing'])[1 + i % 5],
            (150000 + (i % 50) * 1000)::bigint, 'USD', t::date, t::date + 30, 24,
            jsonb_build_array(jsonb_build_object('item', 'documentation', 'amountMinor', (5000 + (i % 20) * 100)::text, 'currency', 'PHP',
                              'date', to_char(t, 'YYYY-MM-DD'), 'receiptNumber', 'R-' || i)),
            1, t, t
       FROM (SELECT i, 1 + floor($2::int * random() ^ 2)::int AS ag, now() - (random() * 1095) * interval '1 day' AS t
               FROM generate_series(1, $1::int) AS i) s
      ORDER BY s.t`,
    [P, A],
  );

  // The cases' shape first (temporary), then the rows of each table from it.
  await step(
    'case plan',
    `CREATE TEMP TABLE scale_case AS
     SELECT i, pg_temp.sid('scale-case-' || i) AS id, t AS created_at, ag, urgent, assignee, allegations,
            CASE WHEN NOT open THEN 'closed'
                 ELSE (ARRAY['submitted','submitted','submitted','conciliation','conciliation','conciliation','adjudication','adjudication','settled','decided','appealed'])[1 + floor(random() * 11)::int]
            END AS stage,
            open AND random() < 0.03 AS in_supervisor_queue,
            (ARRAY['referred','dismissed','settled','decided','appeal-decided','withdrawn'])[1 + floor(random() * 6)::int] AS outcome,
            random() < 0.25 AS overdue
       FROM (SELECT i, t, urgent, allegations,
                    CASE WHEN random() < 0.85 THEN 1 + floor($2::int * random() ^ 2)::int END AS ag,
                    floor(random() * $3::int)::int AS assignee,
                    random() < CASE WHEN t > now() - interval '30 days' THEN 0.95 WHEN t > now() - interval '180 days' THEN 0.4 ELSE 0.03 END AS open
               FROM (SELECT i, now() - (1095 * (i - 1)::float8 / $1::int) * interval '1 day' - random() * interval '1 hour' AS t,
                            random() < 0.45 AS urgent, 1 + floor(random() * 2.8)::int AS allegations
                       FROM generate_series(1, $1::int) AS i) a) b`,
    [N, A, I],
  );
  await client.query('CREATE INDEX ON scale_case (i); ANALYZE scale_case');
  await client.query('ALTER TABLE complaint DISABLE TRIGGER trg_complaint_workload');
  await client.query('ALTER TABLE complaint DISABLE TRIGGER trg_complaint_scorecard');
  await client.query('ALTER TABLE allegation DISABLE TRIGGER trg_allegation_scorecard');
  try {
    await step(
      'complaints',
      `INSERT INTO complaint (id, reference, source, kind, channel, stage, outcome, priority, urgent_reasons, agency_id, recruiter_given, employer_name,
                              destination_country, jurisdiction_code, language, anonymous, identity_protected, worker_abroad, secret_hash, assigned_to,
                              in_supervisor_queue, close_reason, conciliation_extended, refund_order_ids, version, created_at, updated_at, closed_at, agency_notified_at)
       SELECT s.id, ${NUMBER('CMP', "to_char(s.created_at, 'YYYY')", 's.i')},
              (ARRAY['public','worker','inspector'])[1 + s.i % 3], 'complaint', (ARRAY['web','web','walk-in','hotline'])[1 + s.i % 4],
              s.stage, CASE WHEN s.stage = 'closed' THEN s.outcome END, CASE WHEN s.urgent THEN 'urgent' ELSE 'normal' END,
              CASE WHEN s.urgent THEN '["retained-documents"]'::jsonb ELSE '[]'::jsonb END,
              CASE WHEN s.ag IS NOT NULL THEN pg_temp.sid('scale-agency-' || s.ag) END,
              CASE WHEN s.ag IS NULL THEN 'A recruiter in Quezon City, no office sign' END,
              ${EMPLOYERS}[1 + s.i % 10], ${COUNTRIES}[1 + (s.i / 3) % 10], 'PH', (ARRAY['en','fil','id','ne'])[1 + s.i % 4],
              true, false, s.i % 7 = 0, encode(sha256(('scale-secret-' || s.i)::bytea), 'hex'), st.id,
              s.in_supervisor_queue, CASE WHEN s.stage = 'closed' THEN 'Closed in the ordinary course' END, false, '[]'::jsonb,
              CASE WHEN s.stage = 'closed' THEN 3 WHEN s.stage = 'submitted' THEN 1 ELSE 2 END,
              s.created_at, s.created_at + CASE WHEN s.stage = 'submitted' THEN interval '0' ELSE interval '5 days' END,
              CASE WHEN s.stage = 'closed' THEN s.created_at + interval '40 days' END,
              CASE WHEN s.ag IS NOT NULL AND s.stage <> 'submitted' THEN s.created_at + interval '2 days' END
         FROM scale_case s JOIN scale_staff st ON st.role = 'inspector' AND st.k = s.assignee`,
    );
  } finally {
    await client.query('ALTER TABLE complaint ENABLE TRIGGER trg_complaint_workload');
    await client.query('ALTER TABLE complaint ENABLE TRIGGER trg_complaint_scorecard');
  }
  await client.query(`SELECT setval('complaint_serial_seq', $1)`, [N]);
  await step(
    'inspector workload (from the cases)',
    `INSERT INTO inspector_workload (user_id, shard, open_cases, last_assigned_at)
     SELECT st.id, sh.shard, coalesce(w.open_cases, 0), w.last_at
       FROM scale_staff st CROSS JOIN generate_series(0, 15) AS sh(shard)
       LEFT JOIN (SELECT assigned_to, get_byte(uuid_send(id), 15) & 15 AS shard, count(*) FILTER (WHERE stage <> 'closed')::int AS open_cases, max(created_at) AS last_at
                    FROM complaint GROUP BY 1, 2) w ON w.assigned_to = st.id AND w.shard = sh.shard
      WHERE st.role = 'inspector'
     ON CONFLICT (user_id, shard) DO UPDATE SET open_cases = EXCLUDED.open_cases, last_assigned_at = EXCLUDED.last_assigned_at`,
  );
  await step(
    'allegations',
    `INSERT INTO allegation (complaint_id, position, category, facts, occurred_on, amount_minor, currency, trafficking_indicators, protected_category_fee, finding)
     SELECT s.id, p, c.category, c.facts, (s.created_at - interval '60 days')::date,
            CASE WHEN c.category IN ('excess-fees','unpaid-wages') THEN (20000 + (s.i % 90) * 1000)::bigint END,
            CASE WHEN c.category IN ('excess-fees','unpaid-wages') THEN 'PHP' END, s.i % 20 = 0, false,
            -- Decided cases carry findings: the first allegation a violation, the others dismissed.
            CASE WHEN s.stage IN ('decided','appealed') OR (s.stage = 'closed' AND s.outcome IN ('decided','appeal-decided'))
                 THEN CASE WHEN p = 1 THEN 'violation' ELSE 'dismissed' END END
       FROM scale_case s CROSS JOIN generate_series(1, s.allegations) AS p
       JOIN LATERAL (SELECT (ARRAY['excess-fees','unpaid-wages','contract-substitution','retained-documents','no-job-on-arrival'])[1 + (s.i + p) % 5] AS category,
                            'The agency charged and withheld more than agreed; the worker kept the receipts.' AS facts) c ON true`,
  );
  await client.query('ALTER TABLE allegation ENABLE TRIGGER trg_allegation_scorecard');
  await client.query('ALTER TABLE placement ENABLE TRIGGER trg_placement_deployments');
  // The same recounts the migrations AgencyComplaintCounts and AgencyDeploymentCounts fill the tables with.
  await step('scorecard counts (from the cases)', `SELECT agency_complaint_counts_recount() AS n`, [], (r) => r.rows[0].n);
  await step('scorecard deployments (from the placements)', `SELECT agency_deployment_counts_recount() AS n`, [], (r) => r.rows[0].n);
  await step(
    'timeline entries',
    `INSERT INTO complaint_event (complaint_id, kind, from_stage, to_stage, body, visibility, actor_id, actor_role, at)
     SELECT s.id, e.kind, e.from_stage, e.to_stage, NULL, e.visibility, CASE WHEN e.kind = 'submitted' THEN NULL ELSE st.id END,
            CASE WHEN e.kind = 'submitted' THEN 'worker' ELSE 'inspector' END, s.created_at + e.after
       FROM scale_case s JOIN scale_staff st ON st.role = 'inspector' AND st.k = s.assignee
      CROSS JOIN LATERAL (VALUES
        ('submitted', NULL, 'submitted', 'shared', interval '0', true),
        ('assign', NULL, NULL, 'internal', interval '1 minute', true),
        ('accept', 'submitted', 'conciliation', 'shared', interval '2 days', s.stage <> 'submitted'),
        ('fail-conciliation', 'conciliation', 'adjudication', 'shared', interval '20 days', s.stage IN ('adjudication','decided','appealed') OR (s.stage = 'closed' AND s.outcome IN ('decided','appeal-decided'))),
        ('settle', 'conciliation', 'settled', 'shared', interval '20 days', s.stage = 'settled' OR (s.stage = 'closed' AND s.outcome = 'settled')),
        ('close', NULL, 'closed', 'shared', interval '40 days', s.stage = 'closed')
      ) AS e(kind, from_stage, to_stage, visibility, after, wanted)
      WHERE e.wanted`,
  );
  // Open deadlines: the one of the case's stage (a quarter past due and breached); before it, the met ones.
  // The trigger that keeps each case's `next_due_at` as its deadlines are written (one read and one
  // update per row, planned per call: 2M of each at a million cases) is off for the insert; the
  // nearest due times are then set in one statement, as the migration that added them did.
  await client.query('ALTER TABLE deadline DISABLE TRIGGER tr_deadline_complaint_next_due_insert');
  // The SLA report's kept counts of met deadlines too: recounted once at the end (deadline_met_day_recount).
  await client.query('ALTER TABLE deadline DISABLE TRIGGER trg_deadline_met_day_insert');
  try {
    await step(
      'case deadlines',
      `INSERT INTO deadline (subject_type, subject_id, kind, jurisdiction_code, policy_version, assignee_user_id, label, started_at, due_at,
                           next_fire_at, next_level, state, version, scheduled_version, breached_at, closed_at, created_at)
     SELECT 'complaint', s.id::text, d.kind, 'PH', 1, st.id, d.kind || ' ' || s.i, d.started, d.due,
            CASE WHEN d.state = 'pending' THEN d.due END, CASE WHEN d.state = 'breached' THEN 1 ELSE 0 END, d.state, 1,
            CASE WHEN d.state = 'pending' THEN 1 END, CASE WHEN d.state = 'breached' THEN d.due END,
            CASE WHEN d.state = 'met' THEN d.started + interval '1 day' END, d.started
       FROM scale_case s JOIN scale_staff st ON st.role = 'inspector' AND st.k = s.assignee
      CROSS JOIN LATERAL (VALUES
        (CASE WHEN s.urgent THEN 'complaint.triage.urgent' ELSE 'complaint.triage' END, s.created_at, s.created_at + interval '2 days',
         CASE WHEN s.stage = 'submitted' THEN CASE WHEN s.overdue THEN 'breached' ELSE 'pending' END ELSE 'met' END, true),
        (CASE s.stage WHEN 'conciliation' THEN 'complaint.conciliation' WHEN 'settled' THEN 'complaint.settlement-compliance'
                      WHEN 'decided' THEN 'complaint.appeal-window' ELSE CASE WHEN s.urgent THEN 'complaint.decision.urgent' ELSE 'complaint.decision' END END,
         s.created_at + interval '2 days',
         CASE WHEN s.overdue THEN now() - interval '1 day' * (1 + s.i % 20) ELSE greatest(now(), s.created_at) + interval '1 day' * (3 + s.i % 25) END,
         CASE WHEN s.stage = 'closed' THEN 'met' WHEN s.overdue THEN 'breached' ELSE 'pending' END, s.stage NOT IN ('submitted'))
      ) AS d(kind, started, due, state, wanted)
      WHERE d.wanted`,
    );
    await step(
      "cases' nearest due time (from their deadlines)",
      `UPDATE complaint c SET next_due_at = coalesce(x.nearest, 'infinity'::timestamptz)
         FROM (SELECT subject_id, min(due_at) FILTER (WHERE state IN ('pending','paused','breached')) AS nearest
                 FROM deadline WHERE subject_type = 'complaint' GROUP BY subject_id) x
        WHERE c.id::text = x.subject_id`,
    );
  } finally {
    await client.query('ALTER TABLE deadline ENABLE TRIGGER tr_deadline_complaint_next_due_insert');
  }

  await step(
    'welfare claims',
    `INSERT INTO welfare_claim (reference, claim_type, state, worker_passport_number, worker_name, claimant_kind, filed_by, incident_date, filed_on, facts,
                                claimed_minor, currency, eligibility, scheduled_minor, approved_minor, requested_documents, language, version,
                                created_at, updated_at, decided_by, decided_at, eligibility_exception, decision_reason)
     SELECT ${NUMBER('WC', "to_char(t, 'YYYY')", 'i')}, ct, st, 'P' || lpad((1 + i * 5 % greatest($2::int, 1))::text, 8, '0'), ${PEOPLE}[1 + i % 16] || ' ' || i,
            'officer', o.id, (t - interval '30 days')::date, t::date, 'Filed at the desk for the worker.',
            CASE WHEN ct = 'medical' THEN (50000 + (i % 40) * 1000)::bigint END, 'PHP',
            CASE WHEN exc
                 THEN '{"eligible": false, "checks": [{"check": "membership-active", "ok": true, "detail": "member on the incident date"}, {"check": "filed-in-window", "ok": false, "detail": "filed 30 day(s) late"}]}'::jsonb
                 ELSE '{"eligible": true, "checks": [{"check": "membership", "ok": true, "detail": "member on the incident date"}]}'::jsonb END,
            CASE WHEN ct <> 'medical' THEN 2000000::bigint END,
            CASE WHEN st IN ('approved','disbursed','paid') THEN 2000000::bigint END, '[]'::jsonb, 'en', 1, t, t,
            CASE WHEN st IN ('approved','rejected','disbursed','paid') THEN o.id END, CASE WHEN st IN ('approved','rejected','disbursed','paid') THEN t + interval '10 days' END,
            CASE WHEN exc THEN (ARRAY['late-filing-good-cause','contribution-paid-unrecorded','agency-failed-to-remit','record-error','humanitarian'])[1 + (i / 20) % 5] END,
            CASE WHEN exc THEN 'The worker was in hospital abroad and could not file in time; the records confirm it.' END
       FROM (SELECT *, (st IN ('approved','disbursed','paid') AND i % 20 = 0) AS exc FROM (SELECT i, now() - (1095 * (i - 1)::float8 / greatest($1::int, 1)) * interval '1 day' AS t,
                    (ARRAY['death:natural','death:accidental','disability:partial','medical','medical','repatriation','legal-assistance','education-grant','livelihood-grant'])[1 + i % 9] AS ct,
                    CASE WHEN i < $1::int / 20 THEN (ARRAY['submitted','under_review','documents_requested'])[1 + i % 3]
                         ELSE (ARRAY['paid','paid','paid','rejected','approved','disbursed'])[1 + i % 6] END AS st
               FROM generate_series(1, $1::int) AS i) g) c
       JOIN scale_staff o ON o.role = 'welfare_officer' AND o.k = c.i % 20`,
    [W, P],
  );
  await client.query(`SELECT setval('welfare_claim_serial_seq', greatest($1::int, 1))`, [W]);
  await step(
    'welfare decision deadlines',
    `INSERT INTO deadline (subject_type, subject_id, kind, jurisdiction_code, policy_version, label, started_at, due_at, next_fire_at, state,
                           paused_at, version, scheduled_version, closed_at, created_at)
     SELECT 'welfare_claim', c.id::text, 'welfare.decision', 'PH', 1, 'Welfare claim ' || c.reference || ': decision', c.created_at, c.created_at + interval '30 days',
            CASE WHEN c.state IN ('submitted','under_review') THEN c.created_at + interval '30 days' END,
            CASE WHEN c.state IN ('submitted','under_review') THEN 'pending' WHEN c.state = 'documents_requested' THEN 'paused' ELSE 'met' END,
            CASE WHEN c.state = 'documents_requested' THEN c.created_at + interval '3 days' END, 1,
            CASE WHEN c.state IN ('submitted','under_review') THEN 1 END,
            CASE WHEN c.state NOT IN ('submitted','under_review','documents_requested') THEN c.created_at + interval '10 days' END, c.created_at
       FROM welfare_claim c`,
  );
  await client.query('ALTER TABLE deadline ENABLE TRIGGER trg_deadline_met_day_insert');
  // The same recount the migration DeadlineMetDay fills the table with.
  await step('SLA kept counts (from the met deadlines)', `SELECT deadline_met_day_recount() AS n`, [], (r) => r.rows[0].n);

  // The welfare fund's ledger, as FundLedger posts it (libs/welfare/src/ledger/fund-ledger.service.ts): balanced entries
  // of two lines each, one idempotency key per entry, fund-cash never negative (an appropriation opens each month).
  await step(
    'fund income (monthly appropriations)',
    `INSERT INTO fund_income (kind, amount_minor, currency, received_on, reference, description, recorded_by, created_at)
     SELECT 'appropriation', 5000000000, 'PHP', t::date, 'SCALE-APPROP-' || k, 'Monthly appropriation from the state budget', NULL, t
       FROM (SELECT k, now() - interval '1100 days' + (k * interval '1 month') AS t FROM generate_series(0, 36) AS k) s
      WHERE t < now()`,
  );
  await step(
    'welfare contributions (one per placement)',
    `INSERT INTO welfare_contribution (placement_id, worker_passport_number, paid_on, cover_from, cover_to, amount_minor, currency, receipt_number, channel, created_at)
     SELECT p.id, p.worker_passport_number, least(p.created_at + interval '1 day', now())::date, p.contract_start, p.contract_start + 729,
            250000 + (p.seq % 5) * 10000, 'PHP', 'SCALE-WC-' || p.seq, 'agency', least(p.created_at + interval '1 day', now() - interval '1 minute')
       FROM placement p`,
  );
  await step(
    'fund entries',
    `INSERT INTO fund_entry (kind, currency, claim_id, contribution_id, income_id, idempotency_key, request_hash, actor_id, created_at)
     SELECT 'income', 'PHP', NULL::uuid, NULL::uuid, i.id, 'income:scale:' || i.reference, md5(i.reference), NULL::uuid, i.created_at FROM fund_income i
     UNION ALL
     SELECT 'contribution', 'PHP', NULL, c.id, NULL::uuid, 'contribution:' || c.id, md5(c.id::text), NULL, c.created_at FROM welfare_contribution c
     UNION ALL
     SELECT 'approval', 'PHP', w.id, NULL, NULL, 'approval:' || w.id, md5(w.id::text), w.decided_by, least(w.decided_at, now() - interval '1 hour')
       FROM welfare_claim w WHERE w.state IN ('approved','disbursed','paid')
     UNION ALL
     SELECT 'disbursement', 'PHP', w.id, NULL, NULL, 'disburse:scale-' || w.id, md5('d' || w.id), w.decided_by,
            least(w.decided_at + interval '2 days', now() - interval '30 minutes')
       FROM welfare_claim w WHERE w.state IN ('disbursed','paid')`,
  );
  await step(
    'fund lines',
    `INSERT INTO fund_line (entry_seq, account, debit_minor, credit_minor)
     SELECT e.seq, l.account, l.debit, l.credit
       FROM fund_entry e
       LEFT JOIN fund_income i ON i.id = e.income_id
       LEFT JOIN welfare_contribution c ON c.id = e.contribution_id
       LEFT JOIN welfare_claim w ON w.id = e.claim_id
      CROSS JOIN LATERAL (SELECT coalesce(i.amount_minor, c.amount_minor, w.approved_minor) AS amount) a
      CROSS JOIN LATERAL (VALUES
        (CASE e.kind WHEN 'approval' THEN 'benefits-paid' WHEN 'disbursement' THEN 'claim-payable:' || e.claim_id ELSE 'fund-cash' END, a.amount, 0::bigint),
        (CASE e.kind WHEN 'income' THEN 'appropriations-received' WHEN 'contribution' THEN 'contributions-received'
                     WHEN 'approval' THEN 'claim-payable:' || e.claim_id ELSE 'fund-cash' END, 0::bigint, a.amount)
      ) AS l(account, debit, credit)
      ORDER BY e.created_at, e.seq`,
  );

  const t = Date.now();
  await client.query(
    'VACUUM (ANALYZE) agency, license, license_application, placement, complaint, allegation, complaint_event, deadline, welfare_claim, inspector_workload, ' +
      'agency_complaint_counts, agency_deployment_counts, deadline_met_day, app_user, fund_income, welfare_contribution, fund_entry, fund_line, fund_balance, fund_obligation',
  );
  console.log(`${'vacuum + analyze'.padEnd(44)} ${''.padStart(9)}       ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM complaint WHERE stage <> 'closed') AS open_cases, pg_size_pretty(pg_database_size(current_database())) AS size`,
  );
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${rows[0].open_cases} open cases; database ${rows[0].size}`);
  console.log(
    `staff sign in with "${SCALE_PASSWORD}": scale-inspector-001@scale.lcs, scale-supervisor-001@scale.lcs, scale-welfare-001@scale.lcs, scale-admin-001@scale.lcs`,
  );
}

main()
  .catch(async (e) => {
    console.error(`seed:scale failed: ${e.message}`);
    process.exitCode = 1;
    // The triggers switched off for the bulk inserts are switched back on (the database keeps working, with whatever was written).
    for (const [table, trigger] of [
      ['complaint', 'trg_complaint_workload'],
      ['complaint', 'trg_complaint_scorecard'],
      ['allegation', 'trg_allegation_scorecard'],
      ['placement', 'trg_placement_deployments'],
      ['deadline', 'trg_deadline_met_day_insert'],
    ])
      await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`).catch(() => undefined);
  })
  .finally(() => client.end());
