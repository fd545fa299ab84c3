import { defineTemplate } from './template.types';

export const accountWelcome = defineTemplate({
  key: 'account.welcome',
  audience: 'worker',
  description: 'To a migrant worker once their account exists (self-registration or created for them).',
  example: { displayName: 'Maria Santos', signInUrl: 'https://cases.example.gov/sign-in' },
  translations: {
    en: {
      subject: 'Welcome to the Labour Case System',
      text: `Hello {{displayName}},

Your account has been created. You can now sign in with this email address:
{{signInUrl}}

With your account you can file a complaint, follow your case and apply for welfare fund benefits.

Never share your password with anyone, not even agency staff.

If you did not create this account, you can ignore this message.

Labour Case System`,
      html: `<p>Hello {{displayName}},</p>
<p>Your account has been created. You can now sign in with this email address:<br><a href="{{signInUrl}}">{{signInUrl}}</a></p>
<p>With your account you can file a complaint, follow your case and apply for welfare fund benefits.</p>
<p><strong>Never share your password with anyone, not even agency staff.</strong></p>
<p>If you did not create this account, you can ignore this message.</p>
<p>Labour Case System</p>`,
    },
    fil: {
      subject: 'Maligayang pagdating sa Labour Case System',
      text: `Kumusta {{displayName}},

Nagawa na ang iyong account. Maaari ka nang mag-sign in gamit ang email address na ito:
{{signInUrl}}

Sa iyong account, maaari kang magsampa ng reklamo, subaybayan ang iyong kaso at mag-apply para sa mga benepisyo ng welfare fund.

Huwag ibigay kaninuman ang iyong password, kahit sa mga tauhan ng ahensya.

Kung hindi ikaw ang gumawa ng account na ito, huwag pansinin ang mensaheng ito.

Labour Case System`,
      html: `<p>Kumusta {{displayName}},</p>
<p>Nagawa na ang iyong account. Maaari ka nang mag-sign in gamit ang email address na ito:<br><a href="{{signInUrl}}">{{signInUrl}}</a></p>
<p>Sa iyong account, maaari kang magsampa ng reklamo, subaybayan ang iyong kaso at mag-apply para sa mga benepisyo ng welfare fund.</p>
<p><strong>Huwag ibigay kaninuman ang iyong password, kahit sa mga tauhan ng ahensya.</strong></p>
<p>Kung hindi ikaw ang gumawa ng account na ito, huwag pansinin ang mensaheng ito.</p>
<p>Labour Case System</p>`,
    },
    id: {
      subject: 'Selamat datang di Labour Case System',
      text: `Halo {{displayName}},

Akun Anda sudah dibuat. Sekarang Anda dapat masuk dengan alamat email ini:
{{signInUrl}}

Dengan akun ini Anda dapat mengajukan pengaduan, memantau kasus Anda, dan mengajukan klaim manfaat dana kesejahteraan.

Jangan pernah memberikan kata sandi Anda kepada siapa pun, termasuk staf agen.

Jika Anda tidak membuat akun ini, abaikan pesan ini.

Labour Case System`,
      html: `<p>Halo {{displayName}},</p>
<p>Akun Anda sudah dibuat. Sekarang Anda dapat masuk dengan alamat email ini:<br><a href="{{signInUrl}}">{{signInUrl}}</a></p>
<p>Dengan akun ini Anda dapat mengajukan pengaduan, memantau kasus Anda, dan mengajukan klaim manfaat dana kesejahteraan.</p>
<p><strong>Jangan pernah memberikan kata sandi Anda kepada siapa pun, termasuk staf agen.</strong></p>
<p>Jika Anda tidak membuat akun ini, abaikan pesan ini.</p>
<p>Labour Case System</p>`,
    },
    ne: {
      subject: 'Labour Case System मा स्वागत छ',
      text: `नमस्ते {{displayName}},

तपाईंको खाता बनेको छ। अब तपाईं यो इमेल ठेगानाबाट साइन इन गर्न सक्नुहुन्छ:
{{signInUrl}}

यो खाताबाट तपाईं उजुरी दर्ता गर्न, आफ्नो उजुरीको प्रगति हेर्न र कल्याणकारी कोषबाट सुविधा माग्न सक्नुहुन्छ।

आफ्नो पासवर्ड कसैलाई पनि नदिनुहोस्, एजेन्सीका कर्मचारीलाई पनि होइन।

यो खाता तपाईंले बनाउनुभएको होइन भने यो सन्देशलाई बेवास्ता गर्नुहोस्।

Labour Case System`,
      html: `<p>नमस्ते {{displayName}},</p>
<p>तपाईंको खाता बनेको छ। अब तपाईं यो इमेल ठेगानाबाट साइन इन गर्न सक्नुहुन्छ:<br><a href="{{signInUrl}}">{{signInUrl}}</a></p>
<p>यो खाताबाट तपाईं उजुरी दर्ता गर्न, आफ्नो उजुरीको प्रगति हेर्न र कल्याणकारी कोषबाट सुविधा माग्न सक्नुहुन्छ।</p>
<p><strong>आफ्नो पासवर्ड कसैलाई पनि नदिनुहोस्, एजेन्सीका कर्मचारीलाई पनि होइन।</strong></p>
<p>यो खाता तपाईंले बनाउनुभएको होइन भने यो सन्देशलाई बेवास्ता गर्नुहोस्।</p>
<p>Labour Case System</p>`,
    },
  },
});
