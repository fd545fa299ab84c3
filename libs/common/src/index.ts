export * from './config';
export * from './errors';
export * from './redis';
export * from './logging';
export * from './process';
export * from './pagination';
export * from './clock';
export * from './calendar';
