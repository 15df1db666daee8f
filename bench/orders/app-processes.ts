import { type ChildProcess, spawn } from 'node:child_process';
import { type Queue } from 'bullmq';
import { note } from '../bench-report.js';

/** Runs an app (the API or the worker) as a child process of its own, its stderr on ours. */
export function start(name: string, args: string[], childEnv: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...childEnv }, stdio: ['ignore', process.env.BENCH_APP_LOGS ? 'inherit' : 'ignore', 'inherit'] });
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') note(`${name} exited (${code ?? signal})`);
  });
  return child;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Until the worker has scheduled its order inbox sweep: then it is ready. */
export async function untilWorkerReady(queue: Queue): Promise<void> {
  for (let tries = 0; (await queue.getJobSchedulers()).length === 0; tries += 1) {
    if (tries > 600) throw new Error('the worker did not come up');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
