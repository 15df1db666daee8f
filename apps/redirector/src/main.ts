import 'reflect-metadata';
import { loadConfig, runMain } from '@app/core';
import { createRedirectorApp } from './redirector.app.js';

await runMain('redirector', async () => {
  const config = loadConfig();
  const app = await createRedirectorApp(config);
  await app.listen(config.redirectorPort, config.host);
});
