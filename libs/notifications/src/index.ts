// Both processes: enqueue in the caller's transaction; admin reads and resend.
export { NotificationsModule } from './notifications.module';
export { Notifications } from './notifications.service';
export type { NotificationMessage } from './message-input';
export { NotificationsAdmin, NotificationNotFailedException } from './notifications-admin.service';
export type { NotificationAdminActor } from './notifications-admin.service';
// The outbox's sealed columns (address and data under the field-encryption keys), for tests and operator tools.
export { dedupDigest, maskAddress, openBody } from './outbox-sealing';
export type { OpenedBody, StoredBody } from './outbox-sealing';
export { ListNotificationsQuery, NotificationDetail, NotificationMetrics, NotificationSummary } from './notifications-admin.dto';
export { NOTIFICATION_STATES } from './notification-outbox.entity';
export type { NotificationState } from './notification-outbox.entity';

// Templates (texts in libs/i18n/src/messages/mail) and languages.
export { DEFAULT_LANGUAGE, NOTIFICATION_LANGUAGES, isLanguage } from './languages';
export type { Language } from './languages';
export { TEMPLATES, TEMPLATE_KEYS, isTemplateKey } from './templates/registry';
export type { TemplateKey } from './templates/registry';
export { NotificationTemplateError, renderTemplate, resolveLanguage, templateVariables } from './templates/render';
export type { RenderedMessage } from './templates/render';
export type { Paragraph, TemplateAudience, TemplateDefinition } from './templates/template.types';
// Typed values of a message's data, written in the reader's language when the mail is rendered.
export { mailDate, mailDateIn, mailDateTime, mailMoney, mailSecretLink, mailTerm } from './templates/mail-values';
export type { MailDate, MailDateTime, MailMoney, MailSealed, MailSecretLink, MailTerm, MailValue } from './templates/mail-values';
export { secretLinkAad } from './templates/secret-links';

// Worker process only: the relay.
export { NotificationsWorkerModule } from './relay/notifications-worker.module';
export { NotificationRelay, RECIPIENT_INACTIVE } from './relay/notification-relay';
export type { ClaimedMessage, RelayResult } from './relay/notification-relay';
export { NotificationsRelayScheduler } from './relay/relay-scheduler';
export { NotificationsProcessor } from './relay/notifications.processor';
export { OutboxMaintenance } from './relay/outbox-maintenance';
export type { OutboxMaintenanceResult } from './relay/outbox-maintenance';
export { NOTIFICATIONS_QUEUE, NOTIFICATION_JOBS, RELAY_TICK_EVERY_MS } from './notifications.constants';
export type { NotificationJobName, NotificationJobPayloads } from './notifications.constants';

// Who a message is addressed to (people, not addresses), and the directory port the identity library implements.
export { RecipientDirectory } from './recipients';
export type { AccountAudience, Audience, Mailbox, Member } from './recipients';
