import 'reflect-metadata';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadConfig, migrateDatabase, redactUrl, runMain, startLocalServices } from '@app/core';
import { DEMO_ACCOUNTS, DEMO_BRAND, DEMO_LINK_ALIAS, type DemoDataState } from './demo-data.js';
import type { AppName, ThreadData, ToMain } from './thread-messages.js';

/**
 * `npm start`: the whole system in one process for one machine. Uses DATABASE_URL or an
 * embedded PostgreSQL under .data/, REDIS_URL or a local Redis, STRIPE_SECRET_KEY or the
 * in-repo Stripe fake, applies migrations, creates demo accounts on an empty database, and
 * runs the API, the redirector and the worker, each in its own thread.
 */
const print = (line = '') => process.stdout.write(`${line}\n`);
const STOP_TIMEOUT_MS = 15_000;

interface RunningApp {
  name: AppName;
  thread: Worker;
  stopped: Promise<void>;
}

function startThread(data: ThreadData): Promise<{ app: RunningApp; demo?: DemoDataState }> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL('./app-thread.js', import.meta.url), { workerData: data });
    const stopped = new Promise<void>((done) => thread.once('exit', () => done()));
    const app = { name: data.app, thread, stopped };
    thread.once('error', reject);
    thread.on('message', (message: ToMain) => {
      if (message.type === 'ready') resolve({ app, demo: message.demo });
      else if (message.type === 'failed') reject(new Error(`${data.app}: ${message.error}`));
    });
    thread.once('exit', (code) => reject(new Error(`${data.app} exited (code ${code}) before it was ready`)));
  });
}

interface LocalStripe {
  url: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Without a Stripe key outside production, payouts talk to the in-repo Stripe fake (from the
 * testing library, loaded only then), which sends its webhooks to the API like Stripe would.
 * Its state lives in memory: accounts onboarded in one run are gone in the next.
 */
async function startLocalStripe(env: NodeJS.ProcessEnv, apiHost: string, apiPort: number): Promise<LocalStripe | undefined> {
  if (env.NODE_ENV === 'production' || env.STRIPE_SECRET_KEY?.trim()) return undefined;
  const { StripeFake } = await import('@app/testing');
  const fake = await StripeFake.start({ webhookUrl: `http://${apiHost}:${apiPort}/webhooks/stripe` });
  return { url: fake.url, env: fake.env(), close: () => fake.close() };
}

async function stopThread(app: RunningApp): Promise<void> {
  app.thread.postMessage({ type: 'stop' });
  const timeout = new Promise<void>((done) => setTimeout(done, STOP_TIMEOUT_MS).unref());
  await Promise.race([app.stopped, timeout]);
  await app.thread.terminate();
}

await runMain('marketplace', async () => {
  const started = Date.now();
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env file: the environment alone configures the run
  }
  const production = process.env.NODE_ENV === 'production';
  const services = await startLocalServices(join(process.cwd(), '.data'));
  const apps: RunningApp[] = [];
  let stripe: LocalStripe | undefined;
  let stopping: Promise<void> | undefined;

  const stop = (reason: string, code = 0) => {
    stopping ??= (async () => {
      print(`\n${reason}: stopping…`);
      for (const app of [...apps].reverse()) await stopThread(app);
      await stripe?.close();
      await services.stop();
      print('Stopped.');
      process.exit(code);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    const base = {
      ...process.env,
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      // Production must bring its own secrets; a local install keeps generated ones in .data/.
      ...(production ? {} : { JWT_SECRET: process.env.JWT_SECRET || services.secrets.jwtSecret }),
      ...(production ? {} : { IP_HASH_SALT: process.env.IP_HASH_SALT || services.secrets.ipHashSalt }),
      ...(production ? {} : { DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY || services.secrets.dataEncryptionKey }),
    };
    const { host: apiHost, apiPort } = loadConfig(base);
    stripe = await startLocalStripe(base, apiHost === '0.0.0.0' ? '127.0.0.1' : apiHost, apiPort);
    if (stripe) print(`No STRIPE_SECRET_KEY: payouts use the built-in Stripe fake at ${stripe.url} (its accounts last until the process stops)`);
    const env = { ...base, ...stripe?.env };
    const config = loadConfig(env);
    const applied = await migrateDatabase(config.database.url);

    // Started together: each thread spends most of its start-up loading modules.
    const results = await Promise.allSettled(
      (['worker', 'redirector', 'api'] as const).map((name) =>
        startThread({ app: name, env, demoPassword: name === 'api' && !production ? services.secrets.demoPassword : undefined }),
      ),
    );
    for (const result of results) if (result.status === 'fulfilled') apps.push(result.value.app);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
    for (const app of apps) app.thread.once('exit', () => void stop(`${app.name} stopped unexpectedly`, 1));
    const demo: DemoDataState = results.map((r) => (r.status === 'fulfilled' ? r.value.demo : undefined)).find(Boolean) ?? 'absent';

    const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
    print();
    print(`Marketplace is running (${config.nodeEnv}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    print(`  GraphQL     http://${host}:${config.apiPort}/graphql`);
    print(`  Health      http://${host}:${config.apiPort}/health/ready`);
    print(`  Redirector  http://${host}:${config.redirectorPort}`);
    print(`  Database    ${redactUrl(config.database.url)}${services.started.postgres ? ' (embedded, data in .data/postgres)' : ''}`);
    print(`  Redis       ${services.redisUrl}${services.started.redis ? ' (started for this run)' : ''}`);
    print(`  Stripe      ${stripe ? `${stripe.url} (built-in fake: set STRIPE_SECRET_KEY for Stripe)` : (config.stripe.apiHost ?? 'api.stripe.com')}`);
    if (applied.length > 0) print(`  Migrations  applied ${applied.length}: ${applied.join(', ')}`);
    if (demo !== 'absent') {
      print();
      print(`${demo === 'created' ? 'Created demo accounts' : 'Demo accounts'} (password: ${services.secrets.demoPassword}; brand: ${DEMO_BRAND}):`);
      for (const account of DEMO_ACCOUNTS) print(`  ${account.email.padEnd(28)} ${account.what}`);
      print(`  Maya's tracked link: ${config.tracking.redirectorPublicUrl}/r/${DEMO_LINK_ALIAS} (discount code MAYA15)`);
    }
    print();
    print('Press Ctrl-C to stop.');
  } catch (error) {
    for (const app of [...apps].reverse()) await stopThread(app);
    await stripe?.close();
    await services.stop();
    throw error;
  }
});
