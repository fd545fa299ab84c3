import { defineTemplate } from './template.types';

export const complaintAgencyFiled = defineTemplate({
  key: 'complaint.agency-filed',
  audience: 'agency',
  description:
    "To an agency's admins when a complaint concerning the agency is accepted: conciliation and when it ends; the allegations and shared notes are in the agency account, where it responds; it must not contact or pressure the complainant (retaliation is a serious offence).",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', referenceNumber: 'CMP-2026-000123-K', conciliationEnds: '14 August 2026' },
  translations: {
    en: {
      subject: 'Complaint {{referenceNumber}} concerning {{agencyName}}: conciliation',
      text: `The ministry has accepted a complaint concerning {{agencyName}}.

Complaint reference: {{referenceNumber}}

The ministry will invite your agency to conciliation: a meeting with the complainant, led by a ministry officer, to try to settle the complaint. Conciliation ends by {{conciliationEnds}}. If no settlement is reached by then, the case goes to adjudication and an officer decides it.

You can read the allegations and the notes shared with your agency, and respond to them, through your agency account.

Do not contact or pressure the complainant about this complaint, directly or through anyone else. All communication about it goes through the ministry. Retaliation against a complainant is a serious offence.

Labour Case System`,
      html: `<p>The ministry has accepted a complaint concerning <strong>{{agencyName}}</strong>.</p>
<p>Complaint reference: <strong>{{referenceNumber}}</strong></p>
<p>The ministry will invite your agency to conciliation: a meeting with the complainant, led by a ministry officer, to try to settle the complaint. Conciliation ends by <strong>{{conciliationEnds}}</strong>. If no settlement is reached by then, the case goes to adjudication and an officer decides it.</p>
<p>You can read the allegations and the notes shared with your agency, and respond to them, through your agency account.</p>
<p><strong>Do not contact or pressure the complainant about this complaint, directly or through anyone else.</strong> All communication about it goes through the ministry. Retaliation against a complainant is a serious offence.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Reklamo {{referenceNumber}} tungkol sa {{agencyName}}: conciliation',
      text: `Tinanggap ng ministeryo ang isang reklamo tungkol sa {{agencyName}}.

Reference ng reklamo: {{referenceNumber}}

Aanyayahan ng ministeryo ang inyong ahensya sa conciliation: isang pulong kasama ang nagrereklamo, na pangungunahan ng isang opisyal ng ministeryo, upang subukang maayos ang reklamo. Matatapos ang conciliation nang hindi lalampas sa {{conciliationEnds}}. Kung walang naabot na kasunduan pagsapit noon, mapupunta ang kaso sa adjudication at isang opisyal ang magpapasya rito.

Mababasa ninyo ang mga alegasyon at ang mga talang ibinahagi sa inyong ahensya, at makatutugon kayo rito, sa pamamagitan ng account ng inyong ahensya.

Huwag kontakin o gipitin ang nagrereklamo tungkol sa reklamong ito, direkta man o sa pamamagitan ng ibang tao. Dadaan sa ministeryo ang lahat ng komunikasyon tungkol dito. Ang paghihiganti (retaliation) laban sa nagrereklamo ay isang mabigat na paglabag.

Labour Case System`,
      html: `<p>Tinanggap ng ministeryo ang isang reklamo tungkol sa <strong>{{agencyName}}</strong>.</p>
<p>Reference ng reklamo: <strong>{{referenceNumber}}</strong></p>
<p>Aanyayahan ng ministeryo ang inyong ahensya sa conciliation: isang pulong kasama ang nagrereklamo, na pangungunahan ng isang opisyal ng ministeryo, upang subukang maayos ang reklamo. Matatapos ang conciliation nang hindi lalampas sa <strong>{{conciliationEnds}}</strong>. Kung walang naabot na kasunduan pagsapit noon, mapupunta ang kaso sa adjudication at isang opisyal ang magpapasya rito.</p>
<p>Mababasa ninyo ang mga alegasyon at ang mga talang ibinahagi sa inyong ahensya, at makatutugon kayo rito, sa pamamagitan ng account ng inyong ahensya.</p>
<p><strong>Huwag kontakin o gipitin ang nagrereklamo tungkol sa reklamong ito, direkta man o sa pamamagitan ng ibang tao.</strong> Dadaan sa ministeryo ang lahat ng komunikasyon tungkol dito. Ang paghihiganti (retaliation) laban sa nagrereklamo ay isang mabigat na paglabag.</p>
<p>Labour Case System</p>`,
    },
  },
});
