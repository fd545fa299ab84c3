import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgencyNames } from '@app/auth';
import { agencyLegalName } from './agency-reads';

/** libs/auth's AgencyNames port, answered from the registry this library owns. */
@Injectable()
export class RegisteredAgencyNames extends AgencyNames {
  legalName(m: EntityManager, agencyId: string): Promise<string | null> {
    return agencyLegalName(m, agencyId);
  }
}

/** Provides libs/auth's AgencyNames (its users and invitations need it). Global; imported once by the API's root module. */
@Global()
@Module({ providers: [{ provide: AgencyNames, useClass: RegisteredAgencyNames }], exports: [AgencyNames] })
export class AgencyNamesModule {}
