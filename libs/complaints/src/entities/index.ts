export * from './complaint.entity';
export * from './allegation.entity';
export * from './complaint-event.entity';
export * from './fine.entity';
export * from './inspector-workload.entity';
export * from './complaint-assignment-notice.entity';
export * from './penalty-schedule.entity';
export * from './inspection.entity';
