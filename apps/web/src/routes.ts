/**
 * Every path of the web app, in one place: templates read them as `routes.*`, controllers and
 * tests import them.
 */
export const ROUTES = {
  home: '/',
  language: '/language',
  signIn: '/sign-in',
  signOut: '/sign-out',
  /** The signed-in person's account (account/account.controller.ts) and the pages around it. */
  account: '/account',
  accountDetails: '/account/details',
  accountPassword: '/account/password',
  accountRegister: '/account/register',
  accountRegisterSent: '/account/register/sent',
  accountForgotPassword: '/account/forgot-password',
  accountForgotSent: '/account/forgot-password/sent',
  /** The pages the mailed links open (`?token=`; the API's AUTH_LINK_BASE_URL points here). */
  accountVerifyEmail: '/account/verify-email',
  accountResetPassword: '/account/reset-password',
  accountInvitation: '/account/invitation',
  /** The worker's complaints: `${accountComplaints}/<id>` is one (account/my-complaints.controller.ts). */
  accountComplaints: '/account/complaints',
  /** The worker's placements and fees: `${accountPlacements}/<id>` is one (account/my-placements.controller.ts). */
  accountPlacements: '/account/placements',
  /** The worker's welfare membership and claims: `${accountWelfare}/claims/<id>` is one claim (account/my-welfare.controller.ts). */
  accountWelfare: '/account/welfare',
  accountWelfareNewClaim: '/account/welfare/claims/new',
  /** The agency portal (agency-portal/agency-portal.controller.ts): `/agency` is an agency user's home. */
  agencyPortal: '/agency',
  agencyRegister: '/agency/register',
  agencyRegisterSent: '/agency/register/sent',
  /** The page the agency registration mail's link opens (`?token=`). */
  agencyRegisterVerify: '/agency/register/verify',
  /** `${agencyApplications}/<id>` is one application. */
  agencyApplications: '/agency/applications',
  agencyCertificate: '/agency/license/certificate.pdf',
  /** `${agencyPlacements}/<id>` is one placement (agency-portal/agency-placements.controller.ts). */
  agencyPlacements: '/agency/placements',
  agencyPlacementNew: '/agency/placements/new',
  agencyRefundOrders: '/agency/refund-orders',
  /** The agency's fines and its payment declarations (agency-portal/agency-fines.controller.ts). */
  agencyFines: '/agency/fines',
  /** `${agencyComplaints}/<id>` is one complaint against the agency (agency-portal/agency-complaints.controller.ts). */
  agencyComplaints: '/agency/complaints',
  /** The agency's accounts and staff invitations (agency-portal/agency-staff.controller.ts). */
  agencyStaff: '/agency/staff',
  /** The escrow statement (agency-portal/agency-records.controller.ts); `${agencyStaff}/<id>/disable` is there too. */
  agencyEscrow: '/agency/escrow',
  /** Branch offices: the list and the request to open one (agency-portal/agency-records.controller.ts). */
  agencyBranches: '/agency/branches',
  /** Amendments of the legal identity; `${agencyBranches}/<id>/close` too (agency-portal/agency-amendments.controller.ts). */
  agencyAmendments: '/agency/amendments',
  agencies: '/agencies',
  /** One agency's page: `${agencyLicense}/<licence number>` (the address a certificate's QR code holds). */
  agencyLicense: '/agencies/licenses',
  agenciesSuspended: '/agencies/suspended',
  agenciesRevoked: '/agencies/revoked',
  /** Names as you type (JSON for agency-search.js; the search page works without it). */
  agencySuggestions: '/agencies/suggestions',
  fees: '/fees',
  /** Fees: "What may I be charged?" and "Check what I paid"; their pages are under these (fees/fees.controller.ts). */
  feesCalculator: '/fees/calculator',
  feesCheck: '/fees/check',
  complaintNew: '/complaints/new',
  /** File a complaint: the questions are `${complaintNew}/<question>` (complaints/complaint-steps.ts). */
  complaintCheck: '/complaints/new/check',
  complaintConfirmation: '/complaints/new/confirmation',
  complaintFollow: '/complaints/follow',
  /** The followed complaint's page (the reference and secret are in the session, never in the URL). */
  complaintFollowStatus: '/complaints/follow/status',
  /** Forget the followed complaint on this device (POST). */
  complaintFollowForget: '/complaints/follow/forget',
  /** The ministry's workbench (apps/web/src/staff/, docs/web-staff.md): the staff home, then by section. */
  staff: '/staff',
  /** Every case (the team queue); `${staffCases}/<id>` is one case. */
  staffCases: '/staff/cases',
  staffMyCases: '/staff/cases/mine',
  staffEscalations: '/staff/cases/escalations',
  staffWorkloads: '/staff/workloads',
  staffReports: '/staff/reports',
  staffAudit: '/staff/audit',
  healthLive: '/health/live',
  healthReady: '/health/ready',
} as const;

const hasControlCharacter = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** A path of this site that is safe to redirect to after a form (no scheme, no host, no `//`). */
export function safeReturnPath(value: unknown, fallback: string = ROUTES.home): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.includes('\\') || hasControlCharacter(value)) return fallback;
  return value;
}
