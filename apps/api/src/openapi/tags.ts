/**
 * Every tag the API's operations use, in the order /docs shows them, with what an integrator
 * needs to know of the group. The document builder refuses a tag that is not listed here.
 */
export const API_TAGS: ReadonlyArray<{ name: string; description: string }> = [
  {
    name: 'public: license verification',
    description:
      'Check a recruitment agency without an account: search by name or license number, the license record and its scorecard. Cached, rate-limited per address.',
  },
  { name: 'public: fees', description: 'The fee calculator: what a worker may be charged for a job, item by item, under the rule in force.' },
  {
    name: 'public: complaints',
    description: 'File a complaint without an account (anonymously if wished) and follow it with the reference and the tracking secret shown once.',
  },
  {
    name: 'public: agency registration',
    description: 'A new recruitment agency registers itself and its first admin (confirmed by mail), then applies for a license.',
  },
  { name: 'auth', description: 'Sign in, refresh and sign out. Access tokens are short-lived JWTs sent as `Authorization: Bearer`; refresh tokens rotate.' },
  { name: 'me', description: "The signed-in person's own account." },
  { name: 'worker: complaints', description: "A worker's own complaints, filed from their account." },
  { name: 'agency: licensing', description: "An agency's own license, applications and renewals, as its admins and staff see them." },
  { name: 'agency: license applications', description: "An agency's license applications: drafts, submission and corrections." },
  { name: 'agency: documents', description: 'Documents an agency uploads for its applications.' },
  { name: 'agency: escrow', description: "An agency's escrow account: its balance, requirement and statement." },
  {
    name: 'agency: complaints',
    description: "Complaints against the caller's agency: the allegations, the answer and appeals. Never the complainant's contact details.",
  },
  { name: 'agency: users', description: "An agency admin manages the agency's staff accounts." },
  { name: 'licensing', description: 'Ministry side of licensing: licenses, their states, sanctions and amendments.' },
  { name: 'licensing: applications', description: 'Ministry review of license applications and renewals: recommend, return, approve, reject.' },
  { name: 'licensing: documents', description: 'Ministry access to documents uploaded with applications.' },
  { name: 'licensing: escrow', description: "Ministry view and entries of agencies' escrow accounts (deposits, garnishments)." },
  { name: 'fees: placements', description: 'Placements of workers with every fee charged, assessed against the fee rule in force on the day.' },
  { name: 'fees: refund orders', description: 'Refund orders owed to workers: payment, and garnishment from escrow when unpaid.' },
  { name: 'complaints', description: 'Ministry case work on complaints: queue, triage, conciliation, adjudication, decisions and appeals.' },
  { name: 'complaints: evidence', description: 'Evidence files attached to a complaint, by its parties and by ministry staff.' },
  { name: 'complaints: fines', description: 'Fines imposed by complaint decisions and their payment.' },
  { name: 'complaints: reports', description: 'Complaint reports: cases by stage and age, SLA compliance, complaints per 100 deployments. JSON or CSV.' },
  { name: 'welfare', description: 'Welfare fund: memberships, contributions, claims, disbursements and the fund ledger.' },
  { name: 'welfare: reports', description: 'Welfare reports: claim processing times and the fund balance. JSON or CSV.' },
  { name: 'admin: users', description: 'System administration of user accounts and roles.' },
  { name: 'admin: fee schedules and exchange rates', description: 'Effective-dated fee rules per destination and occupation, and dated exchange rates.' },
  {
    name: 'admin: model contracts',
    description:
      'Standard employment contracts per corridor and occupation, in effective-dated versions: minimum salary, hours, rest day, leave, duration and who pays the fare; placements are checked against them.',
  },
  {
    name: 'complaints: inspections',
    description: 'Inspections of agencies: planned, conducted with a checklist, findings, follow-up opening proceedings; the agency sees one once notified.',
  },
  {
    name: 'admin: penalty schedule',
    description:
      'The graduated penalty schedule, in effective-dated versions: the less-serious ladder, the serious categories, the fine and the cumulative-suspension rule.',
  },
  { name: 'admin: deadlines', description: 'SLA policies per deadline kind, holiday calendars per jurisdiction and deadline metrics.' },
  { name: 'admin: notifications', description: 'The outbox of mail: what was sent, what failed, and resending.' },
  { name: 'audit', description: 'The append-only, hash-chained audit log: search and verification.' },
  { name: 'health', description: 'Liveness and readiness probes for orchestrators.' },
];
