import { defineTemplate } from './template.types';

export const deadlineBreached = defineTemplate({
  key: 'deadline.breached',
  audience: 'staff',
  description: 'To the officer a deadline is assigned to, when it is missed (breach and each escalation level that notifies the assignee).',
  example: { subjectLabel: 'Case LC-2026-000123: first response to the complainant', dueAt: 'Tue 14 July 2026, 17:00 (Asia/Manila)', escalationLevel: 1 },
  translations: {
    en: {
      subject: 'Overdue: {{subjectLabel}} (escalation level {{escalationLevel}})',
      text: `{{subjectLabel}} was due {{dueAt}} and is now overdue.

Escalation level: {{escalationLevel}}

Please act on it now. If it stays overdue, it will be escalated further.

Labour Case System`,
      html: `<p><strong>{{subjectLabel}}</strong> was due <strong>{{dueAt}}</strong> and is now overdue.</p>
<p>Escalation level: <strong>{{escalationLevel}}</strong></p>
<p>Please act on it now. If it stays overdue, it will be escalated further.</p>
<p>Labour Case System</p>`,
    },
  },
});
