import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

/** A message built into one buffer, with the envelope to send it under. */
export interface ComposedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

// nodemailer's own composition (the same headers, encodings and line breaks its SMTP transport
// writes), collected into a buffer instead of streamed to a socket.
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, logger: false, debug: false });

/**
 * Builds a message into one buffer, exactly as nodemailer would compose it for SMTP. The relay
 * then sends the buffer (`raw`, with this envelope) over a pooled connection in one write: a
 * message nodemailer composes while sending reaches the socket in hundreds of small writes,
 * which cost the relay more than the composing (bench/mail-relay's profile: a third of the
 * worker's time in `writeBuffer`/`writev`).
 */
export async function composeMail(mail: Mail.Options): Promise<ComposedMail> {
  const info = await composer.sendMail(mail);
  const envelope = info.envelope as { from: string | false; to: string[] };
  return { envelope: { from: envelope.from || '', to: envelope.to }, raw: info.message as Buffer };
}
