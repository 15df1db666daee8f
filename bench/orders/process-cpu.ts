import { readFileSync } from 'node:fs';
import { type DataSource } from 'typeorm';
import { round, say, table } from '../bench-report.js';

/** CPU seconds (user + system) a process has used, from /proc; null where there is no /proc or no such process. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export type CpuSnapshot = Map<string, Map<number, number>>;

/** Whose PostgreSQL backend it is, by the application name each pool connects with. */
const BACKENDS: Record<string, string> = { 'marketplace-api': 'api', 'marketplace-worker': 'worker', 'bench-orders': 'bench' };

/** CPU seconds so far of the bench, the API, the worker, and the PostgreSQL backends on the bench database. */
export async function cpuSnapshot(db: DataSource, processes: Record<string, number | undefined>): Promise<CpuSnapshot> {
  const snapshot: CpuSnapshot = new Map();
  const add = (group: string, pid: number) => {
    const seconds = cpuSeconds(pid);
    if (seconds === null) return;
    if (!snapshot.has(group)) snapshot.set(group, new Map());
    snapshot.get(group)!.set(pid, seconds);
  };
  for (const [group, pid] of Object.entries(processes)) if (pid) add(group, pid);
  const backends: { pid: number; application_name: string }[] = await db.query(`SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database()`);
  for (const { pid, application_name: name } of backends) add(`pg:${BACKENDS[name] ?? 'other'}`, pid);
  return snapshot;
}

/** CPU seconds each group used between two snapshots (a backend that appeared in between counts from zero). */
export function cpuUsed(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const used = new Map<string, number>();
  for (const [group, pids] of after) {
    let total = 0;
    for (const [pid, seconds] of pids) total += seconds - (before.get(group)?.get(pid) ?? 0);
    used.set(group, total);
  }
  return used;
}

/** CPU each group used while sending and while waiting for the worker, and what the run did. */
export interface CpuPhases {
  sending: Map<string, number>;
  sendingSeconds: number;
  waiting: Map<string, number>;
  waitingSeconds: number;
  /** Whether the worker ran while the webhooks arrived (BENCH_WORKER=during). */
  workerDuring: boolean;
  deliveries: number;
  orders: number;
}

/** Prints the CPU table of both phases, and the CPU per delivery and per order. */
export function reportCpu({ sending: cpuSending, sendingSeconds, waiting: cpuWaiting, waitingSeconds, workerDuring, deliveries, orders }: CpuPhases): void {
  const groups = ['api', 'pg:api', 'worker', 'pg:worker', 'bench', 'pg:bench'];
  const cpuRow = (label: string, used: Map<string, number>, seconds: number) => [
    label,
    round(seconds, 1),
    ...groups.map((group) => (used.has(group) ? `${round(used.get(group)!, 1)} (${round((used.get(group)! / seconds) * 100)} %)` : '-')),
  ];
  say(
    table([
      ['CPU seconds (share of one core)', 'wall s', ...groups],
      cpuRow(`sending${workerDuring ? ' (worker running)' : ' (no worker)'}`, cpuSending, sendingSeconds),
      cpuRow('waiting for the worker', cpuWaiting, waitingSeconds),
    ]),
  );
  // Per unit of work, steadier than throughput on a shared machine: CPU time does not grow when others take the cores.
  const ms = (group: string, ...phases: Map<string, number>[]) => phases.reduce((sum, phase) => sum + (phase.get(group) ?? 0), 0) * 1_000;
  const perDelivery = (value: number) => round(value / deliveries, 2);
  const perOrder = (value: number) => round(value / orders, 2);
  say(
    workerDuring
      ? `CPU ms per delivery: api ${perDelivery(ms('api', cpuSending, cpuWaiting))}, postgres ${perDelivery(ms('pg:api', cpuSending, cpuWaiting))}; ` +
          `per order: worker ${perOrder(ms('worker', cpuSending, cpuWaiting))}, postgres ${perOrder(ms('pg:worker', cpuSending, cpuWaiting))}`
      : `CPU ms per delivery: api ${perDelivery(ms('api', cpuSending))}, postgres ${perDelivery(ms('pg:api', cpuSending))}; ` +
          `per order: worker ${perOrder(ms('worker', cpuWaiting))}, postgres ${perOrder(ms('pg:worker', cpuWaiting))}`,
  );
}
