import { Provider } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { ConfigService } from '@app/common';
import { SMTP_TIMEOUTS } from '../notifications.constants';

/** The nodemailer transport the relay sends through (worker process only). */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export type MailTransport = Transporter<SMTPPool.SentMessageInfo>;

/** How many SMTP connections the pool keeps open at most, and how many messages each carries before a fresh one replaces it. */
export interface MailPoolSize {
  connections: number;
  messagesPerConnection: number;
}

/**
 * A pooled SMTP transport from SMTP_URL (smtp:// or smtps://, credentials in the URL), with short
 * timeouts. The relay hands it several messages at once (MAIL_RELAY_CONCURRENCY); nodemailer sends
 * each over a free pooled connection, or queues it until one is free.
 */
export function createMailTransport(smtpUrl: string, pool: MailPoolSize): MailTransport {
  return nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: pool.connections,
    maxMessages: pool.messagesPerConnection,
    ...SMTP_TIMEOUTS,
    // Never log message contents or credentials.
    logger: false,
    debug: false,
  });
}

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [ConfigService],
  useFactory: (config: ConfigService) => {
    const mail = config.get('mail');
    return createMailTransport(mail.SMTP_URL, { connections: mail.SMTP_POOL_CONNECTIONS, messagesPerConnection: mail.SMTP_POOL_MAX_MESSAGES });
  },
};
