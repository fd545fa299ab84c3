import { defineTemplate } from './template.types';

export const welfareDocumentsRequested = defineTemplate({
  key: 'welfare.documents-requested',
  audience: 'worker',
  description:
    'To the claimant when the welfare officer asks for documents before deciding: the documents (a comma-separated list, in words); upload them in the account or bring them to the office; the time limit for the decision is paused until they arrive.',
  example: {
    referenceNumber: 'WC-2026-000057-7',
    documents: 'Death certificate (local or foreign), Proof of relationship to the worker (marriage certificate, birth certificate)',
  },
  translations: {
    en: {
      subject: 'Documents needed for your claim {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

To decide on your claim, we need these documents:
{{documents}}

How to send them:
- upload them in your account, or
- bring them to the office.
Give your reference number.

While we wait for these documents, the time limit for our decision is paused. It starts again when we receive them.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>To decide on your claim, we need these documents:</p>
<p><strong>{{documents}}</strong></p>
<p>How to send them:</p>
<ul><li>upload them in your account, or</li><li>bring them to the office.</li></ul>
<p>Give your reference number.</p>
<p>While we wait for these documents, the time limit for our decision is paused. It starts again when we receive them.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Kailangan ng mga dokumento para sa iyong claim {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

Para makapagdesisyon kami sa iyong claim, kailangan namin ang mga dokumentong ito:
{{documents}}

Paano ipadala:
- i-upload ang mga ito sa iyong account, o
- dalhin ang mga ito sa opisina.
Ibigay ang iyong reference number.

Habang hinihintay namin ang mga dokumentong ito, nakahinto muna ang bilang ng mga araw para sa aming desisyon. Magpapatuloy ito kapag natanggap na namin ang mga dokumento.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Para makapagdesisyon kami sa iyong claim, kailangan namin ang mga dokumentong ito:</p>
<p><strong>{{documents}}</strong></p>
<p>Paano ipadala:</p>
<ul><li>i-upload ang mga ito sa iyong account, o</li><li>dalhin ang mga ito sa opisina.</li></ul>
<p>Ibigay ang iyong reference number.</p>
<p>Habang hinihintay namin ang mga dokumentong ito, nakahinto muna ang bilang ng mga araw para sa aming desisyon. Magpapatuloy ito kapag natanggap na namin ang mga dokumento.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Dokumen yang diperlukan untuk klaim Anda {{referenceNumber}}',
      text: `Nomor referensi: {{referenceNumber}}

Untuk memutuskan klaim Anda, kami memerlukan dokumen berikut:
{{documents}}

Cara mengirimnya:
- unggah di akun Anda, atau
- bawa ke kantor.
Sebutkan nomor referensi Anda.

Selama kami menunggu dokumen ini, batas waktu keputusan kami dihentikan sementara. Batas waktu itu berjalan lagi setelah dokumen kami terima.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Untuk memutuskan klaim Anda, kami memerlukan dokumen berikut:</p>
<p><strong>{{documents}}</strong></p>
<p>Cara mengirimnya:</p>
<ul><li>unggah di akun Anda, atau</li><li>bawa ke kantor.</li></ul>
<p>Sebutkan nomor referensi Anda.</p>
<p>Selama kami menunggu dokumen ini, batas waktu keputusan kami dihentikan sementara. Batas waktu itu berjalan lagi setelah dokumen kami terima.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको दाबी {{referenceNumber}} का लागि कागजात चाहियो',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

तपाईंको दाबीमा निर्णय गर्न हामीलाई यी कागजात चाहिन्छन्:
{{documents}}

कसरी पठाउने:
- आफ्नो अनलाइन खातामा अपलोड गर्नुहोस्, वा
- कार्यालयमा ल्याउनुहोस्।
आफ्नो सन्दर्भ नम्बर भन्नुहोस्।

यी कागजात हामीकहाँ नआइपुगेसम्म निर्णयको समयसीमा रोकिएको रहन्छ। कागजात पाएपछि समयसीमा फेरि सुरु हुन्छ।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>तपाईंको दाबीमा निर्णय गर्न हामीलाई यी कागजात चाहिन्छन्:</p>
<p><strong>{{documents}}</strong></p>
<p>कसरी पठाउने:</p>
<ul><li>आफ्नो अनलाइन खातामा अपलोड गर्नुहोस्, वा</li><li>कार्यालयमा ल्याउनुहोस्।</li></ul>
<p>आफ्नो सन्दर्भ नम्बर भन्नुहोस्।</p>
<p>यी कागजात हामीकहाँ नआइपुगेसम्म निर्णयको समयसीमा रोकिएको रहन्छ। कागजात पाएपछि समयसीमा फेरि सुरु हुन्छ।</p>
<p>Labour Case System</p>`,
    },
  },
});
