import { defineTemplate } from './template.types';

export const welfareClaimApproved = defineTemplate({
  key: 'welfare.claim-approved',
  audience: 'worker',
  description:
    'To the claimant when the welfare-fund claim is approved: the amount; the money will be sent to the payout account they gave; they will be told when it is sent; nothing to do now.',
  example: { referenceNumber: 'WC-2026-000057-7', amount: 'PHP 200,000.00' },
  translations: {
    en: {
      subject: 'Your claim {{referenceNumber}} is approved',
      text: `Reference number: {{referenceNumber}}

Your claim has been approved for {{amount}}.

What happens next: we will send the money to the payout account you gave us. We will tell you when it has been sent.

You do not need to do anything now.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Your claim has been approved for <strong>{{amount}}</strong>.</p>
<p>What happens next: we will send the money to the payout account you gave us. We will tell you when it has been sent.</p>
<p><strong>You do not need to do anything now.</strong></p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Aprubado ang iyong claim {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

Naaprubahan ang iyong claim para sa halagang {{amount}}.

Ano ang susunod: ipapadala namin ang pera sa account na ibinigay mo para sa bayad. Sasabihan ka namin kapag naipadala na ito.

Wala kang kailangang gawin sa ngayon.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Naaprubahan ang iyong claim para sa halagang <strong>{{amount}}</strong>.</p>
<p>Ano ang susunod: ipapadala namin ang pera sa account na ibinigay mo para sa bayad. Sasabihan ka namin kapag naipadala na ito.</p>
<p><strong>Wala kang kailangang gawin sa ngayon.</strong></p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Klaim Anda {{referenceNumber}} disetujui',
      text: `Nomor referensi: {{referenceNumber}}

Klaim Anda disetujui sebesar {{amount}}.

Langkah selanjutnya: kami akan mengirim uangnya ke rekening pembayaran yang Anda berikan. Kami akan memberi tahu Anda setelah uangnya dikirim.

Anda tidak perlu melakukan apa pun sekarang.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Klaim Anda disetujui sebesar <strong>{{amount}}</strong>.</p>
<p>Langkah selanjutnya: kami akan mengirim uangnya ke rekening pembayaran yang Anda berikan. Kami akan memberi tahu Anda setelah uangnya dikirim.</p>
<p><strong>Anda tidak perlu melakukan apa pun sekarang.</strong></p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको दाबी {{referenceNumber}} स्वीकृत भयो',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

तपाईंको दाबी {{amount}} का लागि स्वीकृत भएको छ।

अब के हुन्छ: तपाईंले भुक्तानीका लागि दिनुभएको खातामा हामी पैसा पठाउनेछौं। पैसा पठाएपछि हामी तपाईंलाई खबर गर्नेछौं।

तपाईंले अहिले केही गर्नुपर्दैन।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>तपाईंको दाबी <strong>{{amount}}</strong> का लागि स्वीकृत भएको छ।</p>
<p>अब के हुन्छ: तपाईंले भुक्तानीका लागि दिनुभएको खातामा हामी पैसा पठाउनेछौं। पैसा पठाएपछि हामी तपाईंलाई खबर गर्नेछौं।</p>
<p><strong>तपाईंले अहिले केही गर्नुपर्दैन।</strong></p>
<p>Labour Case System</p>`,
    },
  },
});
