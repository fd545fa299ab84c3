export { Agency } from './agency.entity';
export { AgenciesSeedModule } from './agencies-seed.module';
export { DEMO_AGENCIES } from './demo-agencies.seeder';
export * from './escrow';
export * from './licensing';
