/**
 * Generative test over the committed OpenAPI document: for every operation and every caller the
 * route declares (each allowed role, anonymous where public, and a forged token now and then),
 * fast-check builds requests from the operation's parameters and request body, with valid values
 * (ids of real records, values at their bounds) and hostile ones (hostile-values.ts). No answer
 * may be a 5xx, and every answer must keep the contract (the test app's checker holds it against
 * docs/openapi.json).
 *
 * Deterministic: a fixed seed (GENERATIVE_SEED, default below) and a fixed number of runs per
 * operation (GENERATIVE_RUNS); operations run one after another in the document's order (the few
 * that take the fixture agency's license away at the end). State-changing requests do change
 * shared records, so a later request may meet a 404 or 409 it would not meet alone: any 4xx is
 * accepted, only a 5xx or a broken contract fails. A failure is shrunk to a minimal request and
 * printed with the command that replays it (docs/security.md, "Generative test").
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import fc from 'fast-check';
import { EscrowService } from '@app/agencies';
import { ROLES, listRouteAccess } from '@app/auth';
import { DocumentsService } from '@app/documents';
import { SMALL_PDF } from '../documents/fixtures';
import { createEvidenceFixtures } from '../support/complaint-evidence-fixtures';
import { complaintsFixtures as cf, createComplaintsFixtures } from '../support/complaints-fixtures';
import { loadCommittedDocument } from '../support/contract';
import { createFeesFixtures, feesFixtures as ff } from '../support/fees-fixtures';
import { TEST_PASSWORD, TestUser, createAgency, createUser, openSession } from '../support/identity';
import { createLicensingFixtures } from '../support/licensing-fixtures';
import { GeneratedRequest, OpenApiArbitraries, Operation, Schema, Where } from '../support/openapi-arbitraries';
import { TestSmtpServer } from '../support/smtp';
import { TestApp, createTestApp } from '../support/test-app';
import { createWelfareFixtures, welfareFixtures as wf } from '../support/welfare-fixtures';

const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return n;
};

/** The run's seed: each operation's own seed is derived from it and the operation's name. */
const SEED = envInt('GENERATIVE_SEED', 170_017);
/** Requests per operation (more for operations with more callers, see runsFor). */
const RUNS = envInt('GENERATIVE_RUNS', 12);
/** fast-check's replay path of one counterexample (printed on failure; use with -t naming the operation). */
const REPLAY_PATH = process.env.GENERATIVE_PATH || undefined;
/** 0: report the first failing request without shrinking it. */
const SHRINK = process.env.GENERATIVE_SHRINK !== '0';

/** These take the fixture agency's license away (or any license): run last, so the others meet a licensed agency. */
const RUN_LAST = ['POST /agency/license/surrender', 'POST /licensing/licenses/{id}/revoke', 'POST /licensing/licenses/{id}/suspend'];

const document = loadCommittedDocument();
/** The session id forged tokens name (no such session). */
const FORGED_SID = '7d1f3a52-0c4e-4b8a-9f61-2e5d8c0b9a34';
const documentsDir = mkdtempSync(join(tmpdir(), 'lcs-generative-documents-'));

/** The id pool of a path parameter, by the path segment before it (`/placements/{id}`) or by its own name (`{documentId}`). */
const TABLE_BY_SEGMENT: Record<string, string> = {
  users: 'app_user',
  agencies: 'agency',
  documents: 'stored_document',
  evidence: 'stored_document',
  notifications: 'notification_outbox',
  licenses: 'license',
  amendments: 'agency_amendment',
  branches: 'agency_branch',
  applications: 'license_application',
  'fee-rules': 'fee_rule',
  placements: 'placement',
  'refund-orders': 'refund_order',
  complaints: 'complaint',
  fines: 'fine',
  'benefit-schedules': 'benefit_schedule_entry',
  claims: 'welfare_claim',
};
const TABLE_BY_FIELD: Record<string, string> = {
  agencyId: 'agency',
  documentId: 'stored_document',
  placementId: 'placement',
  userId: 'app_user',
  licenseId: 'license',
  complaintId: 'complaint',
  claimId: 'welfare_claim',
  ruleId: 'fee_rule',
  allegationId: 'allegation',
};

const hash = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h | 0;
};

/** Long strings and arrays shortened, so a failing request prints in a few lines. */
function summarise(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    if (value.length <= 120) return value;
    const head = value.slice(0, 40);
    return `${head}… (${value.length} UTF-16 units; ${[...new Set(value)].length} distinct characters)`;
  }
  if (depth > 6) return '…';
  if (Array.isArray(value))
    return value.length > 10
      ? [...value.slice(0, 5).map((v) => summarise(v, depth + 1)), `… ${value.length - 5} more`]
      : value.map((v) => summarise(v, depth + 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, summarise(v, depth + 1)]));
  return value;
}

function describeRequest(r: GeneratedRequest): string {
  const lines = [`${r.method.toUpperCase()} ${String(summarise(r.url))}   (caller: ${r.caller})`];
  for (const [k, v] of Object.entries(r.headers)) lines.push(`${k}: ${String(summarise(v))}`);
  const b = r.body;
  if (b?.kind === 'json') lines.push(`content-type: application/json`, JSON.stringify(summarise(b.value), null, 1) ?? 'undefined');
  if (b?.kind === 'raw') lines.push(`content-type: ${b.contentType}`, String(summarise(b.payload)));
  if (b?.kind === 'multipart') {
    lines.push(`content-type: multipart/form-data (${b.filesFirst ? 'files first' : 'fields first'})`);
    for (const [k, v] of b.fields) lines.push(`  field ${k} = ${JSON.stringify(summarise(v))}`);
    for (const f of b.files) lines.push(`  file ${f.field} "${String(summarise(f.filename))}" ${f.content.length} bytes ${f.contentType ?? ''}`);
  }
  return lines.join('\n');
}

describe('generative: every operation, every caller, random and hostile input; never a 5xx', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let arbitraries: OpenApiArbitraries;
  const callersOf = new Map<string, string[]>();
  const users = new Map<string, TestUser>();
  const pools = new Map<string, string[]>();
  const pool = (key: string): readonly string[] => pools.get(key) ?? [];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp({ env: { DOCUMENTS_DIR: documentsDir, SMTP_URL: smtp.url } });
    await t.dataSource.query(`INSERT INTO holiday (jurisdiction_code, date, name) VALUES ('PH', '2031-12-01', 'Fuzz holiday')`);
    const agencyId = (await createAgency(t)).id;
    await t.app.get(DocumentsService, { strict: false }).store(t.dataSource.manager, {
      content: SMALL_PDF,
      declaredName: 'permit.pdf',
      ownerType: 'agency',
      ownerId: agencyId,
      agencyId,
      kind: 'business-permit',
      uploadedBy: null,
      actor: 'system',
    });
    await createLicensingFixtures(t, agencyId);
    await createFeesFixtures(t, agencyId);
    await createComplaintsFixtures(t, agencyId);
    await createEvidenceFixtures(t, agencyId);
    await createWelfareFixtures(t, ff.spareIds, ff.passport, ff.placementId);
    await t.dataSource.transaction((m) => t.app.get(EscrowService, { strict: false }).openAccount(m, agencyId, 'regular'));
    await t.dataSource.query(
      `INSERT INTO notification_outbox (recipient, template, language, data, dedup_key, state, attempts, next_attempt_at, failed_at)
       VALUES ('fuzz@workers.test', 'account.welcome', 'en', '{"displayName":"F","signInUrl":"https://x.test"}', 'generative', 'failed', 8, now(), now())`,
    );
    // Targets for the routes about "a user": accounts of the fixture agency and of the ministry (not the callers).
    for (const roles of [['agency_staff'], ['agency_admin'], ['inspector'], ['worker']] as const) {
      await createUser(t, { roles: [...roles], agencyId: roles[0].startsWith('agency') ? agencyId : null });
    }
    const targetSessions: string[] = [];
    for (let i = 0; i < 3; i++) targetSessions.push((await createUser(t, { roles: ['worker'] })).refreshToken);

    // One caller per role (the agency's on the fixture agency); the worker is the worker of the fixture placement, case and claim.
    for (const role of ROLES) users.set(role, await createUser(t, { roles: [role], agencyId: role.startsWith('agency') ? agencyId : null, signIn: false }));
    const worker = users.get('worker')!;
    await ff.linkWorker(worker.id);
    await cf.linkWorker(worker.id);
    await wf.linkFiler(worker.id);

    // Real values, by kind, in the order they were written (ids are random: ordering by them would pick other records each run).
    const column = async (sql: string): Promise<string[]> => ((await t.dataSource.query(sql)) as { v: unknown }[]).map((r) => String(r.v));
    const callerIds = [...users.values()].map((u) => `'${u.id}'`).join(',');
    const tables = new Set([...Object.values(TABLE_BY_SEGMENT), ...Object.values(TABLE_BY_FIELD)]);
    for (const table of tables) {
      const exclude = table === 'app_user' ? `WHERE id NOT IN (${callerIds})` : '';
      pools.set(`table:${table}`, await column(`SELECT id AS v FROM "${table}" ${exclude} ORDER BY ctid LIMIT 12`));
    }
    pools.set(
      'ids',
      [...tables].flatMap((table) => pool(`table:${table}`).slice(0, 2)),
    );
    pools.set('reference', [
      ...(await column(`SELECT reference AS v FROM complaint ORDER BY ctid LIMIT 6`)),
      ...(await column(`SELECT reference AS v FROM welfare_claim ORDER BY ctid LIMIT 2`)),
    ]);
    pools.set('licenseNumber', await column(`SELECT number AS v FROM license ORDER BY ctid LIMIT 6`));
    pools.set('passport', await column(`SELECT DISTINCT worker_passport_number AS v FROM placement ORDER BY 1 LIMIT 4`));
    pools.set('slaKind', await column(`SELECT kind AS v FROM sla_policy ORDER BY kind`));
    pools.set('jurisdiction', await column(`SELECT code AS v FROM jurisdiction ORDER BY code`));
    pools.set('holiday', await column(`SELECT to_char(date, 'YYYY-MM-DD') AS v FROM holiday ORDER BY date DESC LIMIT 4`));
    pools.set('subjectType', await column(`SELECT DISTINCT subject_type AS v FROM audit_log ORDER BY 1`));
    pools.set('email', await column(`SELECT email AS v FROM app_user WHERE id NOT IN (${callerIds}) ORDER BY ctid LIMIT 6`));
    pools.set('agencyName', await column(`SELECT legal_name AS v FROM agency ORDER BY ctid LIMIT 4`));
    pools.set('destination', await column(`SELECT DISTINCT destination_country AS v FROM fee_rule ORDER BY 1`));
    pools.set('origin', await column(`SELECT DISTINCT origin_country AS v FROM fee_rule ORDER BY 1`));
    pools.set('occupation', await column(`SELECT DISTINCT occupation_category AS v FROM fee_rule ORDER BY 1`));
    pools.set('currency', await column(`SELECT DISTINCT base AS v FROM exchange_rate UNION SELECT DISTINCT quote FROM exchange_rate ORDER BY 1`));
    pools.set('refreshToken', targetSessions);
    pools.set('password', [TEST_PASSWORD]);
    pools.set('secret', [cf.secret]);
    pools.set('idempotencyKey', ['fuzz-key-1', 'fuzz-key-2', '0b6c4e1a-77f2-4d0e-9a51-3c2d9e8f1a77']);

    arbitraries = new OpenApiArbitraries(document, valuePools);

    // Who may call each route: the routes' own declarations (docs/access.md is generated from them).
    for (const r of listRouteAccess(t.app.get(DiscoveryService), t.app.get(MetadataScanner), t.app.get(Reflector))) {
      const key = `${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
      const a = r.access;
      const callers = !a ? [] : a.kind === 'public' ? ['anonymous', 'anonymous', ...ROLES] : a.kind === 'authenticated' ? [...ROLES] : [...a.roles];
      callersOf.set(key, callers);
    }
  });

  afterAll(async () => {
    try {
      await t?.close();
    } finally {
      await smtp?.stop();
      rmSync(documentsDir, { recursive: true, force: true });
      if (process.env.GENERATIVE_TIMING === '1') {
        const slowest = [...timings].sort((a, b) => b[1] - a[1]).slice(0, 15);
        const cpu = process.cpuUsage();
        process.stderr.write(
          `generative: ${timings.length} operations, ${timings.reduce((n, [, , runs]) => n + runs, 0)} requests, this process used ${Math.round((cpu.user + cpu.system) / 1000)} ms of CPU; slowest:\n${slowest.map(([n, ms, runs]) => `  ${ms} ms  ${runs} runs  ${n}`).join('\n')}\n`,
        );
      }
    }
  });
  const timings: [string, number, number][] = [];

  /** Real values for a field or parameter, by its name (and for ids, by what the path says it names). */
  function valuePools(name: string | undefined, schema: Schema, where: Where, op: Operation): readonly string[] {
    if (!name) return [];
    if (schema.format === 'uuid' || name === 'id' || /Id$/.test(name)) {
      if (where === 'path') {
        const segments = op.path.split('/');
        const before = segments[segments.indexOf(`{${name}}`) - 1];
        const table = TABLE_BY_FIELD[name] ?? TABLE_BY_SEGMENT[before];
        return table ? pool(`table:${table}`) : pool('ids');
      }
      return TABLE_BY_FIELD[name] ? pool(`table:${TABLE_BY_FIELD[name]}`) : [];
    }
    switch (name) {
      case 'reference':
        return pool('reference');
      case 'number':
      case 'licenseNumber':
        return pool('licenseNumber');
      case 'passport':
      case 'workerPassportNumber':
        return pool('passport');
      case 'kind':
        return where === 'path' ? pool('slaKind') : [];
      case 'code':
        return pool('jurisdiction');
      case 'date':
        return where === 'path' ? pool('holiday') : [];
      case 'type':
        return where === 'path' ? pool('subjectType') : [];
      case 'email':
        return pool('email');
      case 'password':
      case 'currentPassword':
        return pool('password');
      case 'refreshToken':
        return pool('refreshToken');
      case 'agencyName':
        return pool('agencyName');
      case 'destinationCountry':
        return pool('destination');
      case 'originCountry':
        return pool('origin');
      case 'occupationCategory':
        return pool('occupation');
      case 'currency':
      case 'salaryCurrency':
      case 'base':
      case 'quote':
        return pool('currency');
      case 'X-Tracking-Secret':
        return pool('secret');
      case 'Idempotency-Key':
        return pool('idempotencyKey');
      default:
        return [];
    }
  }

  /** The Authorization header of a caller: a fresh session of the role's account (so logging out or a password change cannot spoil later runs). */
  async function authorization(caller: string): Promise<string | undefined> {
    if (caller === 'anonymous') return undefined;
    if (caller.startsWith('forged:')) return forgedToken(caller.slice('forged:'.length));
    return (await openSession(t, users.get(caller)!.id)).bearer;
  }

  function forgedToken(kind: string): string {
    const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
    const auth = t.config.auth;
    const sign = (claims: Record<string, unknown>, secret = auth.AUTH_JWT_SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) => {
      const unsigned = `${b64(header)}.${b64({ iss: auth.AUTH_JWT_ISSUER, aud: auth.AUTH_JWT_AUDIENCE, iat: 1_767_225_600, exp: 4_102_444_800, ...claims })}`;
      return `Bearer ${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    };
    const admin = users.get('admin')!.id;
    switch (kind) {
      case 'none':
        return `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: admin, sid: FORGED_SID })}.`;
      case 'wrong-key':
        return sign({ sub: admin, sid: FORGED_SID }, 'not the secret');
      case 'no-session':
        return sign({ sub: admin, sid: '00000000-0000-4000-8000-000000000000' });
      case 'bad-claims':
        return sign({ sub: 'x\u0000y', sid: ['a'], exp: 'never' });
      case 'expired':
        return sign({ sub: admin, sid: FORGED_SID, exp: 1 });
      case 'garbage':
        return 'Bearer a.b.c';
      default:
        return `Basic ${Buffer.from('admin:admin').toString('base64')}`;
    }
  }
  const FORGED = ['forged:none', 'forged:wrong-key', 'forged:no-session', 'forged:bad-claims', 'forged:expired', 'forged:garbage', 'forged:basic'];

  interface Answer {
    status: number;
    text: string;
    requestId: string;
  }

  /** Sends one generated request; undefined when the client itself cannot send it (a header Node refuses). */
  async function send(r: GeneratedRequest): Promise<Answer | undefined> {
    let req = t.http[r.method](r.url)
      .timeout(30_000)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    try {
      const auth = await authorization(r.caller);
      if (auth) req = req.set('Authorization', auth);
      for (const [k, v] of Object.entries(r.headers)) req = req.set(k, v);
      const b = r.body;
      if (b?.kind === 'json') req = req.set('Content-Type', 'application/json').send(JSON.stringify(b.value) ?? 'null');
      else if (b?.kind === 'raw') {
        if (b.contentType) req = req.set('Content-Type', b.contentType);
        req = req.send(b.payload);
      } else if (b?.kind === 'multipart') {
        const fields = () => b.fields.forEach(([k, v]) => (req = req.field(k, v)));
        const files = () => b.files.forEach((f) => (req = req.attach(f.field, f.content, { filename: f.filename, contentType: f.contentType })));
        if (b.filesFirst) files();
        fields();
        if (!b.filesFirst) files();
      }
    } catch (e) {
      if (isClientRefusal(e)) return undefined;
      throw e;
    }
    try {
      const res = await req;
      return {
        status: res.status,
        text: Buffer.isBuffer(res.body) ? res.body.toString('utf8') : String(res.text ?? ''),
        requestId: String(res.headers['x-request-id'] ?? ''),
      };
    } catch (e) {
      if (isClientRefusal(e)) return undefined;
      throw e;
    }
  }

  const isClientRefusal = (e: unknown): boolean => {
    const code = (e as { code?: string }).code ?? '';
    return (
      code === 'ERR_INVALID_CHAR' ||
      code === 'ERR_HTTP_INVALID_HEADER_VALUE' ||
      code === 'ERR_INVALID_HTTP_TOKEN' ||
      /Invalid character in header/.test(String(e))
    );
  };

  /** What the application logged about a failed request (its error and stack), for the report. */
  const loggedFor = (requestId: string): string =>
    t.logs
      .withReqId(requestId)
      .filter((l) => Number(l.level) >= 50)
      .map((l) => JSON.stringify({ msg: l.msg, err: l.err }).slice(0, 2_000))
      .join('\n');

  const runsFor = (callers: number) => RUNS + 4 * Math.min(callers, 8);

  const operations = new OpenApiArbitraries(document, () => []).operations();
  const key = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;
  const ordered = [...operations.filter((op) => !RUN_LAST.includes(key(op))), ...RUN_LAST.map((k) => operations.find((op) => key(op) === k)!).filter(Boolean)];

  it('knows who may call every operation of the document', () => {
    expect(ordered.filter((op) => !(callersOf.get(key(op)) ?? []).length).map(key)).toEqual([]);
    expect(ordered).toHaveLength(operations.length);
  });

  it.each(ordered.map((op) => [key(op), op] as const))(
    '%s',
    async (name, op) => {
      const callers = callersOf.get(name) ?? [];
      expect(callers.length).toBeGreaterThan(0);
      const caller = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...callers) }, { weight: 1, arbitrary: fc.constantFrom(...FORGED) });
      const property = fc.asyncProperty(arbitraries.request(op, caller), async (r) => {
        const before = t.contract.violations.length;
        const answer = await send(r);
        if (!answer) return;
        if (answer.status >= 500) throw new Error(`answered ${answer.status}: ${answer.text.slice(0, 500)}\nlogged: ${loggedFor(answer.requestId)}`);
        const broken = t.contract.violations.slice(before);
        if (broken.length)
          throw new Error(`broke the contract (docs/openapi.json): ${broken.join('; ')}\nanswer: ${answer.status} ${answer.text.slice(0, 500)}`);
      });
      const seed = (SEED ^ hash(name)) | 0;
      const started = Date.now();
      const details = await fc.check(property, {
        seed,
        numRuns: runsFor(callers.length),
        endOnFailure: !SHRINK,
        ...(REPLAY_PATH ? { path: REPLAY_PATH } : {}),
      });
      timings.push([name, Date.now() - started, details.numRuns]);
      if (details.failed) {
        const [request] = (details.counterexample ?? []) as [GeneratedRequest];
        const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(
          [
            `${name} failed after ${details.numRuns} request(s), shrunk ${details.numShrinks} time(s). The minimal request:`,
            request ? describeRequest(request) : '(none)',
            message,
            `Replay: GENERATIVE_SEED=${SEED} npm run test:e2e -- --testPathPatterns test/platform/generative -t '${name}'`,
            `  (exactly this request: add GENERATIVE_PATH='${details.counterexamplePath}'; the whole file replays the same state)`,
          ].join('\n'),
        );
      }
      // The API enqueues mail; it never sends any itself (the sink is there in case that ever changes).
      expect(smtp.received).toEqual([]);
    },
    600_000,
  );
});
