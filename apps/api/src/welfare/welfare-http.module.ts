import { Module } from '@nestjs/common';
import { DeadlinesModule } from '@app/deadlines';
import { DocumentsModule } from '@app/documents';
import { WelfareModule } from '@app/welfare';
import { WelfareController } from './welfare.controller';
import { WelfareReportsController } from './welfare-reports.controller';

@Module({ imports: [WelfareModule, DeadlinesModule, DocumentsModule], controllers: [WelfareController, WelfareReportsController] })
export class WelfareHttpModule {}
