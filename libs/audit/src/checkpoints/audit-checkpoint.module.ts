import { Module } from '@nestjs/common';
import { AuditCheckpointWriter } from './checkpoint-writer';

/** The worker's checkpoint writer (needs DatabaseModule, ConfigModule and ClockModule). */
@Module({ providers: [AuditCheckpointWriter], exports: [AuditCheckpointWriter] })
export class AuditCheckpointModule {}
