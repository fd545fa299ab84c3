import { defineTemplate } from './template.types';

export const complaintAgencyDecided = defineTemplate({
  key: 'complaint.agency-decided',
  audience: 'agency',
  description:
    "To an agency's admins when a complaint concerning the agency is decided: findings and sanctions are in the agency account; it may appeal until a given day; sanctions take effect when the appeal window lapses or the appeal is decided.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', referenceNumber: 'CMP-2026-000123-K', appealBy: '27 November 2026' },
  translations: {
    en: {
      subject: 'Decision on complaint {{referenceNumber}} concerning {{agencyName}}',
      text: `A decision has been made on complaint {{referenceNumber}} concerning {{agencyName}}.

You can read the findings and any sanctions in your agency account.

{{agencyName}} may appeal the decision until {{appealBy}}, through your agency account.

Sanctions take effect when the appeal period ends on {{appealBy}} without an appeal or, if an appeal is filed, when the appeal is decided.

Labour Case System`,
      html: `<p>A decision has been made on complaint <strong>{{referenceNumber}}</strong> concerning <strong>{{agencyName}}</strong>.</p>
<p>You can read the findings and any sanctions in your agency account.</p>
<p>{{agencyName}} may appeal the decision until <strong>{{appealBy}}</strong>, through your agency account.</p>
<p>Sanctions take effect when the appeal period ends on {{appealBy}} without an appeal or, if an appeal is filed, when the appeal is decided.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Desisyon sa reklamo {{referenceNumber}} tungkol sa {{agencyName}}',
      text: `May desisyon na sa reklamong {{referenceNumber}} tungkol sa {{agencyName}}.

Mababasa ninyo ang mga natuklasan (findings) at anumang parusa (sanctions) sa account ng inyong ahensya.

Maaaring umapela ang {{agencyName}} sa desisyon hanggang {{appealBy}}, sa pamamagitan ng account ng inyong ahensya.

Magkakabisa ang mga parusa kapag natapos ang panahon ng pag-apela sa {{appealBy}} nang walang apela, o, kung may naisampang apela, kapag napagpasyahan na ang apela.

Labour Case System`,
      html: `<p>May desisyon na sa reklamong <strong>{{referenceNumber}}</strong> tungkol sa <strong>{{agencyName}}</strong>.</p>
<p>Mababasa ninyo ang mga natuklasan (findings) at anumang parusa (sanctions) sa account ng inyong ahensya.</p>
<p>Maaaring umapela ang {{agencyName}} sa desisyon hanggang <strong>{{appealBy}}</strong>, sa pamamagitan ng account ng inyong ahensya.</p>
<p>Magkakabisa ang mga parusa kapag natapos ang panahon ng pag-apela sa {{appealBy}} nang walang apela, o, kung may naisampang apela, kapag napagpasyahan na ang apela.</p>
<p>Labour Case System</p>`,
    },
  },
});
