import { defineTemplate } from './template.types';

export const complaintAgencyAnswerDue = defineTemplate({
  key: 'complaint.agency-answer-due',
  audience: 'agency',
  description:
    "To an agency's admins when a complaint concerning the agency goes to adjudication: file the written answer through the agency account by a given day; without one the case is decided on the evidence available.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', referenceNumber: 'CMP-2026-000123-K', answerDue: '4 September 2026' },
  translations: {
    en: {
      subject: 'Complaint {{referenceNumber}}: written answer due {{answerDue}}',
      text: `Complaint {{referenceNumber}} concerning {{agencyName}} is now in adjudication: a ministry officer will decide it.

{{agencyName}} must file its written answer to the allegations by {{answerDue}}, through your agency account. Attach the documents that support it.

If no answer is filed by {{answerDue}}, the case will be decided on the evidence available.

Labour Case System`,
      html: `<p>Complaint <strong>{{referenceNumber}}</strong> concerning <strong>{{agencyName}}</strong> is now in adjudication: a ministry officer will decide it.</p>
<p>{{agencyName}} must file its written answer to the allegations by <strong>{{answerDue}}</strong>, through your agency account. Attach the documents that support it.</p>
<p>If no answer is filed by {{answerDue}}, the case will be decided on the evidence available.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Reklamo {{referenceNumber}}: isumite ang nakasulat na sagot hanggang {{answerDue}}',
      text: `Nasa adjudication na ang reklamong {{referenceNumber}} tungkol sa {{agencyName}}: isang opisyal ng ministeryo ang magpapasya rito.

Dapat isumite ng {{agencyName}} ang nakasulat nitong sagot sa mga alegasyon hanggang {{answerDue}}, sa pamamagitan ng account ng inyong ahensya. Ilakip ang mga dokumentong sumusuporta rito.

Kung walang maisumiteng sagot hanggang {{answerDue}}, pagpapasyahan ang kaso batay sa ebidensyang hawak na.

Labour Case System`,
      html: `<p>Nasa adjudication na ang reklamong <strong>{{referenceNumber}}</strong> tungkol sa <strong>{{agencyName}}</strong>: isang opisyal ng ministeryo ang magpapasya rito.</p>
<p>Dapat isumite ng {{agencyName}} ang nakasulat nitong sagot sa mga alegasyon hanggang <strong>{{answerDue}}</strong>, sa pamamagitan ng account ng inyong ahensya. Ilakip ang mga dokumentong sumusuporta rito.</p>
<p>Kung walang maisumiteng sagot hanggang {{answerDue}}, pagpapasyahan ang kaso batay sa ebidensyang hawak na.</p>
<p>Labour Case System</p>`,
    },
  },
});
