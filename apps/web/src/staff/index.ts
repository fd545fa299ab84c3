/**
 * The ministry's workbench (docs/web-staff.md): its controllers and providers, registered by
 * web.module.ts. Other staff areas add their controllers here.
 */
import { AuditTrailController } from './audit/audit.controller';
import { CaseController } from './cases/case.controller';
import { QueueController } from './cases/queue.controller';
import { ReportsController } from './reports/reports.controller';
import { StaffHomeController, StaffPages } from './staff-home';
import { WorkloadsController } from './workloads.controller';
import { StaffAdminController } from './admin/admin.controller';
import { StaffLicensingController } from './licensing/licensing.controller';
import { StaffWelfareController } from './welfare/welfare.controller';

// QueueController before CaseController: `/staff/cases/mine` is a queue, not the case `mine`.
export const STAFF_CONTROLLERS = [
  StaffHomeController,
  QueueController,
  CaseController,
  WorkloadsController,
  ReportsController,
  AuditTrailController,
  StaffLicensingController,
  StaffWelfareController,
  StaffAdminController,
];
export const STAFF_PROVIDERS = [StaffPages];
