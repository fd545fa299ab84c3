/** The addresses of the licensing, welfare and admin pages of the workbench. */
export const STAFF_PATHS = {
  applications: '/staff/licensing/applications',
  licenses: '/staff/licensing/licenses',
  escrow: '/staff/licensing/agencies',
  documents: '/staff/licensing/documents',
  claims: '/staff/welfare/claims',
  fund: '/staff/welfare/fund',
  users: '/staff/admin/users',
  sla: '/staff/admin/sla-policies',
  holidays: '/staff/admin/holidays',
  feeRules: '/staff/admin/fee-rules',
  rates: '/staff/admin/exchange-rates',
  benefits: '/staff/admin/benefit-schedules',
  notifications: '/staff/admin/notifications',
} as const;
