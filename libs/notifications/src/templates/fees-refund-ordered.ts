import { defineTemplate } from './template.types';

export const feesRefundOrdered = defineTemplate({
  key: 'fees.refund-ordered',
  audience: 'agency',
  description:
    "To an agency's admins when the ministry's automatic fee assessment found that a worker was charged more than the rules allow and a refund order was opened: what to pay back, to whom, by when, and what happens if it is not paid.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    reference: 'RO-2026-000042',
    workerName: 'Maria Santos',
    placementReference: 'PLC-118',
    amount: 'PHP 15,223.88',
    dueDate: '8 December 2026',
    violations: 'placement fee over the cap; medical examination over its cap',
  },
  translations: {
    en: {
      subject: 'Refund order {{reference}}: refund {{amount}} to {{workerName}} by {{dueDate}}',
      text: `The ministry's automatic fee assessment of placement {{placementReference}} found that {{workerName}} was charged more than the rules allow. A refund order has been opened against {{agencyName}}.

Refund order: {{reference}}
Worker: {{workerName}}
Placement: {{placementReference}}
Amount to refund: {{amount}}
Due date: {{dueDate}}
Findings: {{violations}}

Pay {{amount}} back to {{workerName}} by {{dueDate}}, then record the payment reference with the ministry against refund order {{reference}}.

If the order is still unpaid after {{dueDate}}, it is escalated to the ministry's supervisors and counts against your agency's license renewal.

If a fee was declared wrongly, correct it by amending the placement: the amended placement is assessed again. A refund order that is already open stays open until the ministry cancels it.

Labour Case System`,
      html: `<p>The ministry's automatic fee assessment of placement <strong>{{placementReference}}</strong> found that <strong>{{workerName}}</strong> was charged more than the rules allow. A refund order has been opened against <strong>{{agencyName}}</strong>.</p>
<p>Refund order: <strong>{{reference}}</strong><br>Worker: <strong>{{workerName}}</strong><br>Placement: <strong>{{placementReference}}</strong><br>Amount to refund: <strong>{{amount}}</strong><br>Due date: <strong>{{dueDate}}</strong><br>Findings: {{violations}}</p>
<p>Pay <strong>{{amount}}</strong> back to {{workerName}} by <strong>{{dueDate}}</strong>, then record the payment reference with the ministry against refund order {{reference}}.</p>
<p>If the order is still unpaid after {{dueDate}}, it is escalated to the ministry's supervisors and counts against your agency's license renewal.</p>
<p>If a fee was declared wrongly, correct it by amending the placement: the amended placement is assessed again. A refund order that is already open stays open until the ministry cancels it.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Refund order {{reference}}: ibalik ang {{amount}} kay {{workerName}} hanggang {{dueDate}}',
      text: `Natuklasan ng awtomatikong pagsusuri ng ministeryo sa mga bayarin ng placement {{placementReference}} na siningil si {{workerName}} nang higit sa pinapayagan ng mga patakaran. Nagbukas ng refund order laban sa {{agencyName}}.

Refund order: {{reference}}
Manggagawa: {{workerName}}
Placement: {{placementReference}}
Halagang ibabalik: {{amount}}
Takdang petsa: {{dueDate}}
Mga natuklasan: {{violations}}

Ibalik ang {{amount}} kay {{workerName}} hanggang {{dueDate}}, at pagkatapos ay itala sa ministeryo ang reference ng bayad para sa refund order {{reference}}.

Kung hindi pa ito bayad pagkalipas ng {{dueDate}}, iaakyat ito sa mga superbisor ng ministeryo at isasaalang-alang ito laban sa renewal ng lisensya ng inyong ahensya.

Kung mali ang pagkakadeklara ng isang bayarin, itama ito sa pamamagitan ng pag-amyenda sa placement: susuriin muli ang inamyendahang placement. Gayunman, mananatiling bukas ang refund order na nabuksan na hanggang kanselahin ito ng ministeryo.

Labour Case System`,
      html: `<p>Natuklasan ng awtomatikong pagsusuri ng ministeryo sa mga bayarin ng placement <strong>{{placementReference}}</strong> na siningil si <strong>{{workerName}}</strong> nang higit sa pinapayagan ng mga patakaran. Nagbukas ng refund order laban sa <strong>{{agencyName}}</strong>.</p>
<p>Refund order: <strong>{{reference}}</strong><br>Manggagawa: <strong>{{workerName}}</strong><br>Placement: <strong>{{placementReference}}</strong><br>Halagang ibabalik: <strong>{{amount}}</strong><br>Takdang petsa: <strong>{{dueDate}}</strong><br>Mga natuklasan: {{violations}}</p>
<p>Ibalik ang <strong>{{amount}}</strong> kay {{workerName}} hanggang <strong>{{dueDate}}</strong>, at pagkatapos ay itala sa ministeryo ang reference ng bayad para sa refund order {{reference}}.</p>
<p>Kung hindi pa ito bayad pagkalipas ng {{dueDate}}, iaakyat ito sa mga superbisor ng ministeryo at isasaalang-alang ito laban sa renewal ng lisensya ng inyong ahensya.</p>
<p>Kung mali ang pagkakadeklara ng isang bayarin, itama ito sa pamamagitan ng pag-amyenda sa placement: susuriin muli ang inamyendahang placement. Gayunman, mananatiling bukas ang refund order na nabuksan na hanggang kanselahin ito ng ministeryo.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Perintah pengembalian dana {{reference}}: kembalikan {{amount}} kepada {{workerName}} paling lambat {{dueDate}}',
      text: `Penilaian biaya otomatis oleh kementerian atas penempatan {{placementReference}} menemukan bahwa {{workerName}} dikenai biaya melebihi batas yang diizinkan peraturan. Perintah pengembalian dana telah diterbitkan terhadap {{agencyName}}.

Nomor perintah: {{reference}}
Pekerja: {{workerName}}
Penempatan: {{placementReference}}
Jumlah yang harus dikembalikan: {{amount}}
Batas waktu: {{dueDate}}
Temuan: {{violations}}

Kembalikan {{amount}} kepada {{workerName}} paling lambat {{dueDate}}, lalu laporkan nomor referensi pembayaran kepada kementerian untuk dicatat pada perintah {{reference}}.

Jika perintah ini belum dibayar setelah {{dueDate}}, perintah ini dieskalasi ke pejabat pengawas di kementerian dan menjadi catatan yang memberatkan dalam perpanjangan izin agensi Anda.

Jika suatu biaya salah dilaporkan, perbaiki dengan mengubah data penempatan: penempatan yang diubah akan dinilai ulang. Namun, perintah yang sudah diterbitkan tetap berlaku sampai dibatalkan oleh kementerian.

Labour Case System`,
      html: `<p>Penilaian biaya otomatis oleh kementerian atas penempatan <strong>{{placementReference}}</strong> menemukan bahwa <strong>{{workerName}}</strong> dikenai biaya melebihi batas yang diizinkan peraturan. Perintah pengembalian dana telah diterbitkan terhadap <strong>{{agencyName}}</strong>.</p>
<p>Nomor perintah: <strong>{{reference}}</strong><br>Pekerja: <strong>{{workerName}}</strong><br>Penempatan: <strong>{{placementReference}}</strong><br>Jumlah yang harus dikembalikan: <strong>{{amount}}</strong><br>Batas waktu: <strong>{{dueDate}}</strong><br>Temuan: {{violations}}</p>
<p>Kembalikan <strong>{{amount}}</strong> kepada {{workerName}} paling lambat <strong>{{dueDate}}</strong>, lalu laporkan nomor referensi pembayaran kepada kementerian untuk dicatat pada perintah {{reference}}.</p>
<p>Jika perintah ini belum dibayar setelah {{dueDate}}, perintah ini dieskalasi ke pejabat pengawas di kementerian dan menjadi catatan yang memberatkan dalam perpanjangan izin agensi Anda.</p>
<p>Jika suatu biaya salah dilaporkan, perbaiki dengan mengubah data penempatan: penempatan yang diubah akan dinilai ulang. Namun, perintah yang sudah diterbitkan tetap berlaku sampai dibatalkan oleh kementerian.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'रकम फिर्ता आदेश {{reference}}: {{workerName}} लाई {{amount}} {{dueDate}} सम्ममा फिर्ता गर्नुहोस्',
      text: `मन्त्रालयको स्वचालित शुल्क मूल्याङ्कनले नियुक्ति (प्लेसमेन्ट) {{placementReference}} मा {{workerName}} सँग नियमले अनुमति दिएभन्दा बढी शुल्क लिइएको पाएको छ। {{agencyName}} का नाममा रकम फिर्ता आदेश खोलिएको छ।

फिर्ता आदेश: {{reference}}
कामदार: {{workerName}}
नियुक्ति: {{placementReference}}
फिर्ता गर्नुपर्ने रकम: {{amount}}
अन्तिम मिति: {{dueDate}}
भेटिएका कैफियत: {{violations}}

{{dueDate}} सम्ममा {{workerName}} लाई {{amount}} फिर्ता गर्नुहोस्, त्यसपछि फिर्ता आदेश {{reference}} मा भुक्तानीको सन्दर्भ नम्बर मन्त्रालयमा दर्ता गर्नुहोस्।

{{dueDate}} पछि पनि भुक्तानी नभएमा यो आदेश मन्त्रालयका सुपरिवेक्षकहरूसमक्ष पुर्‍याइनेछ र तपाईंको एजेन्सीको इजाजतपत्र नवीकरणमा यसलाई प्रतिकूल रूपमा गणना गरिनेछ।

कुनै शुल्क गलत घोषणा गरिएको भए नियुक्ति संशोधन गरेर सच्याउनुहोस्: संशोधित नियुक्तिको फेरि मूल्याङ्कन हुन्छ। तर पहिले नै खोलिएको फिर्ता आदेश मन्त्रालयले रद्द नगरेसम्म कायमै रहन्छ।

Labour Case System`,
      html: `<p>मन्त्रालयको स्वचालित शुल्क मूल्याङ्कनले नियुक्ति (प्लेसमेन्ट) <strong>{{placementReference}}</strong> मा <strong>{{workerName}}</strong> सँग नियमले अनुमति दिएभन्दा बढी शुल्क लिइएको पाएको छ। <strong>{{agencyName}}</strong> का नाममा रकम फिर्ता आदेश खोलिएको छ।</p>
<p>फिर्ता आदेश: <strong>{{reference}}</strong><br>कामदार: <strong>{{workerName}}</strong><br>नियुक्ति: <strong>{{placementReference}}</strong><br>फिर्ता गर्नुपर्ने रकम: <strong>{{amount}}</strong><br>अन्तिम मिति: <strong>{{dueDate}}</strong><br>भेटिएका कैफियत: {{violations}}</p>
<p><strong>{{dueDate}}</strong> सम्ममा {{workerName}} लाई <strong>{{amount}}</strong> फिर्ता गर्नुहोस्, त्यसपछि फिर्ता आदेश {{reference}} मा भुक्तानीको सन्दर्भ नम्बर मन्त्रालयमा दर्ता गर्नुहोस्।</p>
<p>{{dueDate}} पछि पनि भुक्तानी नभएमा यो आदेश मन्त्रालयका सुपरिवेक्षकहरूसमक्ष पुर्‍याइनेछ र तपाईंको एजेन्सीको इजाजतपत्र नवीकरणमा यसलाई प्रतिकूल रूपमा गणना गरिनेछ।</p>
<p>कुनै शुल्क गलत घोषणा गरिएको भए नियुक्ति संशोधन गरेर सच्याउनुहोस्: संशोधित नियुक्तिको फेरि मूल्याङ्कन हुन्छ। तर पहिले नै खोलिएको फिर्ता आदेश मन्त्रालयले रद्द नगरेसम्म कायमै रहन्छ।</p>
<p>Labour Case System</p>`,
    },
  },
});
