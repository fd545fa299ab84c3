import type { ClaimState } from '../lifecycle/claim-transitions';

/** What happens next with a claim, for the claimant, in their language (en, fil, id, ne). */
const NEXT: Record<string, Record<ClaimState, string>> = {
  en: {
    submitted: 'A welfare officer will review your claim.',
    under_review: 'A welfare officer is reviewing your claim.',
    documents_requested: 'We need documents from you before we can decide. The decision waits until they arrive.',
    approved: 'Your claim is approved. The payment will be sent to the account you gave.',
    rejected: 'Your claim was not approved. The reason is shown with the claim.',
    disbursed: 'The payment was sent. It may take a few days to arrive.',
    paid: 'The payment is confirmed. Your claim is complete.',
  },
  fil: {
    submitted: 'Susuriin ng isang welfare officer ang iyong claim.',
    under_review: 'Sinusuri na ng isang welfare officer ang iyong claim.',
    documents_requested: 'Kailangan namin ng mga dokumento mula sa iyo bago makapagpasya. Maghihintay ang desisyon hanggang dumating ang mga ito.',
    approved: 'Aprubado ang iyong claim. Ipapadala ang bayad sa account na ibinigay mo.',
    rejected: 'Hindi naaprubahan ang iyong claim. Nakasaad ang dahilan sa claim.',
    disbursed: 'Naipadala na ang bayad. Maaaring ilang araw bago ito dumating.',
    paid: 'Kumpirmado na ang bayad. Tapos na ang iyong claim.',
  },
  id: {
    submitted: 'Petugas kesejahteraan akan memeriksa klaim Anda.',
    under_review: 'Petugas kesejahteraan sedang memeriksa klaim Anda.',
    documents_requested: 'Kami memerlukan dokumen dari Anda sebelum memutuskan. Keputusan menunggu sampai dokumen diterima.',
    approved: 'Klaim Anda disetujui. Pembayaran akan dikirim ke rekening yang Anda berikan.',
    rejected: 'Klaim Anda tidak disetujui. Alasannya tertera pada klaim.',
    disbursed: 'Pembayaran sudah dikirim. Mungkin perlu beberapa hari sampai diterima.',
    paid: 'Pembayaran sudah dikonfirmasi. Klaim Anda selesai.',
  },
  ne: {
    submitted: 'कल्याण अधिकारीले तपाईंको दाबी हेर्नुहुनेछ।',
    under_review: 'कल्याण अधिकारीले तपाईंको दाबी हेर्दै हुनुहुन्छ।',
    documents_requested: 'निर्णय गर्नुअघि हामीलाई तपाईंबाट कागजात चाहिन्छ। कागजात नआएसम्म निर्णय पर्खिन्छ।',
    approved: 'तपाईंको दाबी स्वीकृत भयो। भुक्तानी तपाईंले दिनुभएको खातामा पठाइनेछ।',
    rejected: 'तपाईंको दाबी स्वीकृत भएन। कारण दाबीसँगै देखाइएको छ।',
    disbursed: 'भुक्तानी पठाइएको छ। आइपुग्न केही दिन लाग्न सक्छ।',
    paid: 'भुक्तानी पक्का भयो। तपाईंको दाबी पूरा भयो।',
  },
};

export const nextStepOf = (state: ClaimState, language: string): string => (NEXT[language] ?? NEXT.en)[state];
