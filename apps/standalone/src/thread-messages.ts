import type { DemoDataState } from './demo-data.js';

export type AppName = 'api' | 'redirector' | 'worker';

export interface ThreadData {
  app: AppName;
  env: Record<string, string | undefined>;
  /** When set, the API thread creates demo accounts with this password on an empty database. */
  demoPassword?: string;
}

export type ToThread = { type: 'stop' };

export type ToMain = { type: 'ready'; demo?: DemoDataState } | { type: 'stopped' } | { type: 'failed'; error: string };
