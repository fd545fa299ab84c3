import type { EntityManager } from 'typeorm';

import type { Recipient } from '@app/notifications';

export type { Recipient };

/**
 * Who the engine's notify-assignee and notify-supervisors actions address. Implemented by the
 * application (it knows the accounts); the deadline library does not reach into identity tables.
 */
export abstract class DeadlineRecipients {
  abstract user(m: EntityManager, userId: string): Promise<Recipient | null>;
  abstract supervisors(m: EntityManager): Promise<Recipient[]>;
}
