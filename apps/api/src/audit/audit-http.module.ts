import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuditController } from './audit.controller';

@Module({ imports: [AuditModule], controllers: [AuditController] })
export class AuditHttpModule {}
