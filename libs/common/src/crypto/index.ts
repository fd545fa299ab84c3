export * from './field-encryption';
export * from './crypto.module';
