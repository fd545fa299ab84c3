import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A jurisdiction whose calendar counts business days: its time zone, weekend and holidays. */
@Entity({ name: 'jurisdiction' })
@Check('ck_jurisdiction_code', `code ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'`)
export class Jurisdiction {
  /** ISO 3166-1 alpha-2, optionally with a subdivision: PH, NP, ID, MY-14. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_jurisdiction' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** IANA time zone, e.g. Asia/Manila. */
  @Column({ type: 'text' })
  timeZone: string;

  /** ISO weekdays that are not working days (1 = Monday … 7 = Sunday). */
  @Column({ type: 'int', array: true })
  weekendDays: number[];
}
