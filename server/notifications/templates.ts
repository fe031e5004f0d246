/** The citizen's messages, in Turkish (the citizens and the municipality's wording are Turkish). */
export type Template = 'created' | 'forwarded' | 'resolved';
export type NotificationChannel = 'email' | 'sms';

export interface NotificationPayload {
  applicationNo: string;
  subject?: string | null;
}

export interface RenderedMessage {
  /** E-mail subject; SMS ignores it. */
  subject: string;
  text: string;
}

/**
 * 'created' carries the application number only: the security code is made on the desk and
 * only its hash reaches the server (sync/protocol.ts CreatePayload.securityCodeHash), so the
 * desk tells the citizen the code on the call; the server cannot repeat it.
 */
export function renderMessage(template: Template, p: NotificationPayload): RenderedMessage {
  const no = p.applicationNo;
  switch (template) {
    case 'created':
      return {
        subject: `ALO 153 başvurunuz alındı: ${no}`,
        text:
          `Sayın vatandaşımız, ALO 153'e yaptığınız başvuru ${no} numarasıyla kaydedilmiştir. ` +
          'Başvurunuzun durumunu bu numara ve size iletilen güvenlik kodu ile internet sitemizden, ' +
          'ya da yalnızca numara ile 153\'ü arayarak sorgulayabilirsiniz.',
      };
    case 'forwarded':
      return {
        subject: `ALO 153 başvurunuz ilgili birime iletildi: ${no}`,
        text:
          `Sayın vatandaşımız, ${no} numaralı başvurunuz ilgili birime iletilmiştir ve takip edilmektedir. ` +
          'Sonuçlandığında size bilgi verilecektir.',
      };
    case 'resolved':
      return {
        subject: `ALO 153 başvurunuz sonuçlandı: ${no}`,
        text: `Sayın vatandaşımız, ${no} numaralı başvurunuz sonuçlandırılmıştır. Bizi tercih ettiğiniz için teşekkür ederiz.`,
      };
  }
}
