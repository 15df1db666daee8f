import 'reflect-metadata';
import { loadConfig, runMain } from '@app/core';
import { createApiApp } from './api.app.js';

await runMain('api', async () => {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.apiPort, config.host);
});
