import { defineTemplate } from './template.types';

export const complaintHearing = defineTemplate({
  key: 'complaint.hearing',
  audience: 'worker',
  description:
    'To the complainant when a hearing is scheduled in adjudication: when and where; they may attend or ask to join by phone; bring documents and receipts.',
  example: {
    referenceNumber: 'CMP-2026-000123-K',
    hearingAt: 'Tue 8 September 2026, 10:00 (Asia/Manila)',
    place: 'Ministry of Labour, Room 304, 1200 Quezon Avenue, Quezon City',
  },
  translations: {
    en: {
      subject: 'Hearing on your complaint {{referenceNumber}}: {{hearingAt}}',
      text: `Reference number: {{referenceNumber}}

A hearing on your complaint has been set. At the hearing, you and the agency can each explain your side to the ministry officer.

When: {{hearingAt}}
Where: {{place}}

You can come to the hearing in person. If you cannot come, you can ask the ministry to let you join by phone. Give your reference number when you ask.

Please bring:
- your documents (for example your contract and messages)
- the receipts for the fees you paid

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>A hearing on your complaint has been set. At the hearing, you and the agency can each explain your side to the ministry officer.</p>
<p>When: <strong>{{hearingAt}}</strong><br>Where: <strong>{{place}}</strong></p>
<p>You can come to the hearing in person. If you cannot come, you can ask the ministry to let you join by phone. Give your reference number when you ask.</p>
<p>Please bring:</p>
<ul><li>your documents (for example your contract and messages)</li><li>the receipts for the fees you paid</li></ul>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Pagdinig sa iyong reklamo {{referenceNumber}}: {{hearingAt}}',
      text: `Reference number: {{referenceNumber}}

May nakatakdang pagdinig (hearing) sa iyong reklamo. Sa pagdinig, maipapaliwanag mo at ng ahensya ang kani-kaniyang panig sa opisyal ng ministeryo.

Kailan: {{hearingAt}}
Saan: {{place}}

Maaari kang pumunta nang personal. Kung hindi ka makakapunta, maaari mong hilingin sa ministeryo na makasali ka sa pamamagitan ng telepono. Ibigay ang iyong reference number kapag humiling ka.

Pakidala ang:
- iyong mga dokumento (halimbawa, ang iyong kontrata at mga mensahe)
- mga resibo ng mga bayaring binayaran mo

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>May nakatakdang pagdinig (hearing) sa iyong reklamo. Sa pagdinig, maipapaliwanag mo at ng ahensya ang kani-kaniyang panig sa opisyal ng ministeryo.</p>
<p>Kailan: <strong>{{hearingAt}}</strong><br>Saan: <strong>{{place}}</strong></p>
<p>Maaari kang pumunta nang personal. Kung hindi ka makakapunta, maaari mong hilingin sa ministeryo na makasali ka sa pamamagitan ng telepono. Ibigay ang iyong reference number kapag humiling ka.</p>
<p>Pakidala ang:</p>
<ul><li>iyong mga dokumento (halimbawa, ang iyong kontrata at mga mensahe)</li><li>mga resibo ng mga bayaring binayaran mo</li></ul>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Sidang pengaduan Anda {{referenceNumber}}: {{hearingAt}}',
      text: `Nomor referensi: {{referenceNumber}}

Sidang untuk pengaduan Anda sudah dijadwalkan. Di sidang ini, Anda dan agensi dapat menyampaikan penjelasan masing-masing kepada petugas kementerian.

Kapan: {{hearingAt}}
Di mana: {{place}}

Anda dapat datang langsung. Jika tidak bisa datang, Anda dapat meminta kementerian agar Anda bisa ikut lewat telepon. Sebutkan nomor referensi Anda saat meminta.

Harap bawa:
- dokumen Anda (misalnya kontrak kerja dan pesan-pesan)
- kuitansi biaya yang sudah Anda bayar

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Sidang untuk pengaduan Anda sudah dijadwalkan. Di sidang ini, Anda dan agensi dapat menyampaikan penjelasan masing-masing kepada petugas kementerian.</p>
<p>Kapan: <strong>{{hearingAt}}</strong><br>Di mana: <strong>{{place}}</strong></p>
<p>Anda dapat datang langsung. Jika tidak bisa datang, Anda dapat meminta kementerian agar Anda bisa ikut lewat telepon. Sebutkan nomor referensi Anda saat meminta.</p>
<p>Harap bawa:</p>
<ul><li>dokumen Anda (misalnya kontrak kerja dan pesan-pesan)</li><li>kuitansi biaya yang sudah Anda bayar</li></ul>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको उजुरी {{referenceNumber}} को सुनुवाइ: {{hearingAt}}',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

तपाईंको उजुरीमा सुनुवाइ तय भएको छ। सुनुवाइमा तपाईं र एजेन्सी दुवैले मन्त्रालयका अधिकारीलाई आ-आफ्नो कुरा भन्न पाउनुहुन्छ।

कहिले: {{hearingAt}}
कहाँ: {{place}}

तपाईं आफैं आउन सक्नुहुन्छ। आउन सक्नुहुन्न भने, फोनबाट सहभागी हुन मन्त्रालयलाई अनुरोध गर्न सक्नुहुन्छ। अनुरोध गर्दा आफ्नो सन्दर्भ नम्बर भन्नुहोस्।

कृपया यी कुरा साथमा ल्याउनुहोस्:
- आफ्ना कागजातहरू (जस्तै: कामको सम्झौता पत्र र सन्देशहरू)
- तपाईंले तिरेको शुल्कका रसिदहरू

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>तपाईंको उजुरीमा सुनुवाइ तय भएको छ। सुनुवाइमा तपाईं र एजेन्सी दुवैले मन्त्रालयका अधिकारीलाई आ-आफ्नो कुरा भन्न पाउनुहुन्छ।</p>
<p>कहिले: <strong>{{hearingAt}}</strong><br>कहाँ: <strong>{{place}}</strong></p>
<p>तपाईं आफैं आउन सक्नुहुन्छ। आउन सक्नुहुन्न भने, फोनबाट सहभागी हुन मन्त्रालयलाई अनुरोध गर्न सक्नुहुन्छ। अनुरोध गर्दा आफ्नो सन्दर्भ नम्बर भन्नुहोस्।</p>
<p>कृपया यी कुरा साथमा ल्याउनुहोस्:</p>
<ul><li>आफ्ना कागजातहरू (जस्तै: कामको सम्झौता पत्र र सन्देशहरू)</li><li>तपाईंले तिरेको शुल्कका रसिदहरू</li></ul>
<p>Labour Case System</p>`,
    },
  },
});
