import { Global, Module } from '@nestjs/common';
import { RecipientDirectory } from '@app/notifications';
import { AccountRecipientDirectory } from './account-recipient-directory';
import { Accounts } from './accounts';

/**
 * The accounts as other libraries may see them: the recipient directory mail is addressed
 * through (libs/notifications' port) and the `Accounts` reads. Global; imported once by each
 * process's root module (API, worker, seed command).
 */
@Global()
@Module({ providers: [{ provide: RecipientDirectory, useClass: AccountRecipientDirectory }, Accounts], exports: [RecipientDirectory, Accounts] })
export class RecipientDirectoryModule {}
