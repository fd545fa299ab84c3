import { defineTemplate } from './template.types';

export const complaintAccepted = defineTemplate({
  key: 'complaint.accepted',
  audience: 'worker',
  description:
    'To the complainant when an officer accepts the complaint: the first step is conciliation (a meeting with the agency, led by a ministry officer) which ends by a given day; they will be told the date; how to follow the case. Never carries the tracking secret.',
  example: { referenceNumber: 'CMP-2026-000123-K', conciliationEnds: '14 August 2026' },
  translations: {
    en: {
      subject: 'Your complaint {{referenceNumber}} has been accepted',
      text: `The ministry has accepted your complaint.

Reference number: {{referenceNumber}}

What happens next: a ministry officer will invite you and the agency to a meeting, to try to solve the problem together. This is called conciliation. The officer leads the meeting. Conciliation ends by {{conciliationEnds}}.

We will tell you the date of the meeting.

You can follow your case at any time with your reference number (it is also your tracking code) and the secret code you got when you filed. Never share your secret code with anyone, not even agency staff.

Labour Case System`,
      html: `<p>The ministry has accepted your complaint.</p>
<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>What happens next: a ministry officer will invite you and the agency to a meeting, to try to solve the problem together. This is called conciliation. The officer leads the meeting. Conciliation ends by <strong>{{conciliationEnds}}</strong>.</p>
<p>We will tell you the date of the meeting.</p>
<p>You can follow your case at any time with your reference number (it is also your tracking code) and the secret code you got when you filed. <strong>Never share your secret code with anyone, not even agency staff.</strong></p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Tinanggap ang iyong reklamo {{referenceNumber}}',
      text: `Tinanggap ng ministeryo ang iyong reklamo.

Reference number: {{referenceNumber}}

Ano ang susunod: aanyayahan ka at ang ahensya ng isang opisyal ng ministeryo sa isang pulong, para subukang ayusin ang problema nang magkasama. Tinatawag itong conciliation. Ang opisyal ang mangunguna sa pulong. Matatapos ang conciliation nang hindi lalampas sa {{conciliationEnds}}.

Sasabihin namin sa iyo ang petsa ng pulong.

Masusubaybayan mo ang iyong kaso anumang oras gamit ang iyong reference number (ito rin ang iyong tracking code) at ang lihim na code (secret code) na natanggap mo noong nagsampa ka ng reklamo. Huwag ibigay kaninuman ang iyong lihim na code, kahit sa mga tauhan ng ahensya.

Labour Case System`,
      html: `<p>Tinanggap ng ministeryo ang iyong reklamo.</p>
<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Ano ang susunod: aanyayahan ka at ang ahensya ng isang opisyal ng ministeryo sa isang pulong, para subukang ayusin ang problema nang magkasama. Tinatawag itong conciliation. Ang opisyal ang mangunguna sa pulong. Matatapos ang conciliation nang hindi lalampas sa <strong>{{conciliationEnds}}</strong>.</p>
<p>Sasabihin namin sa iyo ang petsa ng pulong.</p>
<p>Masusubaybayan mo ang iyong kaso anumang oras gamit ang iyong reference number (ito rin ang iyong tracking code) at ang lihim na code (secret code) na natanggap mo noong nagsampa ka ng reklamo. <strong>Huwag ibigay kaninuman ang iyong lihim na code, kahit sa mga tauhan ng ahensya.</strong></p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Pengaduan Anda {{referenceNumber}} diterima untuk ditindaklanjuti',
      text: `Kementerian telah menerima pengaduan Anda untuk ditindaklanjuti.

Nomor referensi: {{referenceNumber}}

Langkah selanjutnya: petugas kementerian akan mengundang Anda dan agensi ke sebuah pertemuan, untuk mencoba menyelesaikan masalah ini bersama. Ini disebut konsiliasi (musyawarah). Petugas yang memimpin pertemuan itu. Konsiliasi selesai paling lambat {{conciliationEnds}}.

Kami akan memberi tahu Anda tanggal pertemuannya.

Anda dapat memantau kasus Anda kapan saja dengan nomor referensi (ini juga kode pelacakan Anda) dan kode rahasia yang Anda terima saat mengajukan pengaduan. Jangan berikan kode rahasia Anda kepada siapa pun, termasuk staf agensi.

Labour Case System`,
      html: `<p>Kementerian telah menerima pengaduan Anda untuk ditindaklanjuti.</p>
<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Langkah selanjutnya: petugas kementerian akan mengundang Anda dan agensi ke sebuah pertemuan, untuk mencoba menyelesaikan masalah ini bersama. Ini disebut konsiliasi (musyawarah). Petugas yang memimpin pertemuan itu. Konsiliasi selesai paling lambat <strong>{{conciliationEnds}}</strong>.</p>
<p>Kami akan memberi tahu Anda tanggal pertemuannya.</p>
<p>Anda dapat memantau kasus Anda kapan saja dengan nomor referensi (ini juga kode pelacakan Anda) dan kode rahasia yang Anda terima saat mengajukan pengaduan. <strong>Jangan berikan kode rahasia Anda kepada siapa pun, termasuk staf agensi.</strong></p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको उजुरी {{referenceNumber}} स्वीकार गरियो',
      text: `मन्त्रालयले तपाईंको उजुरी स्वीकार गरेको छ।

सन्दर्भ नम्बर: {{referenceNumber}}

अब के हुन्छ: मन्त्रालयका एक अधिकारीले समस्या मिलेर समाधान गर्न तपाईं र एजेन्सीलाई एउटा बैठकमा बोलाउनुहुनेछ। यसलाई मेलमिलाप भनिन्छ। बैठक अधिकारीले नै चलाउनुहुनेछ। मेलमिलाप {{conciliationEnds}} सम्ममा सकिन्छ।

बैठकको मिति हामी तपाईंलाई खबर गर्नेछौं।

आफ्नो सन्दर्भ नम्बर (यही तपाईंको ट्र्याकिङ कोड पनि हो) र उजुरी दिँदा पाउनुभएको गोप्य कोड प्रयोग गरेर तपाईं जुनसुकै बेला आफ्नो उजुरीको अवस्था हेर्न सक्नुहुन्छ। आफ्नो गोप्य कोड कसैलाई पनि नदिनुहोस्, एजेन्सीका कर्मचारीलाई पनि होइन।

Labour Case System`,
      html: `<p>मन्त्रालयले तपाईंको उजुरी स्वीकार गरेको छ।</p>
<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>अब के हुन्छ: मन्त्रालयका एक अधिकारीले समस्या मिलेर समाधान गर्न तपाईं र एजेन्सीलाई एउटा बैठकमा बोलाउनुहुनेछ। यसलाई मेलमिलाप भनिन्छ। बैठक अधिकारीले नै चलाउनुहुनेछ। मेलमिलाप <strong>{{conciliationEnds}}</strong> सम्ममा सकिन्छ।</p>
<p>बैठकको मिति हामी तपाईंलाई खबर गर्नेछौं।</p>
<p>आफ्नो सन्दर्भ नम्बर (यही तपाईंको ट्र्याकिङ कोड पनि हो) र उजुरी दिँदा पाउनुभएको गोप्य कोड प्रयोग गरेर तपाईं जुनसुकै बेला आफ्नो उजुरीको अवस्था हेर्न सक्नुहुन्छ। <strong>आफ्नो गोप्य कोड कसैलाई पनि नदिनुहोस्, एजेन्सीका कर्मचारीलाई पनि होइन।</strong></p>
<p>Labour Case System</p>`,
    },
  },
});
