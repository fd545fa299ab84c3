/**
 * Shared by every demo account and printed in the README and by `npm start`: public. The seed
 * command refuses to run in production, and the password policy refuses it for any real account.
 */
export const DEMO_PASSWORD = 'demo-pass-2026!';
