export * from './shutdown';
export * from './periodic-work';
export * from './job-handlers';
