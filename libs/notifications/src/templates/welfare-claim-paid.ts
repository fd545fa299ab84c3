import { defineTemplate } from './template.types';

export const welfareClaimPaid = defineTemplate({
  key: 'welfare.claim-paid',
  audience: 'worker',
  description:
    'To the claimant when the payment of the welfare-fund claim is confirmed: the amount and the payment reference; the claim is complete.',
  example: { referenceNumber: 'WC-2026-000057-7', amount: 'PHP 200,000.00', paidReference: 'TRX-20260914-88213' },
  translations: {
    en: {
      subject: 'Payment confirmed: your claim {{referenceNumber}} is complete',
      text: `Reference number: {{referenceNumber}}

The payment of {{amount}} for your claim is confirmed.

Payment reference: {{paidReference}}

Your claim is now complete. Keep this message.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>The payment of <strong>{{amount}}</strong> for your claim is confirmed.</p>
<p>Payment reference: <strong>{{paidReference}}</strong></p>
<p>Your claim is now complete. Keep this message.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Kumpirmado ang bayad: tapos na ang iyong claim {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

Kumpirmado na ang bayad na {{amount}} para sa iyong claim.

Reference ng bayad: {{paidReference}}

Tapos na ang iyong claim. Itago ang mensaheng ito.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Kumpirmado na ang bayad na <strong>{{amount}}</strong> para sa iyong claim.</p>
<p>Reference ng bayad: <strong>{{paidReference}}</strong></p>
<p>Tapos na ang iyong claim. Itago ang mensaheng ito.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Pembayaran dikonfirmasi: klaim Anda {{referenceNumber}} selesai',
      text: `Nomor referensi: {{referenceNumber}}

Pembayaran sebesar {{amount}} untuk klaim Anda sudah dikonfirmasi.

Nomor referensi pembayaran: {{paidReference}}

Klaim Anda sudah selesai. Simpan pesan ini.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Pembayaran sebesar <strong>{{amount}}</strong> untuk klaim Anda sudah dikonfirmasi.</p>
<p>Nomor referensi pembayaran: <strong>{{paidReference}}</strong></p>
<p>Klaim Anda sudah selesai. Simpan pesan ini.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'भुक्तानी पक्का भयो: तपाईंको दाबी {{referenceNumber}} पूरा भयो',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

तपाईंको दाबीको {{amount}} भुक्तानी पक्का भएको छ।

भुक्तानीको सन्दर्भ नम्बर: {{paidReference}}

तपाईंको दाबी अब पूरा भयो। यो सन्देश सुरक्षित राख्नुहोस्।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>तपाईंको दाबीको <strong>{{amount}}</strong> भुक्तानी पक्का भएको छ।</p>
<p>भुक्तानीको सन्दर्भ नम्बर: <strong>{{paidReference}}</strong></p>
<p>तपाईंको दाबी अब पूरा भयो। यो सन्देश सुरक्षित राख्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
