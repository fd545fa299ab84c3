export * from './seeder';
export * from './seed.runner';
export * from './seed.module';
