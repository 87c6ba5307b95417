// The demo service that `npm start` seeds into an empty database outside production, so a
// newcomer signs in to something real. Each feature adds its own demo content below.
import { randomBytes } from 'node:crypto';
import type { Config } from '../platform/config.ts';
import type { Db } from '../platform/db/database.ts';
import { countAccounts, createAccountWithPassword } from '../features/accounts/index.ts';
import { seedCoproduction } from '../features/coproduction/index.ts';
import { seedFeedback } from '../features/feedback/index.ts';
import { provideOwnNames, seedLanguage } from '../features/language/index.ts';
import { ownNamesLoader, seedRecord } from '../features/record/index.ts';

export const DEMO_ACCOUNTS = {
  lead: { email: 'lead@example.org', displayName: 'Morgan Lee (service lead)', roles: ['lead'] },
  practitioner: { email: 'practitioner@example.org', displayName: 'Priya Shah', roles: ['practitioner', 'duty'] },
  group: { email: 'group@example.org', displayName: 'Jordan Ellis', roles: ['group'] },
  person: { email: 'person@example.org', displayName: 'Sam Rivera', roles: ['person'] },
} as const;

export type DemoAccountIds = Record<keyof typeof DEMO_ACCOUNTS, string>;

export interface DemoContext {
  db: Db;
  config: Config;
  accounts: DemoAccountIds;
}

/** Feature seeders run in this order, after the accounts exist. */
const FEATURE_SEEDERS: Array<(context: DemoContext) => Promise<void>> = [seedCoproduction, seedFeedback, seedRecord, seedLanguage];

export function demoPassword(config: Config): string {
  return config.demoPassword ?? randomBytes(12).toString('base64url');
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await countAccounts(db)) === 0;
}

export async function seedDemo(db: Db, config: Config, password: string): Promise<DemoAccountIds> {
  // Seeding runs without the app (`withme seed-demo`): the guard on people's own words still needs their names.
  provideOwnNames(ownNamesLoader(config.secret));
  const accounts = {} as DemoAccountIds;
  for (const [key, account] of Object.entries(DEMO_ACCOUNTS) as Array<[keyof typeof DEMO_ACCOUNTS, (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS]]>) {
    accounts[key] = await createAccountWithPassword(db, {
      email: account.email,
      displayName: account.displayName,
      password,
      roles: [...account.roles],
    });
  }
  for (const seed of FEATURE_SEEDERS) await seed({ db, config, accounts });
  return accounts;
}
