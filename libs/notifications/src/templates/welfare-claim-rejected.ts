import { defineTemplate } from './template.types';

export const welfareClaimRejected = defineTemplate({
  key: 'welfare.claim-rejected',
  audience: 'worker',
  description:
    'To the claimant when the welfare-fund claim is not approved: the reason given; with new information or documents they may ask the office to look at the claim again.',
  example: { referenceNumber: 'WC-2026-000057-7', reason: 'The worker was not a member of the fund on the date of the accident.' },
  translations: {
    en: {
      subject: 'Your claim {{referenceNumber}} was not approved',
      text: `Reference number: {{referenceNumber}}

We are sorry: your claim was not approved.

The reason: {{reason}}

What you can do: if you have new information or documents, you can ask the office to look at your claim again. Give your reference number.

Keep this message.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>We are sorry: your claim was not approved.</p>
<p>The reason: {{reason}}</p>
<p>What you can do: if you have new information or documents, you can ask the office to look at your claim again. Give your reference number.</p>
<p>Keep this message.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Hindi naaprubahan ang iyong claim {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

Ikinalulungkot namin, hindi naaprubahan ang iyong claim.

Ang dahilan: {{reason}}

Ang maaari mong gawin: kung may bago kang impormasyon o dokumento, maaari mong hilingin sa opisina na tingnan muli ang iyong claim. Ibigay ang iyong reference number.

Itago ang mensaheng ito.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Ikinalulungkot namin, hindi naaprubahan ang iyong claim.</p>
<p>Ang dahilan: {{reason}}</p>
<p>Ang maaari mong gawin: kung may bago kang impormasyon o dokumento, maaari mong hilingin sa opisina na tingnan muli ang iyong claim. Ibigay ang iyong reference number.</p>
<p>Itago ang mensaheng ito.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Klaim Anda {{referenceNumber}} tidak disetujui',
      text: `Nomor referensi: {{referenceNumber}}

Mohon maaf, klaim Anda tidak disetujui.

Alasannya: {{reason}}

Yang dapat Anda lakukan: jika Anda punya informasi atau dokumen baru, Anda dapat meminta kantor untuk memeriksa kembali klaim Anda. Sebutkan nomor referensi Anda.

Simpan pesan ini.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Mohon maaf, klaim Anda tidak disetujui.</p>
<p>Alasannya: {{reason}}</p>
<p>Yang dapat Anda lakukan: jika Anda punya informasi atau dokumen baru, Anda dapat meminta kantor untuk memeriksa kembali klaim Anda. Sebutkan nomor referensi Anda.</p>
<p>Simpan pesan ini.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको दाबी {{referenceNumber}} स्वीकृत भएन',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

हामीलाई दुःख छ, तपाईंको दाबी स्वीकृत भएन।

कारण: {{reason}}

तपाईं के गर्न सक्नुहुन्छ: तपाईंसँग नयाँ जानकारी वा कागजात छ भने, आफ्नो दाबी फेरि हेरिदिन कार्यालयलाई अनुरोध गर्न सक्नुहुन्छ। आफ्नो सन्दर्भ नम्बर भन्नुहोस्।

यो सन्देश सुरक्षित राख्नुहोस्।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>हामीलाई दुःख छ, तपाईंको दाबी स्वीकृत भएन।</p>
<p>कारण: {{reason}}</p>
<p>तपाईं के गर्न सक्नुहुन्छ: तपाईंसँग नयाँ जानकारी वा कागजात छ भने, आफ्नो दाबी फेरि हेरिदिन कार्यालयलाई अनुरोध गर्न सक्नुहुन्छ। आफ्नो सन्दर्भ नम्बर भन्नुहोस्।</p>
<p>यो सन्देश सुरक्षित राख्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
