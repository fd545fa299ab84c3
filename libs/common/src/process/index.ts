export * from './shutdown';
export * from './periodic-work';
