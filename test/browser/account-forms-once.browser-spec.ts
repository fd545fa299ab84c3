/**
 * The account's forms sent twice (a double click, a browser retrying the POST, "back" and send
 * again) do their work once, and the repeat is answered as the first was: the same redirect and the
 * same notice, never an error page (apps/web/src/account/form-once.ts). Against the real
 * api + worker + web, over plain HTTP with a cookie jar: no browser is needed to send a form twice,
 * and none is launched (CI's browser time is kept for journeys).
 *
 * Each form is fetched as a person gets it (its CSRF token and its one-time token), then sent
 * twice at once and a third time after, with the same tokens.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiClient } from '@app/api-client';
import { createApiClient } from '@app/api-client';
import { Locale, translate } from '@app/i18n';
import { ROUTES } from '../../apps/web/src/routes';
import { WORKER_PASSWORD, createWorker, fileFromAccount, newEmail, overchargedPlacement, withDb } from './support/account-fixtures';
import { seedDemoData, signedInApi } from './support/agencies-fixtures';
import { stack } from './support/stack';
import { DEMO_PASSWORD, movedComplaint } from './support/tracking-fixtures';

const RECEIPT = readFileSync(join(__dirname, 'fixtures', 'complaints', 'receipt.jpg'));
const PDF = readFileSync(join(__dirname, 'fixtures', 'complaints', 'contract.pdf'));
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

function ok<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined) throw new Error(`${what} answered ${r.response.status}: ${JSON.stringify(r.error)}`);
  return r.data;
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** A visitor of the web with a cookie jar; redirects are not followed (their Location is the answer). */
class Visitor {
  private readonly cookies = new Map<string, string>();

  /** `lang`: the language the browser asks for (Accept-Language). */
  constructor(private readonly lang: Locale = 'en') {}

  async send(path: string, init: RequestInit = {}): Promise<{ status: number; location: string | null; html: string }> {
    const res = await fetch(`${stack().webUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), 'accept-language': this.lang, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  }

  /** The hidden fields of the page's form posting to `action` (its CSRF and one-time tokens). */
  async form(page: string, action: string): Promise<Record<string, string>> {
    const { status, html } = await this.send(page);
    if (status !== 200) throw new Error(`GET ${page} answered ${status}`);
    const start = html.indexOf(`action="${action}"`);
    if (start < 0) throw new Error(`no form posting to ${action} on ${page}`);
    const form = html.slice(start, html.indexOf('</form>', start));
    const fields: Record<string, string> = {};
    for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]] = unescape(m[2]);
    return fields;
  }

  post(action: string, fields: Record<string, string>): Promise<{ status: number; location: string | null; html: string }> {
    return this.send(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  upload(
    action: string,
    fields: Record<string, string>,
    file: { name: string; type: string; content: Buffer },
  ): Promise<{ status: number; location: string | null; html: string }> {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    body.append('file', new Blob([new Uint8Array(file.content)], { type: file.type }), file.name);
    return this.send(action, { method: 'POST', body });
  }

  async signIn(email: string): Promise<void> {
    const hidden = await this.form(ROUTES.signIn, ROUTES.signIn);
    const res = await this.post(ROUTES.signIn, { ...hidden, email, password: WORKER_PASSWORD });
    if (res.status !== 303 || res.location !== ROUTES.account) throw new Error(`signing in answered ${res.status} ${res.location}`);
  }
}

type Sent = { status: number; location: string | null; html: string };

/** Sends twice at once, then once more: every answer the same redirect. Answers where it led. */
async function sendThrice(send: () => Promise<Sent>): Promise<string> {
  const answers = [...(await Promise.all([send(), send()])), await send()];
  expect(answers.map((a) => a.status)).toEqual([303, 303, 303]);
  const [first] = answers;
  expect(answers.map((a) => a.location)).toEqual([first.location, first.location, first.location]);
  return first.location!;
}

/** The page a redirect leads to, and its success banner's text. */
async function banner(visitor: Visitor, location: string): Promise<string> {
  const { status, html } = await visitor.send(location);
  expect(status).toBe(200);
  const at = html.indexOf('govuk-notification-banner--success');
  return at < 0
    ? ''
    : html
        .slice(at, html.indexOf('</div>', html.indexOf('govuk-notification-banner__content', at)))
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
}

const workerApi = (accessToken: string): ApiClient => createApiClient({ baseUrl: stack().apiUrl, accessToken: () => accessToken });

describe('the account forms, sent twice', () => {
  let agency: ApiClient;
  let officer: ApiClient;
  let supervisor: ApiClient;
  beforeAll(async () => {
    await seedDemoData();
    [agency, officer, supervisor] = await Promise.all([
      signedInApi('admin@bayanihan.demo.lcs', DEMO_PASSWORD),
      signedInApi('welfare@demo.lcs', DEMO_PASSWORD),
      signedInApi('supervisor@demo.lcs', DEMO_PASSWORD),
    ]);
  }, 300_000);

  it('register: one registration and one mail; every send is shown "check your email"', async () => {
    const visitor = new Visitor();
    const email = newEmail('twice');
    const hidden = await visitor.form(ROUTES.accountRegister, ROUTES.accountRegister);
    expect(hidden._once).toMatch(/^[0-9a-f-]{36}$/);
    const location = await sendThrice(() =>
      visitor.post(ROUTES.accountRegister, { ...hidden, name: 'Maria Santos', email, newPassword: WORKER_PASSWORD, language: 'en' }),
    );
    expect(location).toBe(ROUTES.accountRegisterSent);
    expect((await visitor.send(location)).html).toContain(email);
    const links = await withDb(
      async (db) => (await db.query(`SELECT count(*)::int AS n FROM account_link WHERE purpose = 'verify-email' AND email = $1`, [email])).rows[0].n,
    );
    expect(links).toBe(1);
    // A new form (a new token) is a new registration, as before.
    const again = await visitor.form(ROUTES.accountRegister, ROUTES.accountRegister);
    expect(again._once).not.toBe(hidden._once);
  }, 60_000);

  it('a complaint: information, a file and an appeal are each added once; the repeat shows the same notice', async () => {
    const worker = await createWorker('twice-case', 'ne');
    const filed = await fileFromAccount(worker.accessToken, 'ne');
    await movedComplaint('ne', 'decided', { filed, supervisor });
    const visitor = new Visitor('ne');
    await visitor.signIn(worker.email);
    const page = `${ROUTES.accountComplaints}/${filed.id}`;
    const api = workerApi(worker.accessToken);

    const info = await visitor.form(page, `${page}/information`);
    const text = `Sent twice ${randomUUID()}: the agency called me again.`;
    expect(await sendThrice(() => visitor.post(`${page}/information`, { ...info, text }))).toBe(page);
    expect(await banner(visitor, page)).toContain(translate('ne', 'account.complaints.information.added'));
    const view = ok('the case', await api.GET('/me/complaints/{id}', { params: { path: { id: filed.id } } }));
    expect(view.timeline.filter((e) => e.kind === 'information' && (e.body ?? '').includes(text))).toHaveLength(1);

    const evidence = await visitor.form(page, `${page}/evidence`);
    expect(
      await sendThrice(() => visitor.upload(`${page}/evidence`, { ...evidence, kind: 'receipt' }, { name: 'IMG_1.jpg', type: 'image/jpeg', content: RECEIPT })),
    ).toBe(page);
    expect(await banner(visitor, page)).toContain(translate('ne', 'account.complaints.evidence.added'));
    expect(ok('the files', await api.GET('/me/complaints/{id}/evidence', { params: { path: { id: filed.id }, query: { pageSize: 100 } } })).items).toHaveLength(
      1,
    );

    // The appeal: the second send is not "the case changed meanwhile" (it was this form that changed it).
    const appeal = await visitor.form(page, `${page}/appeal`);
    expect(
      await sendThrice(() => visitor.post(`${page}/appeal`, { ...appeal, reason: 'The agency kept my passport; my sister saw it in their office.' })),
    ).toBe(page);
    expect(await banner(visitor, page)).toContain(translate('ne', 'account.complaints.appeal.done'));
    const appealed = ok('the case', await api.GET('/me/complaints/{id}', { params: { path: { id: filed.id } } }));
    expect(appealed.stage).toBe('appealed');
    expect(appealed.timeline.filter((e) => e.kind === 'appeal')).toHaveLength(1);
  }, 120_000);

  it('a fee statement ("this is not what I paid") is filed once', async () => {
    const worker = await createWorker('twice-fees', 'fil');
    const placement = await overchargedPlacement(agency, worker.email);
    const visitor = new Visitor();
    await visitor.signIn(worker.email);
    const form = `${ROUTES.accountPlacements}/${placement.id}/statement`;
    const hidden = await visitor.form(form, form);
    const location = await sendThrice(() => visitor.post(form, { ...hidden, 'paid-0': '75000', extraItem: '', extraAmount: '', note: '' }));
    expect(location).toBe(`${ROUTES.accountPlacements}/${placement.id}`);
    expect(await banner(visitor, location)).not.toBe('');
    const statements = await withDb(
      async (db) => (await db.query(`SELECT count(*)::int AS n FROM fee_statement WHERE placement_id = $1`, [placement.id])).rows[0].n,
    );
    expect(statements).toBe(1);
  }, 60_000);

  it('a welfare claim is filed once, and a requested document sent once', async () => {
    const worker = await createWorker('twice-welfare', 'id');
    const placement = await overchargedPlacement(agency, worker.email);
    ok(
      'the contribution',
      await agency.POST('/welfare/contributions', {
        body: { placementId: placement.id, paidOn: daysAgo(10).toISOString().slice(0, 10), receiptNumber: `OWWA-${randomUUID().slice(0, 8)}` },
      }),
    );
    const visitor = new Visitor('id');
    await visitor.signIn(worker.email);
    const hidden = await visitor.form(ROUTES.accountWelfareNewClaim, ROUTES.accountWelfareNewClaim);
    // The form lists each type's documents before filing (the API's checklist, in the reader's language).
    const formPage = (await visitor.send(ROUTES.accountWelfareNewClaim)).html;
    for (const code of ['medical-report', 'medical-receipts', 'travel-receipts', 'proof-of-return', 'business-plan'])
      expect(formPage).toContain(translate('id', `account.welfare.documents.${code}`));
    const incident = daysAgo(5);
    const fields = {
      ...hidden,
      claimType: 'medical',
      passport: '', // prefilled on the page; read back below
      name: 'Maria Santos',
      'incident-day': String(incident.getUTCDate()),
      'incident-month': String(incident.getUTCMonth() + 1),
      'incident-year': String(incident.getUTCFullYear()),
      facts: 'I was treated in hospital for a back injury at work.',
      amount: '500',
      degree: '',
      payout: 'BDO 0012-3456-78',
    };
    const membership = ok('the membership', await workerApi(worker.accessToken).GET('/me/welfare/membership'));
    fields.passport = membership.memberships[0].passportNumber;
    const claimPage = await sendThrice(() => visitor.post(ROUTES.accountWelfareNewClaim, fields));
    expect(claimPage).toMatch(/^\/account\/welfare\/claims\/[0-9a-f-]{36}$/);
    expect(await banner(visitor, claimPage)).toContain(translate('id', 'account.welfare.claim.doneTitle'));
    const claims = ok('the claims', await workerApi(worker.accessToken).GET('/welfare/claims', { params: { query: { pageSize: 100 } } })).items;
    expect(claims).toHaveLength(1);
    const id = claims[0].id;

    const read = async () => ok('the claim', await officer.GET('/welfare/claims/{id}', { params: { path: { id } } }));
    ok(
      'take',
      await officer.POST('/welfare/claims/{id}/actions/{action}', {
        params: { path: { id, action: 'take' } },
        body: { version: (await read()).version } as never,
      }),
    );
    ok(
      'request',
      await officer.POST('/welfare/claims/{id}/actions/{action}', {
        params: { path: { id, action: 'request-documents' } },
        body: { version: (await read()).version, documents: ['medical-receipts'] } as never,
      }),
    );
    const upload = await visitor.form(claimPage, `${claimPage}/documents`);
    // The only document asked for: without the guard, the repeat would be refused (nothing is asked for any more).
    expect(
      await sendThrice(() =>
        visitor.upload(`${claimPage}/documents`, { ...upload, document: 'medical-receipts' }, { name: 'receipts.pdf', type: 'application/pdf', content: PDF }),
      ),
    ).toBe(claimPage);
    expect(await banner(visitor, claimPage)).toContain(translate('id', 'account.welfare.claim.allUploaded'));
    expect(ok('the documents', await workerApi(worker.accessToken).GET('/me/welfare/claims/{id}/documents', { params: { path: { id } } }))).toHaveLength(1);
    expect((await read()).state).toBe('under_review');
  }, 90_000);

  it('a form whose first send was refused is answered the same when sent again (nothing is remembered from it)', async () => {
    const worker = await createWorker('twice-refused', 'en');
    const filed = await fileFromAccount(worker.accessToken, 'en');
    const visitor = new Visitor();
    await visitor.signIn(worker.email);
    const page = `${ROUTES.accountComplaints}/${filed.id}`;
    const info = await visitor.form(page, `${page}/information`);
    const answers = [await visitor.post(`${page}/information`, { ...info, text: '' }), await visitor.post(`${page}/information`, { ...info, text: '' })];
    expect(answers.map((a) => a.status)).toEqual([400, 400]);
    for (const a of answers) expect(a.html).toContain(translate('en', 'account.complaints.information.missing'));
    // Then filled in, with the same token: added.
    expect((await visitor.post(`${page}/information`, { ...info, text: 'Now with words in it.' })).status).toBe(303);
    // Another session cannot replay the token.
    const stranger = new Visitor();
    const strangerWorker = await createWorker('twice-stranger', 'en');
    await stranger.signIn(strangerWorker.email);
    const theirs = await stranger.form(ROUTES.account, ROUTES.signOut).catch(() => ({}) as Record<string, string>);
    const replay = await stranger.post(`${page}/information`, { ...theirs, _once: info._once, text: 'Not my case.' });
    expect(replay.status).toBe(404);
  }, 60_000);
});
