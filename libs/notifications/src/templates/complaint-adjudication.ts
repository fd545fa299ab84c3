import { defineTemplate } from './template.types';

export const complaintAdjudication = defineTemplate({
  key: 'complaint.adjudication',
  audience: 'worker',
  description:
    'To the complainant when the case goes to adjudication (conciliation failed or expired, or the settlement was not kept): an officer will decide the case by a given day; they may be asked to a hearing.',
  example: { referenceNumber: 'CMP-2026-000123-K', decisionDue: '12 November 2026' },
  translations: {
    en: {
      subject: 'Your complaint {{referenceNumber}}: an officer will decide',
      text: `Reference number: {{referenceNumber}}

No agreement was reached with the agency, or the agency did not keep the agreement. So a ministry officer will now look at the facts and decide your case.

A decision is due by {{decisionDue}}.

You may be asked to come to a hearing: a meeting where both sides can explain. We will tell you the date and place.

You do not need to do anything now. Keep your documents and receipts safe and ready.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>No agreement was reached with the agency, or the agency did not keep the agreement. So a ministry officer will now look at the facts and decide your case.</p>
<p>A decision is due by <strong>{{decisionDue}}</strong>.</p>
<p>You may be asked to come to a hearing: a meeting where both sides can explain. We will tell you the date and place.</p>
<p><strong>You do not need to do anything now.</strong> Keep your documents and receipts safe and ready.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Ang iyong reklamo {{referenceNumber}}: isang opisyal ang magpapasya',
      text: `Reference number: {{referenceNumber}}

Walang napagkasunduan sa ahensya, o hindi tinupad ng ahensya ang kasunduan. Kaya susuriin na ng isang opisyal ng ministeryo ang mga pangyayari, at siya ang magpapasya sa iyong kaso.

Ilalabas ang desisyon nang hindi lalampas sa {{decisionDue}}.

Maaaring imbitahan ka sa isang pagdinig (hearing): isang pulong kung saan makapagpapaliwanag ang dalawang panig. Sasabihin namin sa iyo ang petsa at lugar.

Wala kang kailangang gawin sa ngayon. Itago nang maayos at ihanda ang iyong mga dokumento at resibo.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Walang napagkasunduan sa ahensya, o hindi tinupad ng ahensya ang kasunduan. Kaya susuriin na ng isang opisyal ng ministeryo ang mga pangyayari, at siya ang magpapasya sa iyong kaso.</p>
<p>Ilalabas ang desisyon nang hindi lalampas sa <strong>{{decisionDue}}</strong>.</p>
<p>Maaaring imbitahan ka sa isang pagdinig (hearing): isang pulong kung saan makapagpapaliwanag ang dalawang panig. Sasabihin namin sa iyo ang petsa at lugar.</p>
<p><strong>Wala kang kailangang gawin sa ngayon.</strong> Itago nang maayos at ihanda ang iyong mga dokumento at resibo.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Pengaduan Anda {{referenceNumber}}: petugas akan memutuskan',
      text: `Nomor referensi: {{referenceNumber}}

Tidak ada kesepakatan dengan agensi, atau agensi tidak menepati kesepakatan. Karena itu, petugas kementerian sekarang akan memeriksa fakta-faktanya dan memutuskan kasus Anda.

Keputusan akan dibuat paling lambat {{decisionDue}}.

Anda mungkin diminta datang ke sidang: pertemuan di mana kedua pihak dapat memberi penjelasan. Kami akan memberi tahu tanggal dan tempatnya.

Anda tidak perlu melakukan apa pun sekarang. Simpan baik-baik dan siapkan dokumen serta kuitansi Anda.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Tidak ada kesepakatan dengan agensi, atau agensi tidak menepati kesepakatan. Karena itu, petugas kementerian sekarang akan memeriksa fakta-faktanya dan memutuskan kasus Anda.</p>
<p>Keputusan akan dibuat paling lambat <strong>{{decisionDue}}</strong>.</p>
<p>Anda mungkin diminta datang ke sidang: pertemuan di mana kedua pihak dapat memberi penjelasan. Kami akan memberi tahu tanggal dan tempatnya.</p>
<p><strong>Anda tidak perlu melakukan apa pun sekarang.</strong> Simpan baik-baik dan siapkan dokumen serta kuitansi Anda.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको उजुरी {{referenceNumber}}: अब अधिकारीले निर्णय गर्नुहुनेछ',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

एजेन्सीसँग सहमति हुन सकेन, वा एजेन्सीले सम्झौता पालना गरेन। त्यसैले अब मन्त्रालयका एक अधिकारीले तथ्यहरू हेरेर तपाईंको उजुरीमा निर्णय गर्नुहुनेछ।

निर्णय {{decisionDue}} सम्ममा हुनेछ।

तपाईंलाई सुनुवाइमा बोलाउन सकिन्छ। सुनुवाइ भनेको दुवै पक्षले आफ्नो कुरा राख्ने बैठक हो। मिति र ठाउँ हामी तपाईंलाई खबर गर्नेछौं।

तपाईंले अहिले केही गर्नुपर्दैन। आफ्ना कागजात र रसिदहरू सुरक्षित र तयार राख्नुहोस्।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>एजेन्सीसँग सहमति हुन सकेन, वा एजेन्सीले सम्झौता पालना गरेन। त्यसैले अब मन्त्रालयका एक अधिकारीले तथ्यहरू हेरेर तपाईंको उजुरीमा निर्णय गर्नुहुनेछ।</p>
<p>निर्णय <strong>{{decisionDue}}</strong> सम्ममा हुनेछ।</p>
<p>तपाईंलाई सुनुवाइमा बोलाउन सकिन्छ। सुनुवाइ भनेको दुवै पक्षले आफ्नो कुरा राख्ने बैठक हो। मिति र ठाउँ हामी तपाईंलाई खबर गर्नेछौं।</p>
<p><strong>तपाईंले अहिले केही गर्नुपर्दैन।</strong> आफ्ना कागजात र रसिदहरू सुरक्षित र तयार राख्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
