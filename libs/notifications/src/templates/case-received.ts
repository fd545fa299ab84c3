import { defineTemplate } from './template.types';

export const caseReceived = defineTemplate({
  key: 'case.received',
  audience: 'worker',
  description: 'To the complainant when a complaint is filed: its reference number, the tracking code and what happens next.',
  example: { referenceNumber: 'CMP-2026-00042-7', trackingCode: 'CMP-2026-00042-7', trackingUrl: 'https://cases.example.gov/complaints/follow?reference=CMP-2026-00042-7' },
  translations: {
    en: {
      subject: 'Complaint received: {{referenceNumber}}',
      text: `We have received your complaint.

Reference number: {{referenceNumber}}
Tracking code: {{trackingCode}}

Keep this message. You can check the progress of your complaint at any time at {{trackingUrl}} with your tracking code.

What happens next: an officer will review your complaint and will contact you if more information is needed. We will email you at every important step.

Labour Case System`,
      html: `<p>We have received your complaint.</p>
<p>Reference number: <strong>{{referenceNumber}}</strong><br>Tracking code: <strong>{{trackingCode}}</strong></p>
<p>Keep this message. You can check the progress of your complaint at any time at <a href="{{trackingUrl}}">{{trackingUrl}}</a> with your tracking code.</p>
<p>What happens next: an officer will review your complaint and will contact you if more information is needed. We will email you at every important step.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Natanggap ang reklamo: {{referenceNumber}}',
      text: `Natanggap namin ang iyong reklamo.

Reference number: {{referenceNumber}}
Tracking code: {{trackingCode}}

Itago ang mensaheng ito. Maaari mong tingnan ang takbo ng iyong reklamo anumang oras sa {{trackingUrl}} gamit ang iyong tracking code.

Ano ang susunod: susuriin ng isang opisyal ang iyong reklamo at kokontakin ka kung kailangan ng karagdagang impormasyon. Padadalhan ka namin ng email sa bawat mahalagang hakbang.

Labour Case System`,
      html: `<p>Natanggap namin ang iyong reklamo.</p>
<p>Reference number: <strong>{{referenceNumber}}</strong><br>Tracking code: <strong>{{trackingCode}}</strong></p>
<p>Itago ang mensaheng ito. Maaari mong tingnan ang takbo ng iyong reklamo anumang oras sa <a href="{{trackingUrl}}">{{trackingUrl}}</a> gamit ang iyong tracking code.</p>
<p>Ano ang susunod: susuriin ng isang opisyal ang iyong reklamo at kokontakin ka kung kailangan ng karagdagang impormasyon. Padadalhan ka namin ng email sa bawat mahalagang hakbang.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Pengaduan diterima: {{referenceNumber}}',
      text: `Pengaduan Anda telah kami terima.

Nomor referensi: {{referenceNumber}}
Kode pelacakan: {{trackingCode}}

Simpan pesan ini. Anda dapat memeriksa perkembangan pengaduan Anda kapan saja di {{trackingUrl}} dengan kode pelacakan Anda.

Langkah selanjutnya: petugas akan memeriksa pengaduan Anda dan menghubungi Anda jika diperlukan informasi tambahan. Kami akan mengirim email kepada Anda di setiap tahap penting.

Labour Case System`,
      html: `<p>Pengaduan Anda telah kami terima.</p>
<p>Nomor referensi: <strong>{{referenceNumber}}</strong><br>Kode pelacakan: <strong>{{trackingCode}}</strong></p>
<p>Simpan pesan ini. Anda dapat memeriksa perkembangan pengaduan Anda kapan saja di <a href="{{trackingUrl}}">{{trackingUrl}}</a> dengan kode pelacakan Anda.</p>
<p>Langkah selanjutnya: petugas akan memeriksa pengaduan Anda dan menghubungi Anda jika diperlukan informasi tambahan. Kami akan mengirim email kepada Anda di setiap tahap penting.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'उजुरी प्राप्त भयो: {{referenceNumber}}',
      text: `तपाईंको उजुरी हामीलाई प्राप्त भएको छ।

सन्दर्भ नम्बर: {{referenceNumber}}
ट्र्याकिङ कोड: {{trackingCode}}

यो सन्देश सुरक्षित राख्नुहोस्। आफ्नो ट्र्याकिङ कोड प्रयोग गरेर तपाईं जुनसुकै बेला {{trackingUrl}} मा आफ्नो उजुरीको प्रगति हेर्न सक्नुहुन्छ।

अब के हुन्छ: एक अधिकारीले तपाईंको उजुरी जाँच गर्नुहुनेछ र थप जानकारी चाहिएमा तपाईंलाई सम्पर्क गर्नुहुनेछ। हरेक महत्त्वपूर्ण चरणमा हामी तपाईंलाई इमेल पठाउनेछौं।

Labour Case System`,
      html: `<p>तपाईंको उजुरी हामीलाई प्राप्त भएको छ।</p>
<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong><br>ट्र्याकिङ कोड: <strong>{{trackingCode}}</strong></p>
<p>यो सन्देश सुरक्षित राख्नुहोस्। आफ्नो ट्र्याकिङ कोड प्रयोग गरेर तपाईं जुनसुकै बेला <a href="{{trackingUrl}}">{{trackingUrl}}</a> मा आफ्नो उजुरीको प्रगति हेर्न सक्नुहुन्छ।</p>
<p>अब के हुन्छ: एक अधिकारीले तपाईंको उजुरी जाँच गर्नुहुनेछ र थप जानकारी चाहिएमा तपाईंलाई सम्पर्क गर्नुहुनेछ। हरेक महत्त्वपूर्ण चरणमा हामी तपाईंलाई इमेल पठाउनेछौं।</p>
<p>Labour Case System</p>`,
    },
  },
});
