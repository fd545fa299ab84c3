import { defineTemplate } from './template.types';

export const welfareClaimDisbursed = defineTemplate({
  key: 'welfare.claim-disbursed',
  audience: 'worker',
  description:
    'To the claimant when the approved amount has been sent to their payout account: it may take a few days to arrive; tell the office, with the reference number, if it has not arrived.',
  example: { referenceNumber: 'WC-2026-000057-7', amount: 'PHP 200,000.00' },
  translations: {
    en: {
      subject: 'We have sent {{amount}} for your claim {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

We have sent the payment of {{amount}} to the payout account you gave us.

It may take a few days for the money to arrive.

If the money has not arrived after a few days, tell the office. Give your reference number.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>We have sent the payment of <strong>{{amount}}</strong> to the payout account you gave us.</p>
<p>It may take a few days for the money to arrive.</p>
<p>If the money has not arrived after a few days, tell the office. Give your reference number.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Naipadala na ang {{amount}} para sa iyong claim {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

Naipadala na namin ang bayad na {{amount}} sa account na ibinigay mo para sa bayad.

Maaaring abutin nang ilang araw bago dumating ang pera.

Kung hindi pa dumarating ang pera pagkalipas ng ilang araw, sabihan ang opisina. Ibigay ang iyong reference number.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Naipadala na namin ang bayad na <strong>{{amount}}</strong> sa account na ibinigay mo para sa bayad.</p>
<p>Maaaring abutin nang ilang araw bago dumating ang pera.</p>
<p>Kung hindi pa dumarating ang pera pagkalipas ng ilang araw, sabihan ang opisina. Ibigay ang iyong reference number.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Pembayaran {{amount}} untuk klaim Anda {{referenceNumber}} sudah dikirim',
      text: `Nomor referensi: {{referenceNumber}}

Kami sudah mengirim pembayaran sebesar {{amount}} ke rekening pembayaran yang Anda berikan.

Mungkin perlu beberapa hari sampai uangnya masuk.

Jika setelah beberapa hari uangnya belum masuk, beri tahu kantor. Sebutkan nomor referensi Anda.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Kami sudah mengirim pembayaran sebesar <strong>{{amount}}</strong> ke rekening pembayaran yang Anda berikan.</p>
<p>Mungkin perlu beberapa hari sampai uangnya masuk.</p>
<p>Jika setelah beberapa hari uangnya belum masuk, beri tahu kantor. Sebutkan nomor referensi Anda.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको दाबी {{referenceNumber}} को {{amount}} पठाइयो',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

तपाईंले भुक्तानीका लागि दिनुभएको खातामा हामीले {{amount}} पठाएका छौं।

पैसा आइपुग्न केही दिन लाग्न सक्छ।

केही दिनपछि पनि पैसा आइपुगेन भने कार्यालयलाई खबर गर्नुहोस्। आफ्नो सन्दर्भ नम्बर भन्नुहोस्।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>तपाईंले भुक्तानीका लागि दिनुभएको खातामा हामीले <strong>{{amount}}</strong> पठाएका छौं।</p>
<p>पैसा आइपुग्न केही दिन लाग्न सक्छ।</p>
<p>केही दिनपछि पनि पैसा आइपुगेन भने कार्यालयलाई खबर गर्नुहोस्। आफ्नो सन्दर्भ नम्बर भन्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
