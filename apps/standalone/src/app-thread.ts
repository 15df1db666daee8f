import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '@app/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { DemoDataState } from './demo-data.js';
import type { AppName, ThreadData, ToMain, ToThread } from './thread-messages.js';

/** One app of the standalone system, in its own worker thread (own event loop, own module registry). */
const { app: name, env, demoPassword } = workerData as ThreadData;
const port = parentPort!;
const send = (message: ToMain) => port.postMessage(message);

async function start(app: AppName): Promise<{ context: INestApplicationContext; demo?: DemoDataState }> {
  // Each thread loads only its own app's modules.
  const config = loadConfig(env);
  if (app === 'worker') {
    const { createWorkerApp } = await import('../../worker/src/worker.app.js');
    return { context: await createWorkerApp(config, { shutdownHooks: false }) };
  }
  if (app === 'redirector') {
    const { createRedirectorApp } = await import('../../redirector/src/redirector.app.js');
    const redirector = await createRedirectorApp(config, { shutdownHooks: false });
    await redirector.listen(config.redirectorPort, config.host);
    return { context: redirector };
  }
  const { createApiApp } = await import('../../api/src/api.app.js');
  const { seedDemoData } = await import('./demo-data.js');
  const api = await createApiApp(config, { shutdownHooks: false });
  await api.listen(config.apiPort, config.host);
  return { context: api, demo: demoPassword ? await seedDemoData(api, demoPassword) : undefined };
}

try {
  const { context, demo } = await start(name);
  port.on('message', (message: ToThread) => {
    if (message.type !== 'stop') return;
    context
      .close()
      .catch((error: unknown) => send({ type: 'failed', error: String(error) }))
      .finally(() => {
        send({ type: 'stopped' });
        port.close();
      });
  });
  send({ type: 'ready', demo });
} catch (error) {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  port.close();
}
