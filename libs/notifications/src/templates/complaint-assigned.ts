import { defineTemplate } from './template.types';

export const complaintAssigned = defineTemplate({
  key: 'complaint.assigned',
  audience: 'staff',
  description: 'To the inspector a complaint is assigned to: its priority (urgent or normal) and when triage (accept, refer or dismiss) is due.',
  example: { referenceNumber: 'CMP-2026-000123-K', priority: 'urgent', triageDue: 'Wed 15 July 2026, 17:00 (Asia/Manila)' },
  translations: {
    en: {
      subject: 'Complaint {{referenceNumber}} assigned to you (priority: {{priority}})',
      text: `Complaint {{referenceNumber}} has been assigned to you.

Priority: {{priority}}
Triage due: {{triageDue}}

Please review it and accept, refer or dismiss it before then. If triage is missed, the case will be escalated.

Labour Case System`,
      html: `<p>Complaint <strong>{{referenceNumber}}</strong> has been assigned to you.</p>
<p>Priority: <strong>{{priority}}</strong><br>Triage due: <strong>{{triageDue}}</strong></p>
<p>Please review it and accept, refer or dismiss it before then. If triage is missed, the case will be escalated.</p>
<p>Labour Case System</p>`,
    },
  },
});
