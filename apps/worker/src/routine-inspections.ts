import { Injectable, Module } from '@nestjs/common';
import { PeriodicWork } from '@app/common';
import { ComplaintsModule, InspectionsService } from '@app/complaints';

type Planned = Awaited<ReturnType<InspectionsService['planRoutine']>>;

/**
 * The routine schedule of inspections (InspectionsService.planRoutine): every hour, a routine
 * inspection is planned for each licensed agency not inspected within
 * COMPLAINTS_INSPECTION_ROUTINE_MONTHS. Across workers the run holds an advisory lock.
 */
@Injectable()
export class RoutineInspectionsTicker extends PeriodicWork<Planned> {
  readonly name = 'routine inspections';
  readonly everyMs = 60 * 60_000;

  constructor(private readonly inspections: InspectionsService) {
    super();
  }

  protected work(): Promise<Planned> {
    return this.inspections.planRoutine();
  }

  protected override describe(planned: Planned): string | undefined {
    return planned.length ? `${planned.length} planned` : undefined;
  }
}

@Module({ imports: [ComplaintsModule], providers: [RoutineInspectionsTicker] })
export class RoutineInspectionsModule {}
