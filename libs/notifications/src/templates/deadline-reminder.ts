import { defineTemplate } from './template.types';

export const deadlineReminder = defineTemplate({
  key: 'deadline.reminder',
  audience: 'staff',
  description: 'To the officer a deadline is assigned to, when its reminder point is reached (before it is due).',
  example: { subjectLabel: 'Case LC-2026-000123: first response to the complainant', dueAt: 'Tue 14 July 2026, 17:00 (Asia/Manila)' },
  translations: {
    en: {
      subject: 'Reminder: {{subjectLabel}} is due {{dueAt}}',
      text: `{{subjectLabel}} is due {{dueAt}}.

Please complete it before then. If it is missed, it will be escalated.

Labour Case System`,
      html: `<p><strong>{{subjectLabel}}</strong> is due <strong>{{dueAt}}</strong>.</p>
<p>Please complete it before then. If it is missed, it will be escalated.</p>
<p>Labour Case System</p>`,
    },
  },
});
