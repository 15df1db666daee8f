import { ConfigError } from '../config/app-config.js';
import { AppException } from '../errors/app.exception.js';

/**
 * Runs a process entry point. A configuration or input problem prints its message (which
 * names what is at fault); anything else prints its stack. Either way the exit code is 1.
 */
export async function runMain(name: string, start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof AppException ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${name}: ${message}\n`);
    process.exit(1);
  }
}
