import { defineTemplate } from './template.types';

export const welfareClaimReceived = defineTemplate({
  key: 'welfare.claim-received',
  audience: 'worker',
  description:
    'To the claimant (the worker, or a family member for a death benefit) when a welfare-fund claim is filed: its reference number and type; a welfare officer will review it and a decision is due by a given day; keep the reference.',
  example: { referenceNumber: 'WC-2026-000057-7', claimType: 'Death benefit (accidental)', decisionDue: '30 September 2026' },
  translations: {
    en: {
      subject: 'We have received your claim {{referenceNumber}}',
      text: `We have received your claim to the welfare fund.

Reference number: {{referenceNumber}}
Type of claim: {{claimType}}

What happens next: a welfare officer will look at your claim. We will tell you our decision by {{decisionDue}}. If we need more documents, we will tell you.

Keep your reference number. Give it every time you contact us about this claim.

Labour Case System`,
      html: `<p>We have received your claim to the welfare fund.</p>
<p>Reference number: <strong>{{referenceNumber}}</strong><br>Type of claim: <strong>{{claimType}}</strong></p>
<p>What happens next: a welfare officer will look at your claim. We will tell you our decision by <strong>{{decisionDue}}</strong>. If we need more documents, we will tell you.</p>
<p><strong>Keep your reference number.</strong> Give it every time you contact us about this claim.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Natanggap namin ang iyong claim {{referenceNumber}}',
      text: `Natanggap namin ang iyong claim sa welfare fund.

Reference number: {{referenceNumber}}
Uri ng claim: {{claimType}}

Ano ang susunod: titingnan ng isang welfare officer ang iyong claim. Sasabihin namin sa iyo ang aming desisyon nang hindi lalampas sa {{decisionDue}}. Kung kailangan pa namin ng ibang dokumento, sasabihan ka namin.

Itago ang iyong reference number. Ibigay ito tuwing makikipag-ugnayan ka sa amin tungkol sa claim na ito.

Labour Case System`,
      html: `<p>Natanggap namin ang iyong claim sa welfare fund.</p>
<p>Reference number: <strong>{{referenceNumber}}</strong><br>Uri ng claim: <strong>{{claimType}}</strong></p>
<p>Ano ang susunod: titingnan ng isang welfare officer ang iyong claim. Sasabihin namin sa iyo ang aming desisyon nang hindi lalampas sa <strong>{{decisionDue}}</strong>. Kung kailangan pa namin ng ibang dokumento, sasabihan ka namin.</p>
<p><strong>Itago ang iyong reference number.</strong> Ibigay ito tuwing makikipag-ugnayan ka sa amin tungkol sa claim na ito.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Klaim Anda {{referenceNumber}} sudah kami terima',
      text: `Klaim dana kesejahteraan Anda sudah kami terima.

Nomor referensi: {{referenceNumber}}
Jenis klaim: {{claimType}}

Langkah selanjutnya: petugas kesejahteraan akan memeriksa klaim Anda. Kami akan memberi tahu keputusan kami paling lambat {{decisionDue}}. Jika kami memerlukan dokumen tambahan, kami akan memberi tahu Anda.

Simpan nomor referensi Anda. Sebutkan nomor ini setiap kali Anda menghubungi kami tentang klaim ini.

Labour Case System`,
      html: `<p>Klaim dana kesejahteraan Anda sudah kami terima.</p>
<p>Nomor referensi: <strong>{{referenceNumber}}</strong><br>Jenis klaim: <strong>{{claimType}}</strong></p>
<p>Langkah selanjutnya: petugas kesejahteraan akan memeriksa klaim Anda. Kami akan memberi tahu keputusan kami paling lambat <strong>{{decisionDue}}</strong>. Jika kami memerlukan dokumen tambahan, kami akan memberi tahu Anda.</p>
<p><strong>Simpan nomor referensi Anda.</strong> Sebutkan nomor ini setiap kali Anda menghubungi kami tentang klaim ini.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको दाबी {{referenceNumber}} हामीले पायौं',
      text: `कल्याणकारी कोषमा दिनुभएको तपाईंको दाबी हामीले पाएका छौं।

सन्दर्भ नम्बर: {{referenceNumber}}
दाबीको प्रकार: {{claimType}}

अब के हुन्छ: कल्याण अधिकारीले तपाईंको दाबी हेर्नुहुनेछ। {{decisionDue}} सम्ममा हामी तपाईंलाई निर्णय बताउनेछौं। थप कागजात चाहिएमा हामी तपाईंलाई खबर गर्नेछौं।

आफ्नो सन्दर्भ नम्बर सुरक्षित राख्नुहोस्। यो दाबीबारे हामीलाई सम्पर्क गर्दा सधैं यो नम्बर भन्नुहोस्।

Labour Case System`,
      html: `<p>कल्याणकारी कोषमा दिनुभएको तपाईंको दाबी हामीले पाएका छौं।</p>
<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong><br>दाबीको प्रकार: <strong>{{claimType}}</strong></p>
<p>अब के हुन्छ: कल्याण अधिकारीले तपाईंको दाबी हेर्नुहुनेछ। <strong>{{decisionDue}}</strong> सम्ममा हामी तपाईंलाई निर्णय बताउनेछौं। थप कागजात चाहिएमा हामी तपाईंलाई खबर गर्नेछौं।</p>
<p><strong>आफ्नो सन्दर्भ नम्बर सुरक्षित राख्नुहोस्।</strong> यो दाबीबारे हामीलाई सम्पर्क गर्दा सधैं यो नम्बर भन्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
