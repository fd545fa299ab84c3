import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/common';
import { EscrowLicenseType } from './escrow-ledger';

/** The settings of escrow: the required amount per license type, the currency, the top-up time. */
@Injectable()
export class EscrowRequirements {
  constructor(private readonly config: ConfigService) {}

  /** The required escrow for a license type, in minor units of `currency()`. */
  requirementFor(type: EscrowLicenseType): bigint {
    const c = this.config.get('escrow');
    return BigInt(type === 'provisional' ? c.ESCROW_REQUIRED_MINOR_PROVISIONAL : c.ESCROW_REQUIRED_MINOR_REGULAR);
  }

  /** The currency new accounts are kept in (ISO 4217). */
  currency(): string {
    return this.config.get('escrow').ESCROW_CURRENCY;
  }

  topUpDays(): number {
    return this.config.get('escrow').ESCROW_TOP_UP_DAYS;
  }
}
