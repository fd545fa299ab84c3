import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Jurisdiction } from './jurisdiction.entity';

@Entity({ name: 'holiday' })
@Index('uq_holiday_jurisdiction_date', ['jurisdictionCode', 'date'], { unique: true })
export class Holiday {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_holiday' })
  id: string;

  @Column({ type: 'text' })
  jurisdictionCode: string;

  @ManyToOne(() => Jurisdiction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'jurisdiction_code', foreignKeyConstraintName: 'fk_holiday_jurisdiction' })
  jurisdiction?: Jurisdiction;

  /** The local date, YYYY-MM-DD. */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  name: string;
}
