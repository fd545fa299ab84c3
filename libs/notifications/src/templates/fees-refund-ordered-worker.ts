import { defineTemplate } from './template.types';

export const feesRefundOrderedWorker = defineTemplate({
  key: 'fees.refund-ordered-worker',
  audience: 'worker',
  description:
    "To the worker when the ministry's fee assessment of their placement found they were charged more than allowed and the agency was ordered to pay them back: nothing to do now, keep receipts, contact the ministry with the reference if unpaid or pressured; the agency may not punish them.",
  example: {
    workerName: 'Maria Santos',
    agencyName: 'Bayanihan Manpower Services Inc.',
    amount: 'PHP 15,223.88',
    dueDate: '8 December 2026',
    reference: 'RO-2026-000042',
  },
  translations: {
    en: {
      subject: '{{agencyName}} must pay you back {{amount}}',
      text: `Hello {{workerName}},

The ministry checked the fees that {{agencyName}} declared for your job and found that you were charged more than the rules allow.

{{agencyName}} has been ordered to pay you back {{amount}} by {{dueDate}}.

You do not need to do anything now.

Keep all your receipts for the fees you paid.

Contact the ministry if:
- you are not paid by {{dueDate}}, or
- anyone pushes you to give this money back or to sign anything.
Give this reference number: {{reference}}

{{agencyName}} is not allowed to punish you for this.

Labour Case System`,
      html: `<p>Hello {{workerName}},</p>
<p>The ministry checked the fees that {{agencyName}} declared for your job and found that you were charged more than the rules allow.</p>
<p><strong>{{agencyName}}</strong> has been ordered to pay you back <strong>{{amount}}</strong> by <strong>{{dueDate}}</strong>.</p>
<p><strong>You do not need to do anything now.</strong></p>
<p>Keep all your receipts for the fees you paid.</p>
<p>Contact the ministry if:</p>
<ul><li>you are not paid by {{dueDate}}, or</li><li>anyone pushes you to give this money back or to sign anything.</li></ul>
<p>Give this reference number: <strong>{{reference}}</strong></p>
<p><strong>{{agencyName}} is not allowed to punish you for this.</strong></p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Kailangang ibalik sa iyo ng {{agencyName}} ang {{amount}}',
      text: `Kumusta {{workerName}},

Sinuri ng ministeryo ang mga bayaring idineklara ng {{agencyName}} para sa iyong trabaho, at nakitang siningil ka nang higit sa pinapayagan ng mga patakaran.

Inutusan ang {{agencyName}} na ibalik sa iyo ang {{amount}} hanggang {{dueDate}}.

Wala kang kailangang gawin sa ngayon.

Itago ang lahat ng resibo ng iyong mga ibinayad.

Makipag-ugnayan sa ministeryo kung:
- hindi ka pa nababayaran pagdating ng {{dueDate}}, o
- may nagpipilit sa iyo na isauli ang perang ito o pumirma ng anumang papel.
Ibigay ang reference number na ito: {{reference}}

Hindi pinapayagan ang {{agencyName}} na parusahan ka dahil dito.

Labour Case System`,
      html: `<p>Kumusta {{workerName}},</p>
<p>Sinuri ng ministeryo ang mga bayaring idineklara ng {{agencyName}} para sa iyong trabaho, at nakitang siningil ka nang higit sa pinapayagan ng mga patakaran.</p>
<p>Inutusan ang <strong>{{agencyName}}</strong> na ibalik sa iyo ang <strong>{{amount}}</strong> hanggang <strong>{{dueDate}}</strong>.</p>
<p><strong>Wala kang kailangang gawin sa ngayon.</strong></p>
<p>Itago ang lahat ng resibo ng iyong mga ibinayad.</p>
<p>Makipag-ugnayan sa ministeryo kung:</p>
<ul><li>hindi ka pa nababayaran pagdating ng {{dueDate}}, o</li><li>may nagpipilit sa iyo na isauli ang perang ito o pumirma ng anumang papel.</li></ul>
<p>Ibigay ang reference number na ito: <strong>{{reference}}</strong></p>
<p><strong>Hindi pinapayagan ang {{agencyName}} na parusahan ka dahil dito.</strong></p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: '{{agencyName}} wajib mengembalikan uang Anda sebesar {{amount}}',
      text: `Halo {{workerName}},

Kementerian sudah memeriksa biaya yang dilaporkan {{agencyName}} untuk pekerjaan Anda, dan menemukan bahwa Anda membayar lebih dari yang diizinkan aturan.

{{agencyName}} sudah diperintahkan untuk mengembalikan {{amount}} kepada Anda paling lambat {{dueDate}}.

Anda tidak perlu melakukan apa pun sekarang.

Simpan semua kuitansi atau bukti pembayaran biaya yang sudah Anda bayar.

Hubungi kementerian jika:
- sampai {{dueDate}} uang itu belum Anda terima, atau
- ada yang memaksa Anda menyerahkan kembali uang itu atau menandatangani sesuatu.
Sebutkan nomor referensi ini: {{reference}}

{{agencyName}} tidak boleh menghukum Anda karena hal ini.

Labour Case System`,
      html: `<p>Halo {{workerName}},</p>
<p>Kementerian sudah memeriksa biaya yang dilaporkan {{agencyName}} untuk pekerjaan Anda, dan menemukan bahwa Anda membayar lebih dari yang diizinkan aturan.</p>
<p><strong>{{agencyName}}</strong> sudah diperintahkan untuk mengembalikan <strong>{{amount}}</strong> kepada Anda paling lambat <strong>{{dueDate}}</strong>.</p>
<p><strong>Anda tidak perlu melakukan apa pun sekarang.</strong></p>
<p>Simpan semua kuitansi atau bukti pembayaran biaya yang sudah Anda bayar.</p>
<p>Hubungi kementerian jika:</p>
<ul><li>sampai {{dueDate}} uang itu belum Anda terima, atau</li><li>ada yang memaksa Anda menyerahkan kembali uang itu atau menandatangani sesuatu.</li></ul>
<p>Sebutkan nomor referensi ini: <strong>{{reference}}</strong></p>
<p><strong>{{agencyName}} tidak boleh menghukum Anda karena hal ini.</strong></p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: '{{agencyName}} ले तपाईंलाई {{amount}} फिर्ता दिनुपर्छ',
      text: `नमस्ते {{workerName}},

मन्त्रालयले तपाईंको कामका लागि {{agencyName}} ले घोषणा गरेको शुल्क जाँच गर्‍यो। तपाईंसँग नियमले अनुमति दिएभन्दा बढी पैसा लिइएको पाइयो।

{{agencyName}} लाई {{dueDate}} सम्ममा तपाईंलाई {{amount}} फिर्ता दिन आदेश दिइएको छ।

तपाईंले अहिले केही गर्नुपर्दैन।

तपाईंले तिरेको शुल्कका सबै रसिदहरू सुरक्षित राख्नुहोस्।

यस्तो भएमा मन्त्रालयलाई सम्पर्क गर्नुहोस्:
- {{dueDate}} सम्ममा पैसा फिर्ता पाउनुभएन भने, वा
- कसैले तपाईंलाई यो पैसा फेरि फिर्ता दिन वा कुनै कागजमा सही गर्न दबाब दियो भने।
यो सन्दर्भ नम्बर भन्नुहोस्: {{reference}}

यस कारणले {{agencyName}} ले तपाईंलाई कुनै सजाय दिन पाउँदैन।

Labour Case System`,
      html: `<p>नमस्ते {{workerName}},</p>
<p>मन्त्रालयले तपाईंको कामका लागि {{agencyName}} ले घोषणा गरेको शुल्क जाँच गर्‍यो। तपाईंसँग नियमले अनुमति दिएभन्दा बढी पैसा लिइएको पाइयो।</p>
<p><strong>{{agencyName}}</strong> लाई <strong>{{dueDate}}</strong> सम्ममा तपाईंलाई <strong>{{amount}}</strong> फिर्ता दिन आदेश दिइएको छ।</p>
<p><strong>तपाईंले अहिले केही गर्नुपर्दैन।</strong></p>
<p>तपाईंले तिरेको शुल्कका सबै रसिदहरू सुरक्षित राख्नुहोस्।</p>
<p>यस्तो भएमा मन्त्रालयलाई सम्पर्क गर्नुहोस्:</p>
<ul><li>{{dueDate}} सम्ममा पैसा फिर्ता पाउनुभएन भने, वा</li><li>कसैले तपाईंलाई यो पैसा फेरि फिर्ता दिन वा कुनै कागजमा सही गर्न दबाब दियो भने।</li></ul>
<p>यो सन्दर्भ नम्बर भन्नुहोस्: <strong>{{reference}}</strong></p>
<p><strong>यस कारणले {{agencyName}} ले तपाईंलाई कुनै सजाय दिन पाउँदैन।</strong></p>
<p>Labour Case System</p>`,
    },
  },
});
