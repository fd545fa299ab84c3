import { defineTemplate } from './template.types';

export const complaintReferred = defineTemplate({
  key: 'complaint.referred',
  audience: 'worker',
  description:
    'To the complainant when an officer refers the complaint to another office: that office handles it and will contact them; the ministry has sent the file there; it is not a rejection.',
  example: { referenceNumber: 'CMP-2026-000123-K', referralTarget: 'Department of Migrant Workers, Regional Office VII' },
  translations: {
    en: {
      subject: 'Your complaint {{referenceNumber}} has been sent to another office',
      text: `Reference number: {{referenceNumber}}

Your complaint will be handled by another office: {{referralTarget}}.

The ministry has already sent your file to them. They will contact you. You do not need to file your complaint again.

This does not mean that your complaint was rejected.

Keep this reference number. Use it if you need to ask the ministry about your complaint.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Your complaint will be handled by another office: <strong>{{referralTarget}}</strong>.</p>
<p>The ministry has already sent your file to them. They will contact you. <strong>You do not need to file your complaint again.</strong></p>
<p>This does not mean that your complaint was rejected.</p>
<p>Keep this reference number. Use it if you need to ask the ministry about your complaint.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Ipinasa sa ibang tanggapan ang iyong reklamo {{referenceNumber}}',
      text: `Reference number: {{referenceNumber}}

Ibang tanggapan ang hahawak sa iyong reklamo: {{referralTarget}}.

Naipadala na ng ministeryo sa kanila ang iyong file. Sila ang kokontak sa iyo. Hindi mo na kailangang magsampa ulit ng reklamo.

Hindi ito nangangahulugang tinanggihan ang iyong reklamo.

Itago ang reference number na ito. Gamitin ito kung may itatanong ka sa ministeryo tungkol sa iyong reklamo.

Labour Case System`,
      html: `<p>Reference number: <strong>{{referenceNumber}}</strong></p>
<p>Ibang tanggapan ang hahawak sa iyong reklamo: <strong>{{referralTarget}}</strong>.</p>
<p>Naipadala na ng ministeryo sa kanila ang iyong file. Sila ang kokontak sa iyo. <strong>Hindi mo na kailangang magsampa ulit ng reklamo.</strong></p>
<p>Hindi ito nangangahulugang tinanggihan ang iyong reklamo.</p>
<p>Itago ang reference number na ito. Gamitin ito kung may itatanong ka sa ministeryo tungkol sa iyong reklamo.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Pengaduan Anda {{referenceNumber}} dialihkan ke kantor lain',
      text: `Nomor referensi: {{referenceNumber}}

Pengaduan Anda akan ditangani oleh kantor lain: {{referralTarget}}.

Kementerian sudah mengirim berkas Anda ke kantor tersebut. Mereka akan menghubungi Anda. Anda tidak perlu mengajukan pengaduan lagi.

Ini tidak berarti pengaduan Anda ditolak.

Simpan nomor referensi ini. Gunakan nomor ini jika Anda ingin bertanya kepada kementerian tentang pengaduan Anda.

Labour Case System`,
      html: `<p>Nomor referensi: <strong>{{referenceNumber}}</strong></p>
<p>Pengaduan Anda akan ditangani oleh kantor lain: <strong>{{referralTarget}}</strong>.</p>
<p>Kementerian sudah mengirim berkas Anda ke kantor tersebut. Mereka akan menghubungi Anda. <strong>Anda tidak perlu mengajukan pengaduan lagi.</strong></p>
<p>Ini tidak berarti pengaduan Anda ditolak.</p>
<p>Simpan nomor referensi ini. Gunakan nomor ini jika Anda ingin bertanya kepada kementerian tentang pengaduan Anda.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'तपाईंको उजुरी {{referenceNumber}} अर्को कार्यालयमा पठाइयो',
      text: `सन्दर्भ नम्बर: {{referenceNumber}}

तपाईंको उजुरी अब अर्को कार्यालयले हेर्नेछ: {{referralTarget}}।

मन्त्रालयले तपाईंको फाइल त्यो कार्यालयमा पठाइसकेको छ। त्यहाँबाट तपाईंलाई सम्पर्क गरिनेछ। तपाईंले फेरि उजुरी दिनुपर्दैन।

यसको अर्थ तपाईंको उजुरी अस्वीकार भयो भन्ने होइन।

यो सन्दर्भ नम्बर सुरक्षित राख्नुहोस्। उजुरीबारे मन्त्रालयलाई केही सोध्नुपरेमा यही नम्बर भन्नुहोस्।

Labour Case System`,
      html: `<p>सन्दर्भ नम्बर: <strong>{{referenceNumber}}</strong></p>
<p>तपाईंको उजुरी अब अर्को कार्यालयले हेर्नेछ: <strong>{{referralTarget}}</strong>।</p>
<p>मन्त्रालयले तपाईंको फाइल त्यो कार्यालयमा पठाइसकेको छ। त्यहाँबाट तपाईंलाई सम्पर्क गरिनेछ। <strong>तपाईंले फेरि उजुरी दिनुपर्दैन।</strong></p>
<p>यसको अर्थ तपाईंको उजुरी अस्वीकार भयो भन्ने होइन।</p>
<p>यो सन्दर्भ नम्बर सुरक्षित राख्नुहोस्। उजुरीबारे मन्त्रालयलाई केही सोध्नुपरेमा यही नम्बर भन्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
