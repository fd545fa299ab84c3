import { Provider } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { ConfigService } from '@app/common';
import { RELAY_MAX_CONNECTIONS, SMTP_TIMEOUTS } from '../notifications.constants';

/** The nodemailer transport the relay sends through (worker process only). */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export type MailTransport = Transporter<SMTPPool.SentMessageInfo>;

/** A pooled SMTP transport from SMTP_URL (smtp:// or smtps://, credentials in the URL), with short timeouts. */
export function createMailTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: RELAY_MAX_CONNECTIONS,
    maxMessages: 100,
    ...SMTP_TIMEOUTS,
    // Never log message contents or credentials.
    logger: false,
    debug: false,
  });
}

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => createMailTransport(config.get('mail').SMTP_URL),
};
