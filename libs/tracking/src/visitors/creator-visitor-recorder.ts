import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { visitorHash } from '../clicks/click-context.js';
import { VisitorSalts } from '../clicks/visitor-salts.js';

const MAX_REMEMBERED = 50_000;

/**
 * Notes the visitor hash of each creator's own signed-in requests, once per creator, hash
 * and day per process, so the fraud rules can tell when a click on a creator's link came
 * from the creator. The write never holds up the request.
 */
@Injectable()
export class CreatorVisitorRecorder {
  private readonly logger = new Logger(CreatorVisitorRecorder.name);
  private readonly seen = new Set<string>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly salts: VisitorSalts,
  ) {}

  note(userId: string, ip: string | undefined, userAgent: string | undefined, now = Date.now()): void {
    if (!ip) return;
    const hash = visitorHash(ip, userAgent, this.salts.saltFor(now));
    const day = new Date(now).toISOString().slice(0, 10);
    const key = `${userId}:${hash}:${day}`;
    if (this.seen.has(key)) return;
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.add(key);
    this.db
      .query(`INSERT INTO creator_visitors (user_id, visitor_hash, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [userId, hash, day])
      .catch((error: unknown) => {
        this.seen.delete(key);
        this.logger.warn({ err: error }, "Could not note a creator's visitor hash");
      });
  }
}
