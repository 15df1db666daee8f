import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditService, systemActor } from '@app/audit';
import { BadUserInputException, migrateDatabase, Role, runMain, standaloneDataSourceOptions, startLocalServices } from '@app/core';
import { assertAcceptablePassword, findUserByEmail, grantPlatformRole, insertUser, lockPlatformRoles, PasswordHasher, recordPlatformRoles } from '@app/identity';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  create-admin --email <email> [--name <display name>] [--password <password>]
      Creates a platform ADMIN (or grants ADMIN to an existing account).
      Without --password a strong one is generated and printed once.
  migrate
      Applies pending database migrations.

Uses DATABASE_URL, or the embedded PostgreSQL under .data/ (started for the command if needed).`;

const print = (line = '') => process.stdout.write(`${line}\n`);

async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return work(url);
  const services = await startLocalServices(join(process.cwd(), '.data'), { redis: false });
  try {
    return await work(services.databaseUrl);
  } finally {
    await services.stop();
  }
}

async function createAdmin(options: { email?: string; name?: string; password?: string }): Promise<void> {
  const email = options.email?.trim();
  if (!email || !isEmail(email)) throw new BadUserInputException('--email', '--email must be a valid email address');
  const generated = options.password === undefined;
  const password = options.password ?? `adm-${randomBytes(18).toString('base64url')}`;
  const displayName = options.name?.trim() || 'Platform Admin';
  if (!generated) assertAcceptablePassword(password, { email, displayName }, '--password');

  await withDatabase(async (url) => {
    await migrateDatabase(url);
    const db = new DataSource(standaloneDataSourceOptions({ url, poolSize: 2, applicationName: 'marketplace-cli' }));
    await db.initialize();
    try {
      const passwordHash = await new PasswordHasher().hash(password);
      const audit = new AuditService(db);
      const actor = systemActor('cli.create-admin');
      const created = await db.transaction(async (manager) => {
        const existing = await findUserByEmail(manager, email);
        if (existing) {
          const before = await lockPlatformRoles(manager, existing.id);
          if (await grantPlatformRole(manager, existing.id, Role.ADMIN, null)) {
            await recordPlatformRoles(audit, manager, { actor, userId: existing.id, action: 'user.role_granted', before, after: [...before, Role.ADMIN] });
          }
          return false;
        }
        const user = await insertUser(manager, { email, displayName, passwordHash, roles: [Role.ADMIN] });
        await recordPlatformRoles(audit, manager, { actor, userId: user.id, action: 'user.role_granted', before: [], after: [Role.ADMIN] });
        return true;
      });
      if (created) {
        print(`Created admin ${email}.`);
        if (generated) print(`Password (shown once): ${password}`);
      } else {
        print(`${email} already had an account; it now holds the ADMIN role (password unchanged).`);
      }
    } finally {
      await db.destroy();
    }
  });
}

await runMain('cli', async () => {
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env file
  }
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command] = positionals;
  if (values.help || !command) {
    print(USAGE);
    return;
  }
  if (command === 'create-admin') await createAdmin(values);
  else if (command === 'migrate') {
    const applied = await withDatabase((url) => migrateDatabase(url));
    print(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
  } else throw new BadUserInputException('command', `Unknown command "${command}".\n\n${USAGE}`);
});
