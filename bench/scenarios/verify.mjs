/**
 * Public license verification by number (GET /public/licenses/:number, no sign-in) against a
 * registry of 10,000 licensed agencies, each request a random one of them.
 *
 * The app: Nest + Fastify, the access guard (public route), the `public` rate limit (one EVAL of
 * the throttler's Lua script on Redis), the check digit, then one SQL statement on the unique
 * index uq_license_number (branches and suspension history as correlated subqueries), the
 * answer built once as JSON text, kept LICENSING_PUBLIC_CACHE_SECONDS in-process, with
 * Cache-Control. The baseline: bare Fastify doing the same Redis EVAL and the same SQL (imported
 * from the build, so it cannot drift) on every request, without any cache.
 *
 * Start the app with a rate limit the load cannot reach (every request comes from 127.0.0.1):
 *   LICENSING_PUBLIC_LIMIT_PER_IP=1000000000 NODE_ENV=production node dist/apps/api/apps/api/src/main.js
 * and LICENSING_PUBLIC_CACHE_SECONDS=0 to measure the app doing exactly the baseline's work.
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { licenseNumber } from '../lib/license-number.mjs';

// The app's own rate-limit storage (the same Lua script as its guards), from the build.
const { RedisThrottlerStorage } = createRequire(import.meta.url)(
  fileURLToPath(new URL('../../dist/apps/api/libs/common/src/redis/redis-throttler-storage.js', import.meta.url)),
);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SQL_MODULE = resolve(ROOT, 'dist/apps/api/libs/agencies/src/licensing/public-verification.sql.js');
let sql;
try {
  sql = createRequire(import.meta.url)(SQL_MODULE);
} catch {
  throw new Error(`verify: ${SQL_MODULE} is missing; run npm run build first`);
}

const COUNT = 10_000;
const PREFIX = 'PH-BENCH';
const YEAR = 2026;
const LIMIT = Number(process.env.LICENSING_PUBLIC_LIMIT_PER_IP || 1_000_000_000);
const WINDOW_MS = Number(process.env.LICENSING_PUBLIC_WINDOW_SECONDS || 60) * 1000;
const REDIS_PREFIX = process.env.REDIS_PREFIX || 'lcs';

const NUMBERS = Array.from({ length: COUNT }, (_, i) => licenseNumber(PREFIX, YEAR, i + 1));
const pick = (list) => list[Math.floor(Math.random() * list.length)];

let storage;
const digest = (s) => createHash('sha256').update(s).digest('hex').slice(0, 32);

export default {
  name: 'verify',
  description: `Public license verification by number, ${COUNT.toLocaleString('en')} licensed agencies`,
  requests: (state) => [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/public/licenses/${pick(state.numbers)}` }) }],
  baseline: {
    path: '/public/licenses/:number',
    method: 'GET',
    handler: async ({ pool, redis }, request, reply) => {
      // The same rate-limit round trip as the app's PublicThrottleGuard.
      storage ??= new RedisThrottlerStorage(redis);
      const hit = await storage.increment(`${REDIS_PREFIX}:throttle:public:${digest(request.ip)}`, WINDOW_MS, LIMIT, WINDOW_MS, 'public');
      if (hit.isBlocked) return reply.code(429).send();
      const { rows } = await pool.query(sql.PUBLIC_BY_NUMBER_SQL, [request.params.number]);
      if (!rows.length) return reply.code(404).send();
      const r = rows[0];
      return {
        legalName: r.legal_name,
        license: { number: r.number, type: r.type, state: r.state, issuedOn: r.issued_on, expiresOn: r.expires_on, suspendedUntil: r.suspended_until },
        branches: r.branches,
        suspensions: r.suspensions,
        scorecard: { openComplaints: 0, decidedViolations: 0, deployments: 0 },
      };
    },
  },
  targets: { minRatio: 1.0, maxP99Ms: 50 },

  /**
   * 10,000 agencies with a regular license, a branch each, the issue event, and a past suspension
   * (suspended, then reinstated) on every tenth: inserted in a few statements, once (idempotent).
   */
  setup: async ({ pool }) => {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM license WHERE number LIKE $1`, [`${PREFIX}-%`]);
    if (rows[0].n < COUNT) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO agency (legal_name, registration_number)
           SELECT (ARRAY['Bayanihan','Mabuhay','Kalayaan','Sampaguita','Maharlika','Lakbay','Tanglaw','Himalaya','Everest','Pacific',
                         'Luzon','Visayas','Mindanao','Bagong','Dakila','Silangan','Kanluran','Hilaga','Timog','Liwayway'])[1 + i % 20]
                  || ' ' || (ARRAY['Global','Overseas','International','Manpower','Placement','Staffing','Deployment','Careers'])[1 + (i / 20) % 8]
                  || ' ' || (ARRAY['Services Inc.','Corp.','Agency','Co.','Pvt. Ltd.'])[1 + (i / 160) % 5] || ' ' || i,
                  'BENCH-' || lpad(i::text, 5, '0')
             FROM generate_series(1, $1::int) AS i
           ON CONFLICT DO NOTHING`,
          [COUNT],
        );
        await client.query(
          `INSERT INTO license (agency_id, number, type, state, issued_on, expires_on, version)
           SELECT a.id, n.number, 'regular', 'active', DATE '2026-01-05', DATE '2030-01-04', 1
             FROM unnest($1::text[]) WITH ORDINALITY AS n(number, i)
             JOIN agency a ON a.registration_number = 'BENCH-' || lpad(n.i::text, 5, '0')
           ON CONFLICT DO NOTHING`,
          [NUMBERS],
        );
        await client.query(
          `INSERT INTO agency_branch (agency_id, name, address)
           SELECT a.id, 'Main office', (10 + right(a.registration_number, 5)::int % 900)::text || ' Rizal Avenue, Manila'
             FROM agency a WHERE a.registration_number LIKE 'BENCH-%'
              AND NOT EXISTS (SELECT 1 FROM agency_branch b WHERE b.agency_id = a.id)`,
        );
        await client.query(
          `INSERT INTO license_event (license_id, action, from_state, to_state, actor_role, reason, until, at)
           SELECT l.id, e.action, e.from_state, e.to_state, 'system', 'bench', e.until, e.at
             FROM license l
            CROSS JOIN LATERAL (VALUES
                   ('issue', NULL, 'active', NULL::timestamptz, TIMESTAMPTZ '2026-01-05 01:00Z', true),
                   ('suspend', 'active', 'suspended', TIMESTAMPTZ '2026-03-01 00:00Z', TIMESTAMPTZ '2026-02-01 01:00Z', split_part(l.number, '-', 4)::int % 10 = 0),
                   ('reinstate', 'suspended', 'active', NULL, TIMESTAMPTZ '2026-02-15 01:00Z', split_part(l.number, '-', 4)::int % 10 = 0)
                 ) AS e(action, from_state, to_state, until, at, wanted)
            WHERE l.number LIKE $1 AND e.wanted
              AND NOT EXISTS (SELECT 1 FROM license_event x WHERE x.license_id = l.id)`,
          [`${PREFIX}-%`],
        );
        await client.query('COMMIT');
        await client.query('ANALYZE agency; ANALYZE license; ANALYZE agency_branch; ANALYZE license_event');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      } finally {
        client.release();
      }
    }
    const check = await pool.query(`SELECT count(*)::int AS n FROM license WHERE number = ANY($1::text[])`, [NUMBERS]);
    if (check.rows[0].n !== COUNT) throw new Error(`verify: expected ${COUNT} bench licenses, found ${check.rows[0].n}`);
    return { numbers: NUMBERS };
  },
};
