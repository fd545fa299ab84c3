import { defineTemplate } from './template.types';

export const complaintClosed = defineTemplate({
  key: 'complaint.closed',
  audience: 'worker',
  description:
    'To the complainant when the case is closed after a settlement was kept or a decision became final: what was decided is in the case view; keep the reference.',
  example: { referenceNumber: 'CMP-2026-000123-K' },
  translations: {
    en: {
      subject: 'Your case {{referenceNumber}} is closed',
      text: `Reference number: {{referenceNumber}}

Your case is now closed.

You can read what was decided in your case view. Sign in to your account, or use your reference number and your secret code.

Keep your reference number. You may need it if you contact the ministry about this case later.

Thank you for speaking up. Your complaint also helps to protect other workers.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Your case is now closed.</p>
<p>You can read what was decided in your case view. Sign in to your account, or use your reference number and your secret code.</p>
<p>Keep your reference number. You may need it if you contact the ministry about this case later.</p>
<p>Thank you for speaking up. Your complaint also helps to protect other workers.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Sarado na ang iyong kaso {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

Sarado na ang iyong kaso.

Mababasa mo ang naging pasya sa pahina ng iyong kaso. Mag-sign in sa iyong account, o gamitin ang iyong reference number at ang iyong lihim na code (secret code).

Itago ang iyong reference number. Maaaring kailanganin mo ito kung makikipag-ugnayan ka sa ministeryo tungkol sa kasong ito sa susunod.

Salamat sa paglakas ng loob na magsalita. Nakatutulong din ang iyong reklamo para maprotektahan ang ibang mga manggagawa.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Sarado na ang iyong kaso.</p>
<p>Mababasa mo ang naging pasya sa pahina ng iyong kaso. Mag-sign in sa iyong account, o gamitin ang iyong reference number at ang iyong lihim na code (secret code).</p>
<p>Itago ang iyong reference number. Maaaring kailanganin mo ito kung makikipag-ugnayan ka sa ministeryo tungkol sa kasong ito sa susunod.</p>
<p>Salamat sa paglakas ng loob na magsalita. Nakatutulong din ang iyong reklamo para maprotektahan ang ibang mga manggagawa.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Kasus Anda {{referenceNumber}} sudah ditutup',
      text: `Nomor referensi: {{referenceNumber}}

Kasus Anda sekarang sudah ditutup.

Anda dapat membaca apa yang sudah diputuskan di halaman kasus Anda. Masuk ke akun Anda, atau gunakan nomor referensi dan kode rahasia Anda.

Simpan nomor referensi Anda. Anda mungkin memerlukannya jika nanti menghubungi kementerian tentang kasus ini.

Terima kasih sudah berani bersuara. Pengaduan Anda juga membantu melindungi pekerja lain.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Kasus Anda sekarang sudah ditutup.</p>
<p>Anda dapat membaca apa yang sudah diputuskan di halaman kasus Anda. Masuk ke akun Anda, atau gunakan nomor referensi dan kode rahasia Anda.</p>
<p>Simpan nomor referensi Anda. Anda mungkin memerlukannya jika nanti menghubungi kementerian tentang kasus ini.</p>
<p>Terima kasih sudah berani bersuara. Pengaduan Anda juga membantu melindungi pekerja lain.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको उजुरी {{referenceNumber}} बन्द भयो',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

तपाईंको उजुरी अब बन्द भएको छ।

के निर्णय भयो भन्ने कुरा तपाईं आफ्नो उजुरीको पेजमा पढ्न सक्नुहुन्छ। आफ्नो खातामा साइन इन गर्नुहोस्, वा आफ्नो सन्दर्भ नम्बर र गोप्य कोड प्रयोग गर्नुहोस्।

आफ्नो सन्दर्भ नम्बर सुरक्षित राख्नुहोस्। पछि यस उजुरीबारे मन्त्रालयलाई सम्पर्क गर्दा यो चाहिन सक्छ।

आवाज उठाउनुभएकोमा धन्यवाद। तपाईंको उजुरीले अरू कामदारहरूलाई पनि जोगाउन मद्दत गर्छ।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>तपाईंको उजुरी अब बन्द भएको छ।</p>
<p>के निर्णय भयो भन्ने कुरा तपाईं आफ्नो उजुरीको पेजमा पढ्न सक्नुहुन्छ। आफ्नो खातामा साइन इन गर्नुहोस्, वा आफ्नो सन्दर्भ नम्बर र गोप्य कोड प्रयोग गर्नुहोस्।</p>
<p>आफ्नो सन्दर्भ नम्बर सुरक्षित राख्नुहोस्। पछि यस उजुरीबारे मन्त्रालयलाई सम्पर्क गर्दा यो चाहिन सक्छ।</p>
<p>आवाज उठाउनुभएकोमा धन्यवाद। तपाईंको उजुरीले अरू कामदारहरूलाई पनि जोगाउन मद्दत गर्छ।</p>
<p>Labour Case System</p>`,
    },
  },
});
