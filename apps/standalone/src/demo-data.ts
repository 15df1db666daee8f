import type { INestApplicationContext } from '@nestjs/common';
import { Role } from '@app/core';
import { insertMembership, insertOrganization, insertUser, PasswordHasher } from '@app/identity';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface DemoAccount {
  email: string;
  displayName: string;
  what: string;
}

export const DEMO_BRAND = 'Northwind Outdoor';

export const DEMO_ACCOUNTS: (DemoAccount & { roles: Role[]; brandRole?: Role })[] = [
  { email: 'ava@northwind.example', displayName: 'Ava Brooks', what: 'brand admin', roles: [], brandRole: Role.BRAND_ADMIN },
  { email: 'ben@northwind.example', displayName: 'Ben Ortiz', what: 'brand member', roles: [], brandRole: Role.BRAND_MEMBER },
  { email: 'maya@creators.example', displayName: 'Maya Lopez', what: 'creator', roles: [Role.CREATOR] },
  { email: 'leo@creators.example', displayName: 'Leo Tanaka', what: 'creator', roles: [Role.CREATOR] },
  { email: 'sofia@creators.example', displayName: 'Sofia Nowak', what: 'creator', roles: [Role.CREATOR] },
  { email: 'fiona@marketplace.example', displayName: 'Fiona Park', what: 'finance', roles: [Role.FINANCE] },
  { email: 'admin@marketplace.example', displayName: 'Platform Admin', what: 'admin', roles: [Role.ADMIN] },
];

export type DemoDataState = 'created' | 'present' | 'absent';

/**
 * Fills an empty database with a brand, its team, a few creators, a finance user and an
 * admin, all with one password. A database with any user is left alone; the result says
 * whether the demo accounts are there.
 */
export async function seedDemoData(app: INestApplicationContext, password: string): Promise<DemoDataState> {
  const db = app.get<DataSource>(getDataSourceToken(), { strict: false });
  const [{ users: existing, demo }] = (await db.query(
    'SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM users WHERE email = ANY($1))::int AS demo',
    [DEMO_ACCOUNTS.map((account) => account.email)],
  )) as [{ users: number; demo: number }];
  if (existing > 0) return demo === DEMO_ACCOUNTS.length ? 'present' : 'absent';

  const passwordHash = await new PasswordHasher().hash(password);
  await db.transaction(async (manager) => {
    let organizationId: string | undefined;
    for (const account of DEMO_ACCOUNTS) {
      const user = await insertUser(manager, { email: account.email, displayName: account.displayName, passwordHash, roles: account.roles });
      if (account.brandRole === Role.BRAND_ADMIN) organizationId = (await insertOrganization(manager, DEMO_BRAND, user.id)).id;
      else if (account.brandRole) await insertMembership(manager, organizationId!, user.id, account.brandRole);
    }
  });
  return 'created';
}
