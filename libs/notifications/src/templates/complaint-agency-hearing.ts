import { defineTemplate } from './template.types';

export const complaintAgencyHearing = defineTemplate({
  key: 'complaint.agency-hearing',
  audience: 'agency',
  description: "To an agency's admins when a hearing is scheduled on a complaint concerning the agency: when and where, who to send and what to bring.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    referenceNumber: 'CMP-2026-000123-K',
    hearingAt: 'Tue 8 September 2026, 10:00 (Asia/Manila)',
    place: 'Ministry of Labour, Room 304, 1200 Quezon Avenue, Quezon City',
  },
  translations: {
    en: {
      subject: 'Hearing on complaint {{referenceNumber}}: {{hearingAt}}',
      text: `A hearing has been scheduled on complaint {{referenceNumber}} concerning {{agencyName}}.

When: {{hearingAt}}
Where: {{place}}

Send a representative who can speak for the agency, and bring the documents relevant to the allegations (contracts, receipts, fee records, correspondence). The case file is in your agency account.

Do not contact or pressure the complainant about this complaint, before or after the hearing.

Labour Case System`,
      html: `<p>A hearing has been scheduled on complaint <strong>{{referenceNumber}}</strong> concerning <strong>{{agencyName}}</strong>.</p>
<p>When: <strong>{{hearingAt}}</strong><br>Where: <strong>{{place}}</strong></p>
<p>Send a representative who can speak for the agency, and bring the documents relevant to the allegations (contracts, receipts, fee records, correspondence). The case file is in your agency account.</p>
<p><strong>Do not contact or pressure the complainant about this complaint, before or after the hearing.</strong></p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Pagdinig sa reklamo {{referenceNumber}}: {{hearingAt}}',
      text: `May nakatakdang pagdinig (hearing) sa reklamong {{referenceNumber}} tungkol sa {{agencyName}}.

Kailan: {{hearingAt}}
Saan: {{place}}

Magpadala ng kinatawang makapagsasalita para sa ahensya, at dalhin ang mga dokumentong may kinalaman sa mga alegasyon (mga kontrata, resibo, talaan ng mga singil, at mga sulat o mensahe). Nasa account ng inyong ahensya ang file ng kaso.

Huwag kontakin o gipitin ang nagrereklamo tungkol sa reklamong ito, bago man o pagkatapos ng pagdinig.

Labour Case System`,
      html: `<p>May nakatakdang pagdinig (hearing) sa reklamong <strong>{{referenceNumber}}</strong> tungkol sa <strong>{{agencyName}}</strong>.</p>
<p>Kailan: <strong>{{hearingAt}}</strong><br>Saan: <strong>{{place}}</strong></p>
<p>Magpadala ng kinatawang makapagsasalita para sa ahensya, at dalhin ang mga dokumentong may kinalaman sa mga alegasyon (mga kontrata, resibo, talaan ng mga singil, at mga sulat o mensahe). Nasa account ng inyong ahensya ang file ng kaso.</p>
<p><strong>Huwag kontakin o gipitin ang nagrereklamo tungkol sa reklamong ito, bago man o pagkatapos ng pagdinig.</strong></p>
<p>Labour Case System</p>`,
    },
  },
});
