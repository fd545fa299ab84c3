export * from './data-source.options';
export * from './database.module';
export * from './schema-drift';
export * from './seed';
export * from './constraint-errors';
export * from './prepared-query';
export * from './runtime-role-check';
export * from './read-together';
