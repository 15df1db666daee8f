import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Secrets a local (non-production) install generates once and keeps under `.data/`. */
export interface LocalSecrets {
  jwtSecret: string;
  ipHashSalt: string;
  dataEncryptionKey: string;
  postgresPassword: string;
  demoPassword: string;
}

function generate(): LocalSecrets {
  const secret = (bytes: number) => randomBytes(bytes).toString('base64url');
  return {
    jwtSecret: secret(48),
    ipHashSalt: secret(24),
    dataEncryptionKey: secret(32),
    postgresPassword: secret(18),
    demoPassword: `demo-${secret(9)}`,
  };
}

/**
 * Reads `<dataDir>/local-secrets.json`, creating it (mode 600) on first use, so a local
 * install keeps its tokens and database password across restarts without configuration.
 */
export async function loadLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<LocalSecrets>;
    const complete = { ...generate(), ...stored };
    if (Object.keys(stored).length !== Object.keys(complete).length) await writeFile(file, JSON.stringify(complete, null, 2), { mode: 0o600 });
    return complete;
  }
  await mkdir(dataDir, { recursive: true });
  const secrets = generate();
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
