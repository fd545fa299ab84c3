export { Agency } from './agency.entity';
export { AgenciesSeedModule } from './agencies-seed.module';
export { AgencyNamesModule, RegisteredAgencyNames } from './agency-names';
export { DEMO_AGENCIES } from './demo-agencies.seeder';
export * from './escrow';
export * from './licensing';
export { AGENCY_TABLE, agencyColumns, agencyIdByLegalName, agencyLegalName } from './agency-reads';
export { licenseHolderSql } from './licensing/license-holder.sql';
