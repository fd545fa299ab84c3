/**
 * The inspectors' workloads, for supervisors assigning and reassigning cases (GET
 * /complaints/workloads): each active inspector's open and overdue cases, least loaded first.
 * A case is (re)assigned from its own page, which lists the same figures in its form.
 */
import { Controller, ForbiddenException, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatNumber, translator } from '@app/i18n';
import { ROUTES } from '../routes';
import { StaffPages } from './staff-home';

@Controller(ROUTES.staffWorkloads)
export class WorkloadsController {
  constructor(private readonly pages: StaffPages) {}

  @Get()
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.pages.api(request);
    const [staff, loads, escalated] = await Promise.all([
      this.pages.frame(request),
      api.GET('/complaints/workloads'),
      api.GET('/complaints', { params: { query: { supervisorQueue: true, pageSize: 1 } } }),
    ]);
    if (loads.response.status === 403) throw new ForbiddenException();
    if (!loads.response.ok || !loads.data) throw new Error(`GET /complaints/workloads answered ${loads.response.status}`);
    const t = translator(request.locale);
    const max = Math.max(1, ...loads.data.map((w) => w.openCases));
    reply.view('staff/workloads.njk', {
      staff,
      escalations: escalated.data ? t('staff.workloads.escalations', { count: escalated.data.total }) : null,
      escalationsHref: ROUTES.staffEscalations,
      rows: loads.data.map((w) => ({
        name: w.displayName,
        open: formatNumber(w.openCases, request.locale),
        overdue: formatNumber(w.overdueCases, request.locale),
        // A meter of the load against the busiest inspector (a `<meter>`: no inline style needed).
        load: w.openCases,
        max,
      })),
    });
  }
}
