/**
 * Every route, for every role and for anonymous, answers the status docs/auth.md documents:
 * the allowed callers get the route's success status (with a valid request), a signed-in caller
 * without the role 403, anonymous 401. A route missing from this table fails the test, so each
 * new module must add its routes here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { EscrowService } from '@app/agencies';
import { ROLES, Role, listRouteAccess } from '@app/auth';
import { DocumentsService } from '@app/documents';
import { SMALL_PDF } from '../documents/fixtures';
import { TEST_DEADLINE_HANDLERS, TestReviewHandler } from '../support/deadline-kinds';
import { TEST_PASSWORD, TestUser, createAgency, createUser, mailedLink } from '../support/identity';
import { createEvidenceFixtures, evidenceFixtures as ef } from '../support/complaint-evidence-fixtures';
import { complaintBody, complaintsFixtures as cf, createComplaintsFixtures } from '../support/complaints-fixtures';
import { createFeesFixtures, feesFixtures as ff, placementBody } from '../support/fees-fixtures';
import { createLicensingFixtures, licensingFixtures as lf } from '../support/licensing-fixtures';
import { createWelfareFixtures, welfareFixtures as wf } from '../support/welfare-fixtures';
import { TestApp, createTestApp } from '../support/test-app';

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = [...ROLES, 'anonymous'];

interface Cell {
  caller: TestUser | null;
  /** A fresh account of the caller's agency (or of a demo agency for ministry callers), for routes about "a user". */
  target: TestUser;
  unique: string;
}

type RouteRequest = { path: string; body?: object; headers?: Record<string, string>; attach?: { field: string; content: Buffer; filename: string } };

interface RouteCase {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as registered (`:id` placeholders). */
  route: string;
  who: 'public' | 'authenticated' | Role[];
  success: number;
  /** The concrete request: path and body. */
  /** With `attach`, the request is multipart/form-data: the body's members become text fields. */
  request: (c: Cell) => RouteRequest | Promise<RouteRequest>;
}

/** Records some routes need, created in beforeAll (the request builders run later, inside each test). */
const fixtures = { failedNotificationId: '00000000-0000-4000-8000-000000000000', agencyDocumentId: '00000000-0000-4000-8000-000000000000' };
/** The app under test, for request builders that need a mailed link (set in beforeAll). */
let linksApp: TestApp;
let inviter: TestUser | undefined;
/** A live token of a mailed link, made the way people get one. */
async function linkToken(
  template: 'account.verify-email' | 'account.password-reset' | 'account.staff-invitation' | 'account.agency-registration',
  unique: string,
  target: TestUser,
): Promise<string> {
  if (template === 'account.agency-registration') {
    const body = agencyRegistration(`link${unique}`);
    await linksApp.http.post('/agency-registrations').send(body).expect(202);
    return (await mailedLink(linksApp, template, body.admin.email)).token;
  }
  if (template === 'account.verify-email') {
    const email = `verify.${unique}@test.lcs`;
    await linksApp.http.post('/auth/register').send({ email, password: TEST_PASSWORD, displayName: 'New Worker' }).expect(202);
    return (await mailedLink(linksApp, template, email)).token;
  }
  if (template === 'account.password-reset') {
    await linksApp.http.post('/auth/password-reset').send({ email: target.email }).expect(202);
    return (await mailedLink(linksApp, template, target.email)).token;
  }
  inviter ??= await createUser(linksApp, { roles: ['agency_admin'], agencyId: (await createAgency(linksApp)).id });
  const email = `invited.${unique}@test.lcs`;
  await linksApp.http.post('/agency/users').set('Authorization', inviter.bearer).send({ email, displayName: 'Invited Staff' }).expect(202);
  return (await mailedLink(linksApp, template, email)).token;
}
/** A valid registration of a new agency (POST /agency-registrations), unique by `unique`. */
const agencyRegistration = (unique: string) => ({
  legalName: `Matrix Manpower ${unique} Inc.`,
  registrationNumber: `CS-M${unique}`.slice(0, 40),
  address: '21 Mabini Street, Ermita, Manila',
  contactEmail: `office.${unique}@test.lcs`,
  contactPhone: '+63 2 8555 0100',
  owners: [{ name: 'Ligaya Ramos', nationality: 'PH', sharePercent: 100 }],
  officers: [{ name: 'Ligaya Ramos', position: 'President' }],
  capital: { amountMinor: '500000000', currency: 'PHP' },
  admin: { email: `agency.admin.${unique}@test.lcs`, password: TEST_PASSWORD, displayName: 'Ligaya Ramos', preferredLanguage: 'en' },
});
/** Uploaded files of this run (DOCUMENTS_DIR), removed at the end. */
const documentsDir = mkdtempSync(join(tmpdir(), 'lcs-matrix-documents-'));

const ROUTES: RouteCase[] = [
  { method: 'GET', route: '/health/live', who: 'public', success: 200, request: () => ({ path: '/health/live' }) },
  { method: 'GET', route: '/health/ready', who: 'public', success: 200, request: () => ({ path: '/health/ready' }) },
  {
    method: 'POST',
    route: '/auth/register',
    who: 'public',
    success: 202,
    request: (c) => ({ path: '/auth/register', body: { email: `reg.${c.unique}@test.lcs`, password: TEST_PASSWORD, displayName: 'New Worker' } }),
  },
  {
    method: 'POST',
    route: '/auth/verify-email',
    who: 'public',
    success: 200,
    request: async (c) => ({
      path: '/auth/verify-email',
      body: { token: await linkToken('account.verify-email', c.unique, c.target), password: TEST_PASSWORD },
    }),
  },
  {
    method: 'POST',
    route: '/agency-registrations',
    who: 'public',
    success: 202,
    request: (c) => ({ path: '/agency-registrations', body: agencyRegistration(c.unique) }),
  },
  {
    method: 'POST',
    route: '/agency-registrations/verify',
    who: 'public',
    success: 200,
    request: async (c) => ({
      path: '/agency-registrations/verify',
      body: { token: await linkToken('account.agency-registration', c.unique, c.target), password: TEST_PASSWORD },
    }),
  },
  {
    method: 'POST',
    route: '/auth/verify-email/resend',
    who: 'public',
    success: 202,
    request: (c) => ({ path: '/auth/verify-email/resend', body: { email: `reg.${c.unique}@test.lcs`, password: TEST_PASSWORD } }),
  },
  {
    method: 'POST',
    route: '/auth/password-reset',
    who: 'public',
    success: 202,
    request: (c) => ({ path: '/auth/password-reset', body: { email: c.target.email } }),
  },
  {
    method: 'POST',
    route: '/auth/password-reset/confirm',
    who: 'public',
    success: 204,
    request: async (c) => ({
      path: '/auth/password-reset/confirm',
      body: { token: await linkToken('account.password-reset', c.unique, c.target), newPassword: 'a new passphrase for the matrix' },
    }),
  },
  {
    method: 'POST',
    route: '/auth/invitations/accept',
    who: 'public',
    success: 200,
    request: async (c) => ({
      path: '/auth/invitations/accept',
      body: { token: await linkToken('account.staff-invitation', c.unique, c.target), password: TEST_PASSWORD },
    }),
  },
  {
    method: 'POST',
    route: '/auth/login',
    who: 'public',
    success: 200,
    request: (c) => ({ path: '/auth/login', body: { email: c.target.email, password: TEST_PASSWORD } }),
  },
  {
    method: 'POST',
    route: '/auth/refresh',
    who: 'public',
    success: 200,
    request: (c) => ({ path: '/auth/refresh', body: { refreshToken: c.target.refreshToken } }),
  },
  { method: 'POST', route: '/auth/logout', who: 'authenticated', success: 204, request: () => ({ path: '/auth/logout' }) },
  { method: 'GET', route: '/me', who: 'authenticated', success: 200, request: () => ({ path: '/me' }) },
  { method: 'PATCH', route: '/me', who: 'authenticated', success: 200, request: () => ({ path: '/me', body: { preferredLanguage: 'ne' } }) },
  {
    method: 'POST',
    route: '/me/password',
    who: 'authenticated',
    success: 204,
    request: () => ({ path: '/me/password', body: { currentPassword: TEST_PASSWORD, newPassword: 'a much longer passphrase 2026' } }),
  },
  {
    method: 'POST',
    route: '/admin/users',
    who: ['admin'],
    success: 201,
    request: (c) => ({
      path: '/admin/users',
      body: { email: `staff.${c.unique}@test.lcs`, password: TEST_PASSWORD, displayName: 'New Inspector', roles: ['inspector'] },
    }),
  },
  { method: 'GET', route: '/admin/users', who: ['admin'], success: 200, request: () => ({ path: '/admin/users' }) },
  { method: 'GET', route: '/admin/users/:id', who: ['admin'], success: 200, request: (c) => ({ path: `/admin/users/${c.target.id}` }) },
  {
    method: 'POST',
    route: '/admin/users/:id/disable',
    who: ['admin'],
    success: 200,
    request: (c) => ({ path: `/admin/users/${c.target.id}/disable`, body: { reason: 'left the agency' } }),
  },
  { method: 'POST', route: '/admin/users/:id/enable', who: ['admin'], success: 200, request: (c) => ({ path: `/admin/users/${c.target.id}/enable` }) },
  {
    method: 'PUT',
    route: '/admin/users/:id/roles',
    who: ['admin'],
    success: 200,
    request: (c) => ({ path: `/admin/users/${c.target.id}/roles`, body: { roles: ['agency_admin'], agencyId: c.target.agencyId } }),
  },
  { method: 'GET', route: '/agency/users', who: ['agency_admin', 'agency_staff'], success: 200, request: () => ({ path: '/agency/users' }) },
  {
    method: 'GET',
    route: '/agency/users/:id',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: (c) => ({ path: `/agency/users/${c.target.id}` }),
  },
  {
    method: 'POST',
    route: '/agency/users',
    who: ['agency_admin'],
    success: 202,
    request: (c) => ({ path: '/agency/users', body: { email: `agstaff.${c.unique}@test.lcs`, displayName: 'New Staff' } }),
  },
  {
    method: 'POST',
    route: '/agency/users/:id/disable',
    who: ['agency_admin'],
    success: 200,
    request: (c) => ({ path: `/agency/users/${c.target.id}/disable`, body: { reason: 'left' } }),
  },
  {
    method: 'GET',
    route: '/audit/subjects/:type/:id',
    who: ['supervisor'],
    success: 200,
    request: (c) => ({ path: `/audit/subjects/user/${c.target.id}` }),
  },
  { method: 'GET', route: '/audit/chains', who: ['supervisor'], success: 200, request: () => ({ path: '/audit/chains' }) },
  { method: 'GET', route: '/audit/entries', who: ['supervisor'], success: 200, request: () => ({ path: '/audit/entries?action=complaint&limit=5' }) },
  { method: 'GET', route: '/admin/notifications', who: ['admin'], success: 200, request: () => ({ path: '/admin/notifications?state=failed' }) },
  { method: 'GET', route: '/admin/notifications/metrics', who: ['admin'], success: 200, request: () => ({ path: '/admin/notifications/metrics' }) },
  {
    method: 'GET',
    route: '/admin/notifications/:id',
    who: ['admin'],
    success: 200,
    request: () => ({ path: `/admin/notifications/${fixtures.failedNotificationId}` }),
  },
  // Only the admin's request reaches the handler, so one failed message (inserted in beforeAll) is enough.
  {
    method: 'POST',
    route: '/admin/notifications/:id/resend',
    who: ['admin'],
    success: 200,
    request: () => ({ path: `/admin/notifications/${fixtures.failedNotificationId}/resend` }),
  },
  { method: 'GET', route: '/admin/sla-policies', who: ['admin'], success: 200, request: () => ({ path: '/admin/sla-policies' }) },
  {
    method: 'GET',
    route: '/admin/penalty-schedules',
    who: ['admin', 'supervisor', 'inspector'],
    success: 200,
    request: () => ({ path: '/admin/penalty-schedules' }),
  },
  {
    method: 'POST',
    route: '/admin/penalty-schedules',
    who: ['admin'],
    success: 201,
    request: () => ({
      path: '/admin/penalty-schedules',
      body: {
        effectiveFrom: '2099-01-01',
        lessSeriousLadder: [{ minMonths: 2, maxMonths: 6 }],
        seriousCategories: ['retained-documents'],
        seriousFine: { amountMinor: '50000000', currency: 'PHP' },
        cumulativeSuspensionThresholdMonths: 12,
        proposedMonths: 'minimum',
      },
    }),
  },
  { method: 'GET', route: '/admin/sla-policies/:kind', who: ['admin'], success: 200, request: () => ({ path: '/admin/sla-policies/test.review' }) },
  {
    method: 'PUT',
    route: '/admin/sla-policies/:kind',
    who: ['admin'],
    success: 200,
    request: () => ({ path: '/admin/sla-policies/test.review', body: new TestReviewHandler().definition.defaultPolicy }),
  },
  { method: 'GET', route: '/admin/jurisdictions', who: 'authenticated', success: 200, request: () => ({ path: '/admin/jurisdictions' }) },
  {
    method: 'GET',
    route: '/admin/jurisdictions/:code/holidays',
    who: 'authenticated',
    success: 200,
    request: () => ({ path: '/admin/jurisdictions/PH/holidays?year=2026' }),
  },
  {
    method: 'PUT',
    route: '/admin/jurisdictions/:code',
    who: ['admin'],
    success: 200,
    request: () => ({ path: '/admin/jurisdictions/PH', body: { name: 'Philippines', timeZone: 'Asia/Manila', weekendDays: [6, 7] } }),
  },
  {
    method: 'PUT',
    route: '/admin/jurisdictions/:code/holidays/:date',
    who: ['admin'],
    success: 200,
    request: () => ({ path: '/admin/jurisdictions/PH/holidays/2031-06-12', body: { name: 'Independence Day' } }),
  },
  // Only the admin's request reaches the handler: one holiday (inserted in beforeAll) to remove is enough.
  {
    method: 'DELETE',
    route: '/admin/jurisdictions/:code/holidays/:date',
    who: ['admin'],
    success: 204,
    request: () => ({ path: '/admin/jurisdictions/PH/holidays/2031-12-01' }),
  },
  { method: 'GET', route: '/admin/deadlines/metrics', who: ['admin', 'supervisor'], success: 200, request: () => ({ path: '/admin/deadlines/metrics' }) },
  // Documents: one document of the matrix's agency stored in beforeAll.
  {
    method: 'POST',
    route: '/agency/documents',
    who: ['agency_admin', 'agency_staff'],
    success: 201,
    request: () => ({ path: '/agency/documents', body: { kind: 'business-permit' }, attach: { field: 'file', content: SMALL_PDF, filename: 'permit.pdf' } }),
  },
  { method: 'GET', route: '/agency/documents', who: ['agency_admin', 'agency_staff'], success: 200, request: () => ({ path: '/agency/documents' }) },
  {
    method: 'GET',
    route: '/agency/documents/:id/content',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: () => ({ path: `/agency/documents/${fixtures.agencyDocumentId}/content` }),
  },
  {
    method: 'GET',
    route: '/licensing/agencies/:agencyId/documents',
    who: ['inspector', 'supervisor', 'admin'],
    success: 200,
    request: (c) => ({ path: `/licensing/agencies/${c.target.agencyId}/documents` }),
  },
  {
    method: 'GET',
    route: '/licensing/documents/:id/content',
    who: ['inspector', 'supervisor', 'admin'],
    success: 200,
    request: () => ({ path: `/licensing/documents/${fixtures.agencyDocumentId}/content` }),
  },
  // Escrow: the matrix's agency has an account (opened in beforeAll).
  // Fees (before the licensing rows: the matrix agency's license is surrendered there, and recording a placement needs it).
  {
    method: 'POST',
    route: '/admin/fee-rules',
    who: ['admin'],
    success: 201,
    request: () => ({
      path: '/admin/fee-rules',
      body: {
        destinationCountry: 'KR',
        occupationCategory: 'general',
        originCountry: 'PH',
        validFrom: '2027-01-01',
        placementFeeCap: { kind: 'none' },
        allowedItems: [],
        prohibitedItems: [],
        protected: false,
        source: 'matrix',
      },
    }),
  },
  {
    method: 'POST',
    route: '/admin/fee-rules/:id/end',
    who: ['admin'],
    success: 200,
    request: () => ({ path: `/admin/fee-rules/${ff.ruleToEndId}/end`, body: { validTo: '2099-12-31' } }),
  },
  {
    method: 'POST',
    route: '/admin/model-contracts',
    who: ['admin'],
    success: 201,
    request: () => ({
      path: '/admin/model-contracts',
      body: {
        destinationCountry: 'KR',
        occupationCategory: 'general',
        originCountry: 'PH',
        validFrom: '2099-01-01',
        minMonthlySalaryMinor: '2000000',
        salaryCurrency: 'KRW',
        minRestDaysPerWeek: 1,
        minPaidLeaveDaysPerYear: 15,
        contractMonths: 36,
        farePaidBy: 'employer',
        source: 'matrix',
      },
    }),
  },
  {
    method: 'POST',
    route: '/admin/model-contracts/:id/end',
    who: ['admin'],
    success: 200,
    request: () => ({ path: `/admin/model-contracts/${ff.modelToEndId}/end`, body: { validTo: '2099-12-31' } }),
  },
  { method: 'GET', route: '/model-contracts', who: 'authenticated', success: 200, request: () => ({ path: '/model-contracts' }) },
  {
    method: 'PUT',
    route: '/admin/exchange-rates/:base/:quote/:date',
    who: ['admin'],
    success: 201,
    request: () => ({ path: '/admin/exchange-rates/USD/JPY/2026-01-05', body: { rate: '157.25', source: 'matrix' } }),
  },
  {
    method: 'GET',
    route: '/fees/exchange-rates',
    who: ['inspector', 'supervisor', 'welfare_officer', 'admin'],
    success: 200,
    request: () => ({ path: '/fees/exchange-rates?base=PHP' }),
  },
  {
    method: 'POST',
    route: '/placements',
    who: ['agency_admin', 'agency_staff'],
    success: 201,
    request: () => ({ path: '/placements', body: placementBody({ recruitedOn: '2026-01-05', contractStart: '2026-02-01' }) }),
  },
  {
    method: 'GET',
    route: '/placements',
    who: ['agency_admin', 'agency_staff', 'inspector', 'supervisor', 'welfare_officer', 'admin', 'worker'],
    success: 200,
    request: () => ({ path: '/placements' }),
  },
  ...(['', '/revisions', '/assessments'] as const).map((suffix): RouteCase => ({
    method: 'GET',
    route: `/placements/:id${suffix}`,
    who: ['agency_admin', 'agency_staff', 'inspector', 'supervisor', 'welfare_officer', 'admin', 'worker'],
    success: 200,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await ff.linkWorker(c.caller.id);
      return { path: `/placements/${ff.placementId}${suffix}` };
    },
  })),
  {
    method: 'POST',
    route: '/placements/:id/amendments',
    who: ['agency_admin', 'agency_staff', 'inspector', 'supervisor'],
    success: 201,
    request: async (c) => ({
      path: `/placements/${ff.placementId}/amendments`,
      body: { revision: await ff.revision(), reason: 'matrix correction', terms: { employerName: `Employer ${c.unique}` } },
    }),
  },
  {
    method: 'POST',
    route: '/placements/:id/statements',
    who: ['worker', 'inspector', 'supervisor'],
    success: 201,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await ff.linkWorker(c.caller.id);
      return {
        path: `/placements/${ff.placementId}/statements`,
        body: { lines: [{ item: 'placement-fee', amountMinor: '100', currency: 'PHP', date: new Date().toISOString().slice(0, 10) }] },
      };
    },
  },
  {
    method: 'GET',
    route: '/refund-orders',
    who: ['agency_admin', 'agency_staff', 'inspector', 'supervisor', 'welfare_officer', 'admin'],
    success: 200,
    request: () => ({ path: '/refund-orders' }),
  },
  {
    method: 'GET',
    route: '/refund-orders/:id',
    who: ['agency_admin', 'agency_staff', 'inspector', 'supervisor', 'welfare_officer', 'admin'],
    success: 200,
    request: () => ({ path: `/refund-orders/${ff.payByInspectorId}` }),
  },
  {
    method: 'POST',
    route: '/refund-orders/:id/payment',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: (c) => ({
      path: `/refund-orders/${c.caller?.roles.includes('supervisor') ? ff.payBySupervisorId : ff.payByInspectorId}/payment`,
      body: { version: 1, paidReference: `GCASH-${c.unique}` },
    }),
  },
  {
    method: 'POST',
    route: '/refund-orders/:id/cancel',
    who: ['supervisor'],
    success: 200,
    request: () => ({ path: `/refund-orders/${ff.toCancelId}/cancel`, body: { version: 1, reason: 'matrix cancel' } }),
  },
  {
    method: 'POST',
    route: '/refund-orders/:id/reject-declaration',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: (c) => ({
      path: `/refund-orders/${c.caller?.roles.includes('supervisor') ? ff.rejectBySupervisorId : ff.rejectByInspectorId}/reject-declaration`,
      body: { version: 1, reason: 'matrix rejection' },
    }),
  },
  {
    method: 'GET',
    route: '/refund-orders/:id/payment-proof',
    who: ['agency_admin', 'agency_staff', 'inspector', 'supervisor', 'welfare_officer', 'admin'],
    success: 200,
    request: () => ({ path: `/refund-orders/${ff.proofOrderId}/payment-proof` }),
  },
  {
    method: 'POST',
    route: '/agency/refund-orders/:id/payment-declaration',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: (c) => ({
      path: `/agency/refund-orders/${c.caller?.roles.includes('agency_staff') ? ff.declareByStaffId : ff.declareByAdminId}/payment-declaration`,
      body: { paymentReference: `GCASH-${c.unique}` },
      attach: { field: 'file', content: SMALL_PDF, filename: 'receipt.pdf' },
    }),
  },
  {
    method: 'GET',
    route: '/public/fees/calculator',
    who: 'public',
    success: 200,
    request: () => ({ path: '/public/fees/calculator?destinationCountry=HK&occupationCategory=general&monthlySalaryMinor=600000&salaryCurrency=HKD' }),
  },
  {
    method: 'POST',
    route: '/public/fees/calculator/check',
    who: 'public',
    success: 200,
    request: () => ({
      path: '/public/fees/calculator/check',
      body: {
        destinationCountry: 'HK',
        occupationCategory: 'general',
        monthlySalaryMinor: '600000',
        salaryCurrency: 'HKD',
        fees: [{ item: 'placement-fee', amountMinor: '100', currency: 'PHP' }],
      },
    }),
  },
  { method: 'GET', route: '/public/fees/rules', who: 'public', success: 200, request: () => ({ path: '/public/fees/rules' }) },
  { method: 'GET', route: '/public/fees/vocabulary', who: 'public', success: 200, request: () => ({ path: '/public/fees/vocabulary' }) },
  // Welfare.
  {
    method: 'POST',
    route: '/welfare/contributions',
    who: ['agency_admin', 'agency_staff', 'welfare_officer'],
    success: 201,
    // Each allowed caller records the contribution of its own placement (one per placement).
    request: (c) => {
      const i = Math.max(0, ['agency_admin', 'agency_staff', 'welfare_officer'].indexOf(c.caller?.roles[0] ?? ''));
      return {
        path: '/welfare/contributions',
        body: { placementId: wf.placementIds[i], paidOn: new Date().toISOString().slice(0, 10), receiptNumber: `MATRIX-${c.unique}` },
      };
    },
  },
  {
    method: 'GET',
    route: '/welfare/members/:passport',
    who: ['welfare_officer', 'supervisor', 'worker'],
    success: 200,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await wf.linkMember(c.caller.id);
      return { path: `/welfare/members/${wf.passport}` };
    },
  },
  { method: 'GET', route: '/me/welfare/membership', who: ['worker'], success: 200, request: () => ({ path: '/me/welfare/membership' }) },
  {
    method: 'POST',
    route: '/me/welfare/claims/:id/documents',
    who: ['worker'],
    success: 201,
    request: async (c) => {
      const id = await wf.awaitingDocuments(c.caller?.roles.includes('worker') ? c.caller.id : null);
      return {
        path: `/me/welfare/claims/${id}/documents`,
        body: { document: 'membership-record' },
        attach: { field: 'file', content: SMALL_PDF, filename: 'record.pdf' },
      };
    },
  },
  {
    method: 'GET',
    route: '/me/welfare/claims/:id/documents',
    who: ['worker'],
    success: 200,
    request: async (c) => ({ path: `/me/welfare/claims/${await wf.awaitingDocuments(c.caller?.roles.includes('worker') ? c.caller.id : null)}/documents` }),
  },
  {
    method: 'POST',
    route: '/admin/benefit-schedules',
    who: ['admin'],
    success: 201,
    request: () => ({
      path: '/admin/benefit-schedules',
      body: { claimType: 'education-grant', rule: { kind: 'fixed', amountMinor: '1500000', currency: 'PHP' }, validFrom: '2099-01-01', source: 'matrix' },
    }),
  },
  {
    method: 'POST',
    route: '/admin/benefit-schedules/:id/end',
    who: ['admin'],
    success: 200,
    request: () => ({ path: `/admin/benefit-schedules/${wf.scheduleToEndId}/end`, body: { validTo: '2099-06-30' } }),
  },
  { method: 'GET', route: '/welfare/benefit-schedules', who: 'authenticated', success: 200, request: () => ({ path: '/welfare/benefit-schedules' }) },
  { method: 'GET', route: '/welfare/claim-types', who: 'authenticated', success: 200, request: () => ({ path: '/welfare/claim-types' }) },
  {
    method: 'POST',
    route: '/welfare/claims',
    who: ['worker', 'welfare_officer'],
    success: 201,
    // A worker files only as the member: their account is the worker of the placement whose contribution was paid.
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await wf.linkMember(c.caller.id);
      return {
        path: '/welfare/claims',
        body: {
          claimType: 'livelihood-grant',
          workerPassportNumber: wf.passport,
          workerName: 'Maria Santos',
          incidentDate: new Date().toISOString().slice(0, 10),
          facts: 'matrix claim',
          payout: 'matrix bank',
          language: 'en',
        },
      };
    },
  },
  {
    method: 'GET',
    route: '/welfare/members/:passport/beneficiaries',
    who: ['worker', 'welfare_officer', 'supervisor'],
    success: 200,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await wf.linkMember(c.caller.id);
      return { path: `/welfare/members/${wf.passport}/beneficiaries` };
    },
  },
  {
    method: 'POST',
    route: '/welfare/members/:passport/beneficiaries',
    who: ['worker', 'welfare_officer'],
    success: 201,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await wf.linkMember(c.caller.id);
      return {
        path: `/welfare/members/${wf.passport}/beneficiaries`,
        body: { name: 'Matrix Heir', relationship: 'child', idNumber: `ID-${c.unique}`, proof: { kind: 'birth-certificate', reference: `PSA-${c.unique}` } },
      };
    },
  },
  {
    method: 'POST',
    route: '/welfare/members/:passport/beneficiaries/:id/remove',
    who: ['worker', 'welfare_officer'],
    success: 200,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await wf.linkMember(c.caller.id);
      return { path: `/welfare/members/${wf.passport}/beneficiaries/${await wf.newBeneficiary()}/remove`, body: { reason: 'matrix removal' } };
    },
  },
  { method: 'GET', route: '/welfare/claims', who: ['worker', 'welfare_officer', 'supervisor'], success: 200, request: () => ({ path: '/welfare/claims' }) },
  {
    method: 'GET',
    route: '/welfare/claims/:id',
    who: ['worker', 'welfare_officer', 'supervisor'],
    success: 200,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await wf.linkFiler(c.caller.id);
      return { path: `/welfare/claims/${wf.claimId}` };
    },
  },
  {
    method: 'POST',
    route: '/welfare/claims/:id/actions/:action',
    who: ['welfare_officer', 'supervisor'],
    success: 200,
    request: async () => {
      const id = await wf.newClaim();
      return { path: `/welfare/claims/${id}/actions/take`, body: { version: await wf.version(id) } };
    },
  },
  {
    method: 'GET',
    route: '/welfare/fund',
    who: ['welfare_officer', 'supervisor', 'finance_officer', 'admin'],
    success: 200,
    request: () => ({ path: '/welfare/fund' }),
  },
  {
    method: 'POST',
    route: '/welfare/fund/income',
    who: ['finance_officer', 'admin'],
    success: 201,
    request: (c) => ({
      path: '/welfare/fund/income',
      headers: { 'Idempotency-Key': `matrix-income-${c.unique}` },
      body: {
        kind: 'other-income',
        amountMinor: '100',
        currency: 'PHP',
        receivedOn: '2026-01-05',
        reference: `MATRIX-INC-${c.unique}`,
        description: 'matrix income',
      },
    }),
  },
  {
    method: 'GET',
    route: '/welfare/fund/income',
    who: ['finance_officer', 'admin', 'welfare_officer', 'supervisor'],
    success: 200,
    request: () => ({ path: '/welfare/fund/income' }),
  },
  {
    method: 'GET',
    route: '/welfare/reports/fund-position',
    who: ['welfare_officer', 'supervisor'],
    success: 200,
    request: () => ({ path: '/welfare/reports/fund-position?format=csv' }),
  },
  {
    method: 'GET',
    route: '/welfare/reports/claims',
    who: ['welfare_officer', 'supervisor'],
    success: 200,
    request: () => ({ path: '/welfare/reports/claims' }),
  },
  {
    method: 'GET',
    route: '/welfare/reports/decision-times',
    who: ['welfare_officer', 'supervisor'],
    success: 200,
    request: () => ({ path: '/welfare/reports/decision-times' }),
  },
  {
    method: 'GET',
    route: '/welfare/reports/fund-balance',
    who: ['welfare_officer', 'supervisor'],
    success: 200,
    request: () => ({ path: '/welfare/reports/fund-balance?bucket=month&format=csv' }),
  },
  {
    method: 'GET',
    route: '/welfare/reports/eligibility-exceptions',
    who: ['welfare_officer', 'supervisor'],
    success: 200,
    request: () => ({ path: '/welfare/reports/eligibility-exceptions?format=csv' }),
  },
  // Complaints (before the licensing rows, like fees).
  {
    method: 'POST',
    route: '/public/complaints',
    who: 'public',
    success: 201,
    request: () => ({ path: '/public/complaints', body: { ...complaintBody('Matrix recruiter'), email: undefined } }),
  },
  {
    method: 'GET',
    route: '/public/complaints/:reference',
    who: 'public',
    success: 200,
    request: () => ({ path: `/public/complaints/${cf.reference}`, headers: { 'X-Tracking-Secret': cf.secret } }),
  },
  {
    method: 'POST',
    route: '/me/complaints',
    who: ['worker'],
    success: 201,
    request: () => ({ path: '/me/complaints', body: complaintBody('Matrix recruiter') }),
  },
  { method: 'GET', route: '/me/complaints', who: ['worker'], success: 200, request: () => ({ path: '/me/complaints' }) },
  {
    method: 'GET',
    route: '/me/complaints/:id',
    who: ['worker'],
    success: 200,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await cf.linkWorker(c.caller.id);
      return { path: `/me/complaints/${cf.caseId}` };
    },
  },
  {
    method: 'POST',
    route: '/me/complaints/:id/appeal',
    who: ['worker'],
    success: 200,
    request: async (c) => {
      const id = await cf.newDecided();
      if (c.caller?.roles.includes('worker')) await cf.linkCase(id, c.caller.id);
      return { path: `/me/complaints/${id}/appeal`, body: { version: await cf.version(id), reason: 'matrix appeal' } };
    },
  },
  {
    method: 'POST',
    route: '/me/complaints/:id/withdraw',
    who: ['worker'],
    success: 200,
    request: async (c) => {
      const id = await cf.newCase();
      if (c.caller?.roles.includes('worker')) await cf.linkCase(id, c.caller.id);
      return { path: `/me/complaints/${id}/withdraw`, body: { version: await cf.version(id) } };
    },
  },
  {
    method: 'POST',
    route: '/me/complaints/:id/information',
    who: ['worker'],
    success: 200,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await cf.linkWorker(c.caller.id);
      return { path: `/me/complaints/${cf.caseId}/information`, body: { text: 'matrix information' } };
    },
  },
  {
    method: 'POST',
    route: '/complaints',
    who: ['inspector'],
    success: 201,
    request: () => ({ path: '/complaints', body: { ...complaintBody('Matrix recruiter'), channel: 'hotline' } }),
  },
  { method: 'GET', route: '/complaints', who: ['inspector', 'supervisor'], success: 200, request: () => ({ path: '/complaints?stage=submitted' }) },
  { method: 'GET', route: '/complaints/workloads', who: ['inspector', 'supervisor'], success: 200, request: () => ({ path: '/complaints/workloads' }) },
  { method: 'GET', route: '/complaints/:id', who: ['inspector', 'supervisor'], success: 200, request: () => ({ path: `/complaints/${cf.caseId}` }) },
  {
    method: 'POST',
    route: '/complaints/:id/actions/:action',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: async () => {
      const id = await cf.newCase();
      return { path: `/complaints/${id}/actions/accept`, body: { version: await cf.version(id) } };
    },
  },
  {
    method: 'POST',
    route: '/complaints/:id/agency',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: async () => {
      const id = await cf.newCase();
      return { path: `/complaints/${id}/agency`, body: { agencyId: null, reason: 'matrix: wrong agency', version: await cf.version(id) } };
    },
  },
  {
    method: 'POST',
    route: '/inspections',
    who: ['supervisor'],
    success: 201,
    request: () => ({ path: '/inspections', body: { agencyId: lf.unlicensedAgencyId, origin: 'routine', reason: 'matrix routine inspection' } }),
  },
  { method: 'GET', route: '/inspections', who: ['inspector', 'supervisor'], success: 200, request: () => ({ path: '/inspections' }) },
  { method: 'GET', route: '/inspections/:id', who: ['inspector', 'supervisor'], success: 200, request: () => ({ path: `/inspections/${cf.inspectionId}` }) },
  {
    method: 'POST',
    route: '/inspections/:id/actions/:action',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: async () => ({ path: `/inspections/${await cf.newInspection()}/actions/notify-agency`, body: { version: 1 } }),
  },
  { method: 'GET', route: '/agency/inspections', who: ['agency_admin', 'agency_staff'], success: 200, request: () => ({ path: '/agency/inspections' }) },
  {
    method: 'GET',
    route: '/agency/inspections/:id',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: () => ({ path: `/agency/inspections/${cf.inspectionId}` }),
  },
  {
    method: 'POST',
    route: '/complaints/:id/identity',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: () => ({ path: `/complaints/${cf.caseId}/identity`, body: { reason: 'matrix: calling the complainant' } }),
  },
  {
    method: 'POST',
    route: '/complaints/:id/notes',
    who: ['inspector', 'supervisor'],
    success: 201,
    request: () => ({ path: `/complaints/${cf.caseId}/notes`, body: { body: 'matrix note', visibility: 'internal' } }),
  },
  {
    method: 'POST',
    route: '/complaints/:id/assign',
    who: ['supervisor'],
    success: 200,
    request: async () => ({ path: `/complaints/${cf.caseId}/assign`, body: { userId: cf.inspectorId, version: await cf.version(cf.caseId) } }),
  },
  { method: 'GET', route: '/agency/complaints', who: ['agency_admin', 'agency_staff'], success: 200, request: () => ({ path: '/agency/complaints' }) },
  // Complaint evidence: the fixture case holds one file of the complainant's and one of the matrix agency's (createEvidenceFixtures).
  {
    method: 'POST',
    route: '/complaints/:id/evidence',
    who: ['inspector', 'supervisor'],
    success: 201,
    request: () => ({
      path: `/complaints/${cf.caseId}/evidence`,
      body: { kind: 'contract' },
      attach: { field: 'file', content: SMALL_PDF, filename: 'contract.pdf' },
    }),
  },
  {
    method: 'GET',
    route: '/complaints/:id/evidence',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: () => ({ path: `/complaints/${cf.caseId}/evidence` }),
  },
  {
    method: 'GET',
    route: '/complaints/:id/evidence/:documentId/content',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: () => ({ path: `/complaints/${cf.caseId}/evidence/${ef.complainantDocumentId}/content` }),
  },
  {
    method: 'POST',
    route: '/me/complaints/:id/evidence',
    who: ['worker'],
    success: 201,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await cf.linkWorker(c.caller.id);
      return {
        path: `/me/complaints/${cf.caseId}/evidence`,
        body: { kind: 'receipt' },
        attach: { field: 'file', content: SMALL_PDF, filename: 'receipt.pdf' },
      };
    },
  },
  {
    method: 'GET',
    route: '/me/complaints/:id/evidence',
    who: ['worker'],
    success: 200,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await cf.linkWorker(c.caller.id);
      return { path: `/me/complaints/${cf.caseId}/evidence` };
    },
  },
  {
    method: 'GET',
    route: '/me/complaints/:id/evidence/:documentId/content',
    who: ['worker'],
    success: 200,
    request: async (c) => {
      if (c.caller?.roles.includes('worker')) await cf.linkWorker(c.caller.id);
      return { path: `/me/complaints/${cf.caseId}/evidence/${ef.complainantDocumentId}/content` };
    },
  },
  {
    method: 'POST',
    route: '/public/complaints/:reference/evidence',
    who: 'public',
    success: 201,
    request: () => ({
      path: `/public/complaints/${cf.reference}/evidence`,
      headers: { 'X-Tracking-Secret': cf.secret },
      body: { kind: 'payslip' },
      attach: { field: 'file', content: SMALL_PDF, filename: 'payslip.pdf' },
    }),
  },
  {
    method: 'POST',
    route: '/agency/complaints/:id/evidence',
    who: ['agency_admin', 'agency_staff'],
    success: 201,
    request: () => ({
      path: `/agency/complaints/${cf.caseId}/evidence`,
      body: { kind: 'contract' },
      attach: { field: 'file', content: SMALL_PDF, filename: 'contract.pdf' },
    }),
  },
  {
    method: 'GET',
    route: '/agency/complaints/:id/evidence',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: () => ({ path: `/agency/complaints/${cf.caseId}/evidence` }),
  },
  {
    method: 'GET',
    route: '/agency/complaints/:id/evidence/:documentId/content',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: () => ({ path: `/agency/complaints/${cf.caseId}/evidence/${ef.agencyDocumentId}/content` }),
  },
  { method: 'GET', route: '/complaints/reports/stages', who: ['supervisor'], success: 200, request: () => ({ path: '/complaints/reports/stages' }) },
  { method: 'GET', route: '/complaints/reports/sla', who: ['supervisor'], success: 200, request: () => ({ path: '/complaints/reports/sla' }) },
  {
    method: 'GET',
    route: '/complaints/reports/agencies',
    who: ['supervisor'],
    success: 200,
    request: () => ({ path: '/complaints/reports/agencies?format=csv' }),
  },
  { method: 'GET', route: '/fines', who: ['inspector', 'supervisor', 'admin'], success: 200, request: () => ({ path: '/fines?state=open' }) },
  { method: 'GET', route: '/agency/fines', who: ['agency_admin', 'agency_staff'], success: 200, request: () => ({ path: '/agency/fines' }) },
  {
    method: 'POST',
    route: '/fines/:id/payment',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: (c) => ({
      path: `/fines/${c.caller?.roles.includes('supervisor') ? cf.fineForSupervisor : cf.fineForInspector}/payment`,
      body: { paidReference: `LBP-${c.unique}` },
    }),
  },
  {
    method: 'POST',
    route: '/fines/:id/reject-declaration',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: (c) => ({
      path: `/fines/${c.caller?.roles.includes('supervisor') ? cf.fineToRejectBySupervisor : cf.fineToRejectByInspector}/reject-declaration`,
      body: { reason: 'matrix rejection' },
    }),
  },
  {
    method: 'GET',
    route: '/fines/:id/payment-proof',
    who: ['agency_admin', 'agency_staff', 'inspector', 'supervisor', 'admin'],
    success: 200,
    request: () => ({ path: `/fines/${cf.fineWithProof}/payment-proof` }),
  },
  {
    method: 'POST',
    route: '/agency/fines/:id/payment-declaration',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: (c) => ({
      path: `/agency/fines/${c.caller?.roles.includes('agency_staff') ? cf.fineToDeclareByStaff : cf.fineToDeclareByAdmin}/payment-declaration`,
      body: { paymentReference: `LBP-${c.unique}` },
      attach: { field: 'file', content: SMALL_PDF, filename: 'receipt.pdf' },
    }),
  },
  {
    method: 'GET',
    route: '/agency/complaints/:id',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: () => ({ path: `/agency/complaints/${cf.caseId}` }),
  },
  {
    method: 'POST',
    route: '/agency/complaints/:id/answer',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: async () => ({
      path: `/agency/complaints/${cf.inAdjudicationId}/answer`,
      body: { version: await cf.version(cf.inAdjudicationId), answer: 'matrix answer' },
    }),
  },
  {
    method: 'POST',
    route: '/agency/complaints/:id/compliance-declaration',
    who: ['agency_admin', 'agency_staff'],
    success: 201,
    request: (c) => ({
      path: `/agency/complaints/${c.caller?.roles.includes('agency_staff') ? cf.settledForStaff : cf.settledForAdmin}/compliance-declaration`,
      body: { statement: `Refunded in full (${c.unique})` },
      attach: { field: 'file', content: SMALL_PDF, filename: 'receipt.pdf' },
    }),
  },
  {
    method: 'POST',
    route: '/agency/complaints/:id/appeal',
    who: ['agency_admin'],
    success: 200,
    request: async () => ({ path: `/agency/complaints/${cf.decidedId}/appeal`, body: { version: await cf.version(cf.decidedId), reason: 'matrix appeal' } }),
  },
  { method: 'GET', route: '/agency/escrow', who: ['agency_admin', 'agency_staff'], success: 200, request: () => ({ path: '/agency/escrow' }) },
  {
    method: 'GET',
    route: '/licensing/agencies/:agencyId/escrow',
    who: ['inspector', 'supervisor', 'welfare_officer', 'admin', 'agency_admin', 'agency_staff'],
    success: 200,
    request: (c) => ({ path: `/licensing/agencies/${c.target.agencyId}/escrow` }),
  },
  {
    method: 'POST',
    route: '/licensing/agencies/:agencyId/escrow/entries',
    who: ['inspector', 'supervisor'],
    success: 201,
    request: (c) => ({
      path: `/licensing/agencies/${c.target.agencyId}/escrow/entries`,
      body: { kind: 'deposit', amountMinor: '100000', currency: 'PHP', reference: `BDO-${c.unique}` },
      headers: { 'Idempotency-Key': `matrix-${c.unique}` },
    }),
  },
  {
    method: 'POST',
    route: '/licensing/agencies/:agencyId/escrow/account',
    who: ['supervisor', 'admin'],
    success: 200,
    request: (c) => ({ path: `/licensing/agencies/${c.target.agencyId}/escrow/account`, body: { licenseType: 'regular' } }),
  },
  // Licensing: fixtures (licenses, a branch, amendments) created in beforeAll by createLicensingFixtures.
  {
    method: 'GET',
    route: '/licensing/licenses',
    who: ['inspector', 'supervisor', 'welfare_officer', 'admin'],
    success: 200,
    request: () => ({ path: '/licensing/licenses' }),
  },
  {
    method: 'GET',
    route: '/licensing/licenses/:id',
    who: ['inspector', 'supervisor', 'welfare_officer', 'admin', 'agency_admin', 'agency_staff'],
    success: 200,
    request: () => ({ path: `/licensing/licenses/${lf.licenseId}` }),
  },
  {
    method: 'POST',
    route: '/licensing/licenses',
    who: ['supervisor'],
    success: 201,
    request: () => ({ path: '/licensing/licenses', body: { agencyId: lf.unlicensedAgencyId, type: 'regular' } }),
  },
  {
    method: 'POST',
    route: '/licensing/licenses/:id/suspend',
    who: ['supervisor'],
    success: 200,
    request: () => ({ path: `/licensing/licenses/${lf.toSuspendId}/suspend`, body: { version: 1, reason: 'matrix', until: '2099-01-01T00:00:00Z' } }),
  },
  {
    method: 'POST',
    route: '/licensing/licenses/:id/reinstate',
    who: ['supervisor'],
    success: 200,
    request: () => ({ path: `/licensing/licenses/${lf.toReinstateId}/reinstate`, body: { version: 2, reason: 'matrix' } }),
  },
  {
    method: 'POST',
    route: '/licensing/licenses/:id/revoke',
    who: ['supervisor'],
    success: 200,
    request: () => ({ path: `/licensing/licenses/${lf.toRevokeId}/revoke`, body: { version: 1, reason: 'matrix' } }),
  },
  {
    method: 'GET',
    route: '/licensing/agencies/:id/profile',
    who: ['inspector', 'supervisor', 'welfare_officer', 'admin'],
    success: 200,
    request: (c) => ({ path: `/licensing/agencies/${c.target.agencyId}/profile` }),
  },
  {
    method: 'GET',
    route: '/licensing/amendments',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: () => ({ path: '/licensing/amendments?state=pending' }),
  },
  {
    method: 'GET',
    route: '/licensing/amendments/:id',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: () => ({ path: `/licensing/amendments/${lf.toApproveId}` }),
  },
  {
    method: 'POST',
    route: '/licensing/amendments/:id/approve',
    who: ['inspector'],
    success: 200,
    request: () => ({ path: `/licensing/amendments/${lf.toApproveId}/approve`, body: { version: 1, note: 'matrix' } }),
  },
  {
    method: 'POST',
    route: '/licensing/amendments/:id/reject',
    who: ['inspector'],
    success: 200,
    request: () => ({ path: `/licensing/amendments/${lf.toRejectId}/reject`, body: { version: 1, note: 'matrix' } }),
  },
  { method: 'GET', route: '/agency/license', who: ['agency_admin', 'agency_staff'], success: 200, request: () => ({ path: '/agency/license' }) },
  {
    method: 'POST',
    route: '/agency/license/surrender',
    who: ['agency_admin'],
    success: 200,
    request: () => ({ path: '/agency/license/surrender', body: { version: 1, reason: 'matrix' } }),
  },
  {
    method: 'GET',
    route: '/agency/placement-eligibility',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: () => ({ path: '/agency/placement-eligibility' }),
  },
  { method: 'GET', route: '/agency/profile', who: ['agency_admin', 'agency_staff'], success: 200, request: () => ({ path: '/agency/profile' }) },
  {
    method: 'PUT',
    route: '/agency/profile',
    who: ['agency_admin'],
    success: 200,
    request: () => ({ path: '/agency/profile', body: { version: 1, address: '1 Matrix Street', contactEmail: null, contactPhone: null, officers: [] } }),
  },
  {
    method: 'POST',
    route: '/agency/branches',
    who: ['agency_admin'],
    success: 201,
    request: () => ({ path: '/agency/branches', body: { name: 'New branch', address: '2 Matrix Street' } }),
  },
  {
    method: 'POST',
    route: '/agency/branches/:id/close',
    who: ['agency_admin'],
    success: 200,
    request: () => ({ path: `/agency/branches/${lf.branchId}/close` }),
  },
  { method: 'GET', route: '/licensing/branches', who: ['inspector', 'supervisor'], success: 200, request: () => ({ path: '/licensing/branches' }) },
  {
    method: 'POST',
    route: '/licensing/branches/:id/approve',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: async () => ({ path: `/licensing/branches/${await lf.pendingBranch()}/approve`, body: {} }),
  },
  {
    method: 'POST',
    route: '/licensing/branches/:id/reject',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: async () => ({ path: `/licensing/branches/${await lf.pendingBranch()}/reject`, body: { note: 'No business permit' } }),
  },
  {
    method: 'POST',
    route: '/agency/amendments',
    who: ['agency_admin'],
    success: 201,
    request: () => ({ path: '/agency/amendments', body: { legalName: 'Matrix Agency Corp.', reason: 'matrix' } }),
  },
  { method: 'GET', route: '/agency/amendments', who: ['agency_admin', 'agency_staff'], success: 200, request: () => ({ path: '/agency/amendments' }) },
  {
    method: 'POST',
    route: '/agency/applications',
    who: ['agency_admin'],
    success: 201,
    request: () => ({ path: '/agency/applications', body: { type: 'new' } }),
  },
  { method: 'GET', route: '/agency/applications', who: ['agency_admin', 'agency_staff'], success: 200, request: () => ({ path: '/agency/applications' }) },
  {
    method: 'GET',
    route: '/agency/applications/:id',
    who: ['agency_admin', 'agency_staff'],
    success: 200,
    request: () => ({ path: `/agency/applications/${lf.applicationId}` }),
  },
  {
    method: 'POST',
    route: '/agency/applications/:id/documents',
    who: ['agency_admin', 'agency_staff'],
    success: 201,
    request: () => ({
      path: `/agency/applications/${lf.applicationId}/documents`,
      body: { kind: 'business-permit' },
      attach: { field: 'file', content: SMALL_PDF, filename: 'permit.pdf' },
    }),
  },
  {
    method: 'POST',
    route: '/agency/applications/:id/submit',
    who: ['agency_admin'],
    success: 200,
    request: () => ({ path: `/agency/applications/${lf.toSubmitApplicationId}/submit`, body: { version: 1 } }),
  },
  { method: 'GET', route: '/licensing/applications', who: ['inspector', 'supervisor'], success: 200, request: () => ({ path: '/licensing/applications' }) },
  {
    method: 'GET',
    route: '/licensing/applications/:id',
    who: ['inspector', 'supervisor'],
    success: 200,
    request: () => ({ path: `/licensing/applications/${lf.applicationId}` }),
  },
  {
    method: 'POST',
    route: '/licensing/applications/:id/take',
    who: ['inspector'],
    success: 200,
    request: () => ({ path: `/licensing/applications/${lf.toTakeApplicationId}/take`, body: { version: 1 } }),
  },
  {
    method: 'POST',
    route: '/licensing/applications/:id/return',
    who: ['inspector'],
    success: 200,
    request: () => ({ path: `/licensing/applications/${lf.toReturnApplicationId}/return`, body: { version: 1, items: ['matrix item'] } }),
  },
  {
    method: 'POST',
    route: '/licensing/applications/:id/recommend',
    who: ['inspector'],
    success: 200,
    request: () => ({ path: `/licensing/applications/${lf.toRecommendApplicationId}/recommend`, body: { version: 1 } }),
  },
  {
    method: 'POST',
    route: '/licensing/applications/:id/approve',
    who: ['supervisor'],
    success: 200,
    request: () => ({ path: `/licensing/applications/${lf.toApproveApplicationId}/approve`, body: { version: 1 } }),
  },
  {
    method: 'POST',
    route: '/licensing/applications/:id/reject',
    who: ['supervisor'],
    success: 200,
    request: () => ({ path: `/licensing/applications/${lf.toRejectApplicationId}/reject`, body: { version: 1, reasons: 'matrix' } }),
  },
  { method: 'GET', route: '/public/licenses/:number', who: 'public', success: 200, request: () => ({ path: `/public/licenses/${lf.licenseNumber}` }) },
  { method: 'GET', route: '/public/agencies', who: 'public', success: 200, request: () => ({ path: '/public/agencies?q=Test%20Agency' }) },
  { method: 'GET', route: '/public/licenses', who: 'public', success: 200, request: () => ({ path: '/public/licenses?state=suspended' }) },
];

function expectedStatus(route: RouteCase, caller: Caller): number {
  if (route.who === 'public') return route.success;
  if (caller === 'anonymous') return 401;
  if (route.who === 'authenticated') return route.success;
  return route.who.includes(caller) ? route.success : 403;
}

describe('access: every route for every role', () => {
  let t: TestApp;
  let agencyId: string;
  let n = 0;

  beforeAll(async () => {
    // Enough sign-in attempts for the table; the limits have their own tests.
    t = await createTestApp({
      env: { AUTH_LOGIN_LIMIT_PER_IP: '1000', AUTH_LOGIN_LIMIT_PER_ACCOUNT: '1000', DOCUMENTS_DIR: documentsDir },
      providers: TEST_DEADLINE_HANDLERS,
    });
    linksApp = t;
    await t.dataSource.query(`INSERT INTO holiday (jurisdiction_code, date, name) VALUES ('PH', '2031-12-01', 'To be removed')`);
    agencyId = (await createAgency(t)).id;
    ({ id: fixtures.agencyDocumentId } = await t.app.get(DocumentsService, { strict: false }).store(t.dataSource.manager, {
      content: SMALL_PDF,
      declaredName: 'permit.pdf',
      ownerType: 'agency',
      ownerId: agencyId,
      agencyId,
      kind: 'business-permit',
      uploadedBy: null,
      actor: 'system',
    }));
    await createLicensingFixtures(t, agencyId);
    await createFeesFixtures(t, agencyId);
    await createComplaintsFixtures(t, agencyId);
    await createEvidenceFixtures(t, agencyId);
    await createWelfareFixtures(t, ff.spareIds, ff.passport, ff.placementId);
    await t.dataSource.transaction((m) => t.app.get(EscrowService, { strict: false }).openAccount(m, agencyId, 'regular'));
    [{ id: fixtures.failedNotificationId }] = await t.dataSource.query(
      `INSERT INTO notification_outbox (recipient, template, language, data, dedup_key, state, attempts, next_attempt_at, failed_at)
       VALUES ('matrix@workers.test', 'account.welcome', 'en', '{"displayName":"M","signInUrl":"https://x.test"}', 'access-matrix', 'failed', 8, now(), now())
       RETURNING id`,
    );
  });
  afterAll(async () => {
    await t.close();
    rmSync(documentsDir, { recursive: true, force: true });
  });

  it('covers exactly the routes the application registers', () => {
    const registered = listRouteAccess(t.app.get(DiscoveryService), t.app.get(MetadataScanner), t.app.get(Reflector))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(ROUTES.map((r) => `${r.method} ${r.route}`).sort()).toEqual(registered);
  });

  const cells = ROUTES.flatMap((route) => CALLERS.map((caller) => [route, caller] as const));
  it.each(cells.map(([route, caller]) => [`${route.method} ${route.route}`, caller, expectedStatus(route, caller), route] as const))(
    '%s as %s answers %i',
    async (_name, caller, expected, route) => {
      const agencyRole = caller === 'agency_admin' || caller === 'agency_staff';
      const me = caller === 'anonymous' ? null : await createUser(t, { roles: [caller], agencyId: agencyRole ? agencyId : null });
      // The target shares the caller's agency, so a refusal can only come from the role.
      const target = await createUser(t, { roles: ['agency_staff'], agencyId });
      const { path, body, headers, attach } = await route.request({ caller: me, target, unique: `${Date.now()}.${++n}` });
      let req = t.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
      if (me) req = req.set('Authorization', me.bearer);
      for (const [name, value] of Object.entries(headers ?? {})) req = req.set(name, value);
      if (attach) {
        for (const [name, value] of Object.entries(body ?? {})) req = req.field(name, String(value));
        req = req.attach(attach.field, attach.content, attach.filename);
      }
      const res = body && !attach ? await req.send(body) : await req;
      if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}: ${JSON.stringify(res.body)}`);
      if (expected >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    },
  );
});
