/**
 * The baseline of `npm run bench -- mail-relay` (bench/mail-relay.ts starts it): the least a
 * relay can do. A nodemailer pool of the relay's size sends BARE_COUNT copies of one rendered
 * acknowledgement (BARE_MESSAGE: subject, text, html), BARE_IN_FLIGHT at a time, each with its
 * own Message-ID and address, with the relay's headers. No database, no sealing, no rendering
 * per message. Exits 0 when every message was accepted.
 */
import nodemailer from 'nodemailer';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};
const count = Number(env('BARE_COUNT'));
const inFlight = Number(env('BARE_IN_FLIGHT'));
const message = JSON.parse(env('BARE_MESSAGE'));
const transport = nodemailer.createTransport({
  url: env('BARE_SMTP_URL'),
  pool: true,
  maxConnections: Number(env('BARE_CONNECTIONS')),
  maxMessages: Number(env('BARE_MESSAGES_PER_CONNECTION')),
  logger: false,
  debug: false,
});

let next = 0;
let failed = 0;
async function lane() {
  while (next < count) {
    const i = next++;
    try {
      await transport.sendMail({
        from: 'Labour Case System <no-reply@labour-cases.local>',
        to: `bare.${i}@example.org`,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: `<bare-${i}@lcs>`,
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': 'en' },
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    } catch (e) {
      failed += 1;
      if (failed <= 3) console.error(`bare: message ${i} failed: ${e.message}`);
    }
  }
}

await Promise.all(Array.from({ length: inFlight }, lane));
transport.close();
process.exit(failed ? 1 : 0);
