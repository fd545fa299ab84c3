export * from './page';
export * from './cursor';
