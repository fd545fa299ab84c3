import { defineTemplate } from './template.types';

export const escrowHoldPlaced = defineTemplate({
  key: 'escrow.hold-placed',
  audience: 'agency',
  description:
    "To an agency's admins when its escrow stayed below the requirement past the top-up deadline: the agency is on a processing hold until the escrow is topped up.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', balance: 'PHP 750,000.00', required: 'PHP 1,000,000.00', shortfall: 'PHP 250,000.00' },
  translations: {
    en: {
      subject: 'Processing hold: escrow of {{agencyName}} below the requirement',
      text: `The escrow of {{agencyName}} was not topped up before the deadline.

Balance: {{balance}}
Required: {{required}}
Missing: {{shortfall}}

Your agency is now on a processing hold: it cannot record new placements. The hold is lifted as soon as a deposit or top-up brings the escrow back to the required amount.

Labour Case System`,
      html: `<p>The escrow of <strong>{{agencyName}}</strong> was not topped up before the deadline.</p>
<p>Balance: <strong>{{balance}}</strong><br>Required: <strong>{{required}}</strong><br>Missing: <strong>{{shortfall}}</strong></p>
<p>Your agency is now on a processing hold: it cannot record new placements. The hold is lifted as soon as a deposit or top-up brings the escrow back to the required amount.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Processing hold: kulang ang escrow ng {{agencyName}}',
      text: `Hindi na-top up ang escrow ng {{agencyName}} bago ang takdang petsa.

Balanse: {{balance}}
Kinakailangan: {{required}}
Kulang: {{shortfall}}

Naka-processing hold na ang inyong ahensya: hindi ito makapagtatala ng mga bagong placement. Aalisin ang hold sa sandaling maibalik ng isang deposito o top-up ang escrow sa kinakailangang halaga.

Labour Case System`,
      html: `<p>Hindi na-top up ang escrow ng <strong>{{agencyName}}</strong> bago ang takdang petsa.</p>
<p>Balanse: <strong>{{balance}}</strong><br>Kinakailangan: <strong>{{required}}</strong><br>Kulang: <strong>{{shortfall}}</strong></p>
<p>Naka-processing hold na ang inyong ahensya: hindi ito makapagtatala ng mga bagong placement. Aalisin ang hold sa sandaling maibalik ng isang deposito o top-up ang escrow sa kinakailangang halaga.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Penangguhan pemrosesan: dana jaminan {{agencyName}} di bawah ketentuan',
      text: `Dana jaminan (escrow) {{agencyName}} tidak ditambah sebelum batas waktu.

Saldo: {{balance}}
Wajib: {{required}}
Kekurangan: {{shortfall}}

Agensi Anda sekarang dalam penangguhan pemrosesan: agensi tidak dapat mencatat penempatan baru. Penangguhan dicabut segera setelah setoran atau penambahan mengembalikan dana jaminan ke jumlah yang diwajibkan.

Labour Case System`,
      html: `<p>Dana jaminan (escrow) <strong>{{agencyName}}</strong> tidak ditambah sebelum batas waktu.</p>
<p>Saldo: <strong>{{balance}}</strong><br>Wajib: <strong>{{required}}</strong><br>Kekurangan: <strong>{{shortfall}}</strong></p>
<p>Agensi Anda sekarang dalam penangguhan pemrosesan: agensi tidak dapat mencatat penempatan baru. Penangguhan dicabut segera setelah setoran atau penambahan mengembalikan dana jaminan ke jumlah yang diwajibkan.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'प्रक्रिया रोक: {{agencyName}} को धरौटी आवश्यक रकमभन्दा कम',
      text: `{{agencyName}} को धरौटी (एस्क्रो) म्यादभित्र थप गरिएन।

मौज्दात: {{balance}}
आवश्यक: {{required}}
नपुग: {{shortfall}}

तपाईंको एजेन्सीमा अब प्रक्रिया रोक लागेको छ: यसले नयाँ नियुक्ति (प्लेसमेन्ट) दर्ता गर्न सक्दैन। कुनै जम्मा वा थप रकमले धरौटीलाई आवश्यक रकममा पुर्‍याउनेबित्तिकै रोक हटाइनेछ।

Labour Case System`,
      html: `<p><strong>{{agencyName}}</strong> को धरौटी (एस्क्रो) म्यादभित्र थप गरिएन।</p>
<p>मौज्दात: <strong>{{balance}}</strong><br>आवश्यक: <strong>{{required}}</strong><br>नपुग: <strong>{{shortfall}}</strong></p>
<p>तपाईंको एजेन्सीमा अब प्रक्रिया रोक लागेको छ: यसले नयाँ नियुक्ति (प्लेसमेन्ट) दर्ता गर्न सक्दैन। कुनै जम्मा वा थप रकमले धरौटीलाई आवश्यक रकममा पुर्‍याउनेबित्तिकै रोक हटाइनेछ।</p>
<p>Labour Case System</p>`,
    },
  },
});
