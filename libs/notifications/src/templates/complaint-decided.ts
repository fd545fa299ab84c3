import { defineTemplate } from './template.types';

export const complaintDecided = defineTemplate({
  key: 'complaint.decided',
  audience: 'worker',
  description:
    'To the complainant when the officer decides the case: the decision is in the case view; either side may appeal until a given day. Never carries the tracking secret.',
  example: { referenceNumber: 'CMP-2026-000123-K', appealBy: '27 November 2026' },
  translations: {
    en: {
      subject: 'A decision has been made on your complaint {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

The ministry officer has made a decision on your complaint.

You can read the decision in your case view. Sign in to your account, or use your reference number and your secret code.

If you or the agency do not agree with the decision, either side can appeal (ask for the decision to be looked at again) until {{appealBy}}. If nobody appeals by then, the decision becomes final.

Keep this message and your reference number.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>The ministry officer has made a decision on your complaint.</p>
<p>You can read the decision in your case view. Sign in to your account, or use your reference number and your secret code.</p>
<p>If you or the agency do not agree with the decision, either side can appeal (ask for the decision to be looked at again) until <strong>{{appealBy}}</strong>. If nobody appeals by then, the decision becomes final.</p>
<p>Keep this message and your reference number.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'May desisyon na sa iyong reklamo {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

Nagpasya na ang opisyal ng ministeryo sa iyong reklamo.

Mababasa mo ang desisyon sa pahina ng iyong kaso. Mag-sign in sa iyong account, o gamitin ang iyong reference number at ang iyong lihim na code (secret code).

Kung hindi ka sang-ayon sa desisyon, o kung hindi sang-ayon ang ahensya, maaaring umapela ang alinmang panig (humiling na tingnan muli ang desisyon) hanggang {{appealBy}}. Kung walang aapela hanggang sa petsang iyon, magiging pinal ang desisyon.

Itago ang mensaheng ito at ang iyong reference number.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Nagpasya na ang opisyal ng ministeryo sa iyong reklamo.</p>
<p>Mababasa mo ang desisyon sa pahina ng iyong kaso. Mag-sign in sa iyong account, o gamitin ang iyong reference number at ang iyong lihim na code (secret code).</p>
<p>Kung hindi ka sang-ayon sa desisyon, o kung hindi sang-ayon ang ahensya, maaaring umapela ang alinmang panig (humiling na tingnan muli ang desisyon) hanggang <strong>{{appealBy}}</strong>. Kung walang aapela hanggang sa petsang iyon, magiging pinal ang desisyon.</p>
<p>Itago ang mensaheng ito at ang iyong reference number.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Sudah ada keputusan atas pengaduan Anda {{referenceNumber}}',
      text: `Nomor referensi: {{referenceNumber}}

Petugas kementerian sudah membuat keputusan atas pengaduan Anda.

Anda dapat membaca keputusan itu di halaman kasus Anda. Masuk ke akun Anda, atau gunakan nomor referensi dan kode rahasia Anda.

Jika Anda atau agensi tidak setuju dengan keputusan ini, masing-masing pihak boleh mengajukan banding (meminta agar keputusan diperiksa ulang) sampai {{appealBy}}. Jika tidak ada yang mengajukan banding sampai tanggal itu, keputusan menjadi tetap.

Simpan pesan ini dan nomor referensi Anda.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Petugas kementerian sudah membuat keputusan atas pengaduan Anda.</p>
<p>Anda dapat membaca keputusan itu di halaman kasus Anda. Masuk ke akun Anda, atau gunakan nomor referensi dan kode rahasia Anda.</p>
<p>Jika Anda atau agensi tidak setuju dengan keputusan ini, masing-masing pihak boleh mengajukan banding (meminta agar keputusan diperiksa ulang) sampai <strong>{{appealBy}}</strong>. Jika tidak ada yang mengajukan banding sampai tanggal itu, keputusan menjadi tetap.</p>
<p>Simpan pesan ini dan nomor referensi Anda.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको उजुरी {{referenceNumber}} मा निर्णय भयो',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

मन्त्रालयका अधिकारीले तपाईंको उजुरीमा निर्णय गर्नुभएको छ।

तपाईं आफ्नो उजुरीको पेजमा निर्णय पढ्न सक्नुहुन्छ। आफ्नो खातामा साइन इन गर्नुहोस्, वा आफ्नो सन्दर्भ नम्बर र गोप्य कोड प्रयोग गर्नुहोस्।

निर्णयमा तपाईं वा एजेन्सीको चित्त बुझेन भने, जुनसुकै पक्षले {{appealBy}} सम्म पुनरावेदन गर्न (निर्णय फेरि हेरिदिन अनुरोध गर्न) सक्छ। त्यो मितिसम्म कसैले पुनरावेदन गरेन भने, निर्णय अन्तिम हुन्छ।

यो सन्देश र आफ्नो सन्दर्भ नम्बर सुरक्षित राख्नुहोस्।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>मन्त्रालयका अधिकारीले तपाईंको उजुरीमा निर्णय गर्नुभएको छ।</p>
<p>तपाईं आफ्नो उजुरीको पेजमा निर्णय पढ्न सक्नुहुन्छ। आफ्नो खातामा साइन इन गर्नुहोस्, वा आफ्नो सन्दर्भ नम्बर र गोप्य कोड प्रयोग गर्नुहोस्।</p>
<p>निर्णयमा तपाईं वा एजेन्सीको चित्त बुझेन भने, जुनसुकै पक्षले <strong>{{appealBy}}</strong> सम्म पुनरावेदन गर्न (निर्णय फेरि हेरिदिन अनुरोध गर्न) सक्छ। त्यो मितिसम्म कसैले पुनरावेदन गरेन भने, निर्णय अन्तिम हुन्छ।</p>
<p>यो सन्देश र आफ्नो सन्दर्भ नम्बर सुरक्षित राख्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
