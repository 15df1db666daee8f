import 'reflect-metadata';
import { loadConfig, runMain } from '@app/core';
import { createWorkerApp } from './worker.app.js';

await runMain('worker', async () => {
  await createWorkerApp(loadConfig());
});
