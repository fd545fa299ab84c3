import { Column } from 'typeorm';

/** The columns every lifecycle event row has: what was done, from which state to which, by whom, when. */
export abstract class StateChangeEvent {
  @Column({ type: 'text' })
  action: string;

  /** Null for the event that creates the record. */
  @Column({ type: 'text', nullable: true })
  fromState: string | null;

  @Column({ type: 'text' })
  toState: string;

  /** Null when the system acted (a deadline). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** The role acted in, or 'system'. */
  @Column({ type: 'text' })
  actorRole: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
