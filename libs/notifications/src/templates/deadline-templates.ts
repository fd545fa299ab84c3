/**
 * The deadline engine's mails to staff: a reminder before a deadline, and its breach or escalation.
 * Texts: libs/i18n/src/messages/mail/<language>.json.
 */
import { mailDateTime } from './mail-values';
import { defineTemplate } from './template.types';

export const deadlineReminder = defineTemplate({
  key: 'deadline.reminder',
  audience: 'staff',
  description: 'To the officer a deadline is assigned to, when its reminder point is reached (before it is due).',
  example: { subjectLabel: 'Case LC-2026-000123: first response to the complainant', dueAt: mailDateTime('2026-07-14T09:00:00Z', 'Asia/Manila') },
  subject: 'mail.deadlineReminder.subject',
  body: ['mail.deadlineReminder.body.due', 'mail.deadlineReminder.body.pleaseComplete'],
});

export const deadlineBreached = defineTemplate({
  key: 'deadline.breached',
  audience: 'staff',
  description: 'To the officer a deadline is assigned to, when it is missed (breach and each escalation level that notifies the assignee).',
  example: {
    subjectLabel: 'Case LC-2026-000123: first response to the complainant',
    dueAt: mailDateTime('2026-07-14T09:00:00Z', 'Asia/Manila'),
    escalationLevel: 1,
  },
  subject: 'mail.deadlineBreached.subject',
  body: ['mail.deadlineBreached.body.overdue', 'mail.deadlineBreached.body.escalationLevel', 'mail.deadlineBreached.body.pleaseAct'],
});

export const deadlineEscalatedToSupervisors = defineTemplate({
  key: 'deadline.escalated-to-supervisors',
  audience: 'staff',
  description: 'To every supervisor, when an overdue deadline reaches an escalation level that notifies supervisors.',
  example: {
    subjectLabel: 'Case LC-2026-000123: first response to the complainant',
    dueAt: mailDateTime('2026-07-14T09:00:00Z', 'Asia/Manila'),
    escalationLevel: 2,
  },
  subject: 'mail.deadlineEscalatedToSupervisors.subject',
  body: ['mail.deadlineEscalatedToSupervisors.body.escalated', 'mail.deadlineEscalatedToSupervisors.body.pleaseReview'],
});
