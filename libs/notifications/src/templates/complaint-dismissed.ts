import { defineTemplate } from './template.types';

export const complaintDismissed = defineTemplate({
  key: 'complaint.dismissed',
  audience: 'worker',
  description:
    'To the complainant when an officer dismisses the complaint (closed without action): the reason given; they may file again with new information, or ask the ministry to review it.',
  example: { referenceNumber: 'CMP-2026-000123-K', reason: 'The agency named in the complaint could not be identified.' },
  translations: {
    en: {
      subject: 'Your complaint {{referenceNumber}} has been closed',
      text: `Reference number: {{referenceNumber}}

The ministry has closed your complaint without taking action.

The reason given: {{reason}}

What you can do:
- If you have new information or documents, you can file a new complaint.
- If you think this is a mistake, you can ask the ministry to look at your complaint again. Give your reference number.

Keep this message.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>The ministry has closed your complaint without taking action.</p>
<p>The reason given: {{reason}}</p>
<p>What you can do:</p>
<ul><li>If you have new information or documents, you can file a new complaint.</li><li>If you think this is a mistake, you can ask the ministry to look at your complaint again. Give your reference number.</li></ul>
<p>Keep this message.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Isinara ang iyong reklamo {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

Isinara ng ministeryo ang iyong reklamo nang walang ginawang aksyon.

Ang ibinigay na dahilan: {{reason}}

Ang maaari mong gawin:
- Kung may bago kang impormasyon o dokumento, maaari kang magsampa ng bagong reklamo.
- Kung sa tingin mo ay may mali, maaari mong hilingin sa ministeryo na tingnan muli ang iyong reklamo. Ibigay ang iyong reference number.

Itago ang mensaheng ito.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Isinara ng ministeryo ang iyong reklamo nang walang ginawang aksyon.</p>
<p>Ang ibinigay na dahilan: {{reason}}</p>
<p>Ang maaari mong gawin:</p>
<ul><li>Kung may bago kang impormasyon o dokumento, maaari kang magsampa ng bagong reklamo.</li><li>Kung sa tingin mo ay may mali, maaari mong hilingin sa ministeryo na tingnan muli ang iyong reklamo. Ibigay ang iyong reference number.</li></ul>
<p>Itago ang mensaheng ito.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Pengaduan Anda {{referenceNumber}} ditutup',
      text: `Nomor referensi: {{referenceNumber}}

Kementerian telah menutup pengaduan Anda tanpa tindakan lebih lanjut.

Alasannya: {{reason}}

Yang dapat Anda lakukan:
- Jika Anda punya informasi atau dokumen baru, Anda dapat mengajukan pengaduan baru.
- Jika menurut Anda ini keliru, Anda dapat meminta kementerian untuk memeriksa kembali pengaduan Anda. Sebutkan nomor referensi Anda.

Simpan pesan ini.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Kementerian telah menutup pengaduan Anda tanpa tindakan lebih lanjut.</p>
<p>Alasannya: {{reason}}</p>
<p>Yang dapat Anda lakukan:</p>
<ul><li>Jika Anda punya informasi atau dokumen baru, Anda dapat mengajukan pengaduan baru.</li><li>Jika menurut Anda ini keliru, Anda dapat meminta kementerian untuk memeriksa kembali pengaduan Anda. Sebutkan nomor referensi Anda.</li></ul>
<p>Simpan pesan ini.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको उजुरी {{referenceNumber}} बन्द गरियो',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

मन्त्रालयले कुनै कारबाही नगरी तपाईंको उजुरी बन्द गरेको छ।

दिइएको कारण: {{reason}}

तपाईं के गर्न सक्नुहुन्छ:
- तपाईंसँग नयाँ जानकारी वा कागजात छ भने, नयाँ उजुरी दिन सक्नुहुन्छ।
- यो गलत भयो जस्तो लाग्छ भने, आफ्नो उजुरी फेरि हेरिदिन मन्त्रालयलाई अनुरोध गर्न सक्नुहुन्छ। आफ्नो सन्दर्भ नम्बर भन्नुहोस्।

यो सन्देश सुरक्षित राख्नुहोस्।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>मन्त्रालयले कुनै कारबाही नगरी तपाईंको उजुरी बन्द गरेको छ।</p>
<p>दिइएको कारण: {{reason}}</p>
<p>तपाईं के गर्न सक्नुहुन्छ:</p>
<ul><li>तपाईंसँग नयाँ जानकारी वा कागजात छ भने, नयाँ उजुरी दिन सक्नुहुन्छ।</li><li>यो गलत भयो जस्तो लाग्छ भने, आफ्नो उजुरी फेरि हेरिदिन मन्त्रालयलाई अनुरोध गर्न सक्नुहुन्छ। आफ्नो सन्दर्भ नम्बर भन्नुहोस्।</li></ul>
<p>यो सन्देश सुरक्षित राख्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
