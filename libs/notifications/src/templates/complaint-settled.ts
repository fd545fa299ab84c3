import { defineTemplate } from './template.types';

export const complaintSettled = defineTemplate({
  key: 'complaint.settled',
  audience: 'worker',
  description:
    'To the complainant when a settlement is recorded in conciliation: the agency must comply by a given day; if it does not, tell the ministry (quoting the reference) and the case continues.',
  example: { referenceNumber: 'CMP-2026-000123-K', complyBy: '30 September 2026' },
  translations: {
    en: {
      subject: 'Agreement reached on your complaint {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

The agency has agreed to a settlement of your complaint.

The agency must do what it agreed by {{complyBy}}.

If the agency has not done it by {{complyBy}}, tell the ministry and give your reference number: {{referenceNumber}}. Your case will then continue.

Keep any receipts or proof of what the agency pays or gives you.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>The agency has agreed to a settlement of your complaint.</p>
<p>The agency must do what it agreed by <strong>{{complyBy}}</strong>.</p>
<p>If the agency has not done it by {{complyBy}}, tell the ministry and give your reference number: <strong>{{referenceNumber}}</strong>. Your case will then continue.</p>
<p>Keep any receipts or proof of what the agency pays or gives you.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'May kasunduan na sa iyong reklamo {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

Pumayag ang ahensya sa isang kasunduan (settlement) para sa iyong reklamo.

Dapat gawin ng ahensya ang napagkasunduan hanggang {{complyBy}}.

Kung hindi pa ito nagagawa ng ahensya pagsapit ng {{complyBy}}, sabihan ang ministeryo at ibigay ang iyong reference number: {{referenceNumber}}. Itutuloy ang iyong kaso.

Itago ang mga resibo o anumang patunay ng ibinayad o ibinigay sa iyo ng ahensya.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Pumayag ang ahensya sa isang kasunduan (settlement) para sa iyong reklamo.</p>
<p>Dapat gawin ng ahensya ang napagkasunduan hanggang <strong>{{complyBy}}</strong>.</p>
<p>Kung hindi pa ito nagagawa ng ahensya pagsapit ng {{complyBy}}, sabihan ang ministeryo at ibigay ang iyong reference number: <strong>{{referenceNumber}}</strong>. Itutuloy ang iyong kaso.</p>
<p>Itago ang mga resibo o anumang patunay ng ibinayad o ibinigay sa iyo ng ahensya.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Ada kesepakatan untuk pengaduan Anda {{referenceNumber}}',
      text: `Nomor referensi: {{referenceNumber}}

Agensi telah setuju untuk berdamai dan membuat kesepakatan atas pengaduan Anda.

Agensi wajib melaksanakan isi kesepakatan itu paling lambat {{complyBy}}.

Jika sampai {{complyBy}} agensi belum melaksanakannya, beri tahu kementerian dan sebutkan nomor referensi Anda: {{referenceNumber}}. Kasus Anda akan dilanjutkan.

Simpan kuitansi atau bukti apa pun yang dibayarkan atau diberikan agensi kepada Anda.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Agensi telah setuju untuk berdamai dan membuat kesepakatan atas pengaduan Anda.</p>
<p>Agensi wajib melaksanakan isi kesepakatan itu paling lambat <strong>{{complyBy}}</strong>.</p>
<p>Jika sampai {{complyBy}} agensi belum melaksanakannya, beri tahu kementerian dan sebutkan nomor referensi Anda: <strong>{{referenceNumber}}</strong>. Kasus Anda akan dilanjutkan.</p>
<p>Simpan kuitansi atau bukti apa pun yang dibayarkan atau diberikan agensi kepada Anda.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको उजुरी {{referenceNumber}} मा सम्झौता भयो',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

एजेन्सी तपाईंको उजुरीमा सम्झौता गर्न राजी भएको छ।

सम्झौतामा भनिएको कुरा एजेन्सीले {{complyBy}} सम्ममा पूरा गर्नुपर्छ।

{{complyBy}} सम्ममा एजेन्सीले त्यो पूरा गरेन भने, मन्त्रालयलाई खबर गर्नुहोस् र आफ्नो सन्दर्भ नम्बर भन्नुहोस्: {{referenceNumber}}। त्यसपछि तपाईंको उजुरीको काम अगाडि बढ्नेछ।

एजेन्सीले तपाईंलाई तिरेको वा दिएको कुराको रसिद वा प्रमाण सुरक्षित राख्नुहोस्।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>एजेन्सी तपाईंको उजुरीमा सम्झौता गर्न राजी भएको छ।</p>
<p>सम्झौतामा भनिएको कुरा एजेन्सीले <strong>{{complyBy}}</strong> सम्ममा पूरा गर्नुपर्छ।</p>
<p>{{complyBy}} सम्ममा एजेन्सीले त्यो पूरा गरेन भने, मन्त्रालयलाई खबर गर्नुहोस् र आफ्नो सन्दर्भ नम्बर भन्नुहोस्: <strong>{{referenceNumber}}</strong>। त्यसपछि तपाईंको उजुरीको काम अगाडि बढ्नेछ।</p>
<p>एजेन्सीले तपाईंलाई तिरेको वा दिएको कुराको रसिद वा प्रमाण सुरक्षित राख्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
