import { defineTemplate } from './template.types';

export const feesRefundOverdue = defineTemplate({
  key: 'fees.refund-overdue',
  audience: 'agency',
  description:
    "To an agency's admins when a refund order's due date passed unpaid: the order is overdue and escalated to the ministry, blocks license renewal clearance until paid, and may lead to garnishment from the escrow and sanctions.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    reference: 'RO-2026-000042',
    workerName: 'Maria Santos',
    amount: 'PHP 15,223.88',
    dueDate: '8 December 2026',
  },
  translations: {
    en: {
      subject: 'Overdue: refund order {{reference}} of {{agencyName}} escalated to the ministry',
      text: `Refund order {{reference}} of {{agencyName}} was not paid by its due date, {{dueDate}}. It is now overdue.

Worker: {{workerName}}
Amount to refund: {{amount}}
Due date: {{dueDate}}

The order has been escalated to the ministry. Until it is paid, your agency cannot get clearance for its license renewal. The ministry may also recover the amount from your agency's escrow (garnishment) and impose sanctions.

Pay {{amount}} back to {{workerName}} without further delay and record the payment reference with the ministry.

Labour Case System`,
      html: `<p>Refund order <strong>{{reference}}</strong> of <strong>{{agencyName}}</strong> was not paid by its due date, <strong>{{dueDate}}</strong>. It is now overdue.</p>
<p>Worker: <strong>{{workerName}}</strong><br>Amount to refund: <strong>{{amount}}</strong><br>Due date: <strong>{{dueDate}}</strong></p>
<p>The order has been escalated to the ministry. Until it is paid, your agency cannot get clearance for its license renewal. The ministry may also recover the amount from your agency's escrow (garnishment) and impose sanctions.</p>
<p>Pay <strong>{{amount}}</strong> back to {{workerName}} without further delay and record the payment reference with the ministry.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Lampas na sa takdang petsa: iniakyat na sa ministeryo ang refund order {{reference}} ng {{agencyName}}',
      text: `Hindi nabayaran ang refund order {{reference}} ng {{agencyName}} hanggang sa takdang petsa nito, {{dueDate}}. Lampas na ito ngayon sa takdang petsa (overdue).

Manggagawa: {{workerName}}
Halagang ibabalik: {{amount}}
Takdang petsa: {{dueDate}}

Iniakyat na ang order sa ministeryo. Hangga't hindi ito nababayaran, hindi makakakuha ang inyong ahensya ng clearance para sa renewal ng lisensya nito. Maaari ring kunin ng ministeryo ang halaga mula sa escrow ng inyong ahensya (garnishment) at magpataw ng mga parusa.

Ibalik na agad ang {{amount}} kay {{workerName}} at itala sa ministeryo ang reference ng bayad.

Labour Case System`,
      html: `<p>Hindi nabayaran ang refund order <strong>{{reference}}</strong> ng <strong>{{agencyName}}</strong> hanggang sa takdang petsa nito, <strong>{{dueDate}}</strong>. Lampas na ito ngayon sa takdang petsa (overdue).</p>
<p>Manggagawa: <strong>{{workerName}}</strong><br>Halagang ibabalik: <strong>{{amount}}</strong><br>Takdang petsa: <strong>{{dueDate}}</strong></p>
<p>Iniakyat na ang order sa ministeryo. Hangga't hindi ito nababayaran, hindi makakakuha ang inyong ahensya ng clearance para sa renewal ng lisensya nito. Maaari ring kunin ng ministeryo ang halaga mula sa escrow ng inyong ahensya (garnishment) at magpataw ng mga parusa.</p>
<p>Ibalik na agad ang <strong>{{amount}}</strong> kay {{workerName}} at itala sa ministeryo ang reference ng bayad.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Lewat batas waktu: perintah pengembalian dana {{reference}} ({{agencyName}}) dieskalasi ke kementerian',
      text: `Perintah pengembalian dana {{reference}} untuk {{agencyName}} belum dibayar sampai batas waktunya, {{dueDate}}. Perintah ini sekarang sudah lewat batas waktu.

Pekerja: {{workerName}}
Jumlah yang harus dikembalikan: {{amount}}
Batas waktu: {{dueDate}}

Perintah ini telah dieskalasi ke kementerian. Selama belum dibayar, agensi Anda tidak dapat memperoleh persetujuan (clearance) untuk perpanjangan izinnya. Kementerian juga dapat mengambil jumlah tersebut dari dana jaminan (escrow) agensi Anda melalui penyitaan dan menjatuhkan sanksi.

Segera kembalikan {{amount}} kepada {{workerName}} dan laporkan nomor referensi pembayaran kepada kementerian.

Labour Case System`,
      html: `<p>Perintah pengembalian dana <strong>{{reference}}</strong> untuk <strong>{{agencyName}}</strong> belum dibayar sampai batas waktunya, <strong>{{dueDate}}</strong>. Perintah ini sekarang sudah lewat batas waktu.</p>
<p>Pekerja: <strong>{{workerName}}</strong><br>Jumlah yang harus dikembalikan: <strong>{{amount}}</strong><br>Batas waktu: <strong>{{dueDate}}</strong></p>
<p>Perintah ini telah dieskalasi ke kementerian. Selama belum dibayar, agensi Anda tidak dapat memperoleh persetujuan (clearance) untuk perpanjangan izinnya. Kementerian juga dapat mengambil jumlah tersebut dari dana jaminan (escrow) agensi Anda melalui penyitaan dan menjatuhkan sanksi.</p>
<p>Segera kembalikan <strong>{{amount}}</strong> kepada {{workerName}} dan laporkan nomor referensi pembayaran kepada kementerian.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'म्याद नाघ्यो: {{agencyName}} को रकम फिर्ता आदेश {{reference}} मन्त्रालयसमक्ष पुर्‍याइयो',
      text: `{{agencyName}} को रकम फिर्ता आदेश {{reference}} को भुक्तानी अन्तिम मिति {{dueDate}} सम्म भएन। अब यसको म्याद नाघिसकेको छ।

कामदार: {{workerName}}
फिर्ता गर्नुपर्ने रकम: {{amount}}
अन्तिम मिति: {{dueDate}}

यो आदेश मन्त्रालयसमक्ष पुर्‍याइएको छ। भुक्तानी नभएसम्म तपाईंको एजेन्सीले इजाजतपत्र नवीकरणका लागि स्वीकृति (क्लियरेन्स) पाउन सक्दैन। मन्त्रालयले यो रकम तपाईंको एजेन्सीको धरौटी (एस्क्रो) बाट कट्टा गरेर असुल गर्न र कारबाही गर्न पनि सक्छ।

{{workerName}} लाई {{amount}} तुरुन्तै फिर्ता गर्नुहोस् र भुक्तानीको सन्दर्भ नम्बर मन्त्रालयमा दर्ता गर्नुहोस्।

Labour Case System`,
      html: `<p><strong>{{agencyName}}</strong> को रकम फिर्ता आदेश <strong>{{reference}}</strong> को भुक्तानी अन्तिम मिति <strong>{{dueDate}}</strong> सम्म भएन। अब यसको म्याद नाघिसकेको छ।</p>
<p>कामदार: <strong>{{workerName}}</strong><br>फिर्ता गर्नुपर्ने रकम: <strong>{{amount}}</strong><br>अन्तिम मिति: <strong>{{dueDate}}</strong></p>
<p>यो आदेश मन्त्रालयसमक्ष पुर्‍याइएको छ। भुक्तानी नभएसम्म तपाईंको एजेन्सीले इजाजतपत्र नवीकरणका लागि स्वीकृति (क्लियरेन्स) पाउन सक्दैन। मन्त्रालयले यो रकम तपाईंको एजेन्सीको धरौटी (एस्क्रो) बाट कट्टा गरेर असुल गर्न र कारबाही गर्न पनि सक्छ।</p>
<p>{{workerName}} लाई <strong>{{amount}}</strong> तुरुन्तै फिर्ता गर्नुहोस् र भुक्तानीको सन्दर्भ नम्बर मन्त्रालयमा दर्ता गर्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
