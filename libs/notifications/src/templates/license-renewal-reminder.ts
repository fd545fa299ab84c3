import { defineTemplate } from './template.types';

export const licenseRenewalReminder = defineTemplate({
  key: 'license.renewal-reminder',
  audience: 'agency',
  description: "To an agency's admins 90, 60, 30 and 7 days (settings) before its license's last day, while no renewal has been filed.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', licenseNumber: 'PH-LRA-2026-00042-7', expiresOn: '2030-03-01', daysLeft: '30' },
  translations: {
    en: {
      subject: 'License {{licenseNumber}} expires in {{daysLeft}} days: file the renewal',
      text: `The license {{licenseNumber}} of {{agencyName}} expires at the end of {{expiresOn}}, in {{daysLeft}} days.

File the renewal application before then: a renewal filed in time keeps the license valid until it is decided. After that day, a renewal can no longer be filed.

Labour Case System`,
      html: `<p>The license <strong>{{licenseNumber}}</strong> of <strong>{{agencyName}}</strong> expires at the end of <strong>{{expiresOn}}</strong>, in {{daysLeft}} days.</p>
<p>File the renewal application before then: a renewal filed in time keeps the license valid until it is decided. After that day, a renewal can no longer be filed.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Mag-e-expire ang lisensya {{licenseNumber}} sa loob ng {{daysLeft}} araw: mag-file ng renewal',
      text: `Mag-e-expire ang lisensya {{licenseNumber}} ng {{agencyName}} sa pagtatapos ng {{expiresOn}}, sa loob ng {{daysLeft}} araw.

I-file ang renewal application bago ang petsang iyon: ang renewal na na-file sa tamang oras ay nagpapanatiling balido ang lisensya hanggang sa pagpapasya. Pagkalipas ng araw na iyon, hindi na maaaring mag-file ng renewal.

Labour Case System`,
      html: `<p>Mag-e-expire ang lisensya <strong>{{licenseNumber}}</strong> ng <strong>{{agencyName}}</strong> sa pagtatapos ng <strong>{{expiresOn}}</strong>, sa loob ng {{daysLeft}} araw.</p>
<p>I-file ang renewal application bago ang petsang iyon: ang renewal na na-file sa tamang oras ay nagpapanatiling balido ang lisensya hanggang sa pagpapasya. Pagkalipas ng araw na iyon, hindi na maaaring mag-file ng renewal.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Izin {{licenseNumber}} berakhir dalam {{daysLeft}} hari: ajukan perpanjangan',
      text: `Izin {{licenseNumber}} milik {{agencyName}} berakhir pada akhir tanggal {{expiresOn}}, dalam {{daysLeft}} hari.

Ajukan permohonan perpanjangan sebelum tanggal itu: perpanjangan yang diajukan tepat waktu membuat izin tetap berlaku sampai diputuskan. Setelah tanggal itu, perpanjangan tidak dapat diajukan lagi.

Labour Case System`,
      html: `<p>Izin <strong>{{licenseNumber}}</strong> milik <strong>{{agencyName}}</strong> berakhir pada akhir tanggal <strong>{{expiresOn}}</strong>, dalam {{daysLeft}} hari.</p>
<p>Ajukan permohonan perpanjangan sebelum tanggal itu: perpanjangan yang diajukan tepat waktu membuat izin tetap berlaku sampai diputuskan. Setelah tanggal itu, perpanjangan tidak dapat diajukan lagi.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'इजाजतपत्र {{licenseNumber}} को म्याद {{daysLeft}} दिनमा सकिँदैछ: नवीकरणको निवेदन दिनुहोस्',
      text: `{{agencyName}} को इजाजतपत्र {{licenseNumber}} को म्याद {{expiresOn}} को अन्त्यमा, {{daysLeft}} दिनमा सकिन्छ।

त्यो मितिअघि नै नवीकरणको निवेदन दिनुहोस्: समयमै दिइएको नवीकरण निवेदनको निर्णय नहुँदासम्म इजाजतपत्र मान्य रहन्छ। त्यो दिनपछि नवीकरणको निवेदन दिन सकिँदैन।

Labour Case System`,
      html: `<p><strong>{{agencyName}}</strong> को इजाजतपत्र <strong>{{licenseNumber}}</strong> को म्याद <strong>{{expiresOn}}</strong> को अन्त्यमा, {{daysLeft}} दिनमा सकिन्छ।</p>
<p>त्यो मितिअघि नै नवीकरणको निवेदन दिनुहोस्: समयमै दिइएको नवीकरण निवेदनको निर्णय नहुँदासम्म इजाजतपत्र मान्य रहन्छ। त्यो दिनपछि नवीकरणको निवेदन दिन सकिँदैन।</p>
<p>Labour Case System</p>`,
    },
  },
});
