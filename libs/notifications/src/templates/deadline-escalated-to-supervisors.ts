import { defineTemplate } from './template.types';

export const deadlineEscalatedToSupervisors = defineTemplate({
  key: 'deadline.escalated-to-supervisors',
  audience: 'staff',
  description: 'To every supervisor, when an overdue deadline reaches an escalation level that notifies supervisors.',
  example: { subjectLabel: 'Case LC-2026-000123: first response to the complainant', dueAt: 'Tue 14 July 2026, 17:00 (Asia/Manila)', escalationLevel: 2 },
  translations: {
    en: {
      subject: 'Escalated to supervisors: {{subjectLabel}}',
      text: `{{subjectLabel}} was due {{dueAt}} and is still overdue. It has been escalated to the supervisors (escalation level {{escalationLevel}}).

Please review it, and act on it or reassign it.

Labour Case System`,
      html: `<p><strong>{{subjectLabel}}</strong> was due <strong>{{dueAt}}</strong> and is still overdue. It has been escalated to the supervisors (escalation level <strong>{{escalationLevel}}</strong>).</p>
<p>Please review it, and act on it or reassign it.</p>
<p>Labour Case System</p>`,
    },
  },
});
