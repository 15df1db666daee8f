import { Agent, request } from 'node:http';
import { signGenericPayload } from '@app/attribution';
import { ProgressBar } from '../bench-report.js';
import { type BuiltOrder } from './orders-fixture.js';

interface Answer {
  status: number;
  ms: number;
}

function post(agent: Agent, port: number, path: string, body: Buffer, signature: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    const req = request(
      { agent, host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-signature': signature } },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - began) / 1e6 }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

export interface Sent {
  seconds: number;
  /** When the last answer came, `Date.now()`. */
  lastAnswerAt: number;
  latencies: Float64Array;
  statuses: Map<number, number>;
  /** Orders whose deliveries were answered 202 exactly once and 200 otherwise, as they should be. */
  answeredRight: number;
  errors: number;
}

/** Sends every delivery from `senders` concurrent loops, timing each; `orders` is how many different orders they carry. */
export async function send(port: number, path: string, secret: string, deliveries: readonly BuiltOrder[], load: { senders: number; orders: number }): Promise<Sent> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.senders });
  const latencies = new Float64Array(deliveries.length);
  const statuses = new Map<number, number>();
  // Per order: 202 answers, and deliveries answered with anything but 202 or 200.
  const accepted = new Uint8Array(load.orders);
  const wrong = new Uint8Array(load.orders);
  let errors = 0;
  let next = 0;
  let done = 0;
  const bar = new ProgressBar('sending webhooks', deliveries.length);
  const ticker = setInterval(() => bar.update(done), 250);
  const began = process.hrtime.bigint();
  let lastAnswerAt = Date.now();
  try {
    await Promise.all(
      Array.from({ length: load.senders }, async () => {
        while (next < deliveries.length) {
          const position = next;
          next += 1;
          const order = deliveries[position]!;
          try {
            const answer = await post(agent, port, path, order.body, signGenericPayload(secret, order.body, Math.floor(Date.now() / 1000)));
            latencies[position] = answer.ms;
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            if (answer.status === 202) accepted[order.index] += 1;
            else if (answer.status !== 200) wrong[order.index] = 1;
          } catch {
            errors += 1;
            wrong[order.index] = 1;
            latencies[position] = Number.NaN;
          }
          done += 1;
          lastAnswerAt = Date.now();
        }
      }),
    );
  } finally {
    clearInterval(ticker);
    agent.destroy();
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  bar.finish();
  let answeredRight = 0;
  for (let i = 0; i < load.orders; i += 1) if (accepted[i] === 1 && wrong[i] === 0) answeredRight += 1;
  return { seconds, lastAnswerAt, latencies, statuses, answeredRight, errors };
}
