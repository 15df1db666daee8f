import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Deletes sessions (and, by cascade, their refresh tokens) that ended long enough ago. */
@Injectable()
export class SessionPurgeService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async purgeEndedBefore(cutoff: Date): Promise<number> {
    const result = await this.db.query(
      `WITH purged AS (
         DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1 RETURNING 1
       ) SELECT count(*)::int AS count FROM purged`,
      [cutoff],
    );
    return (result as { count: number }[])[0]?.count ?? 0;
  }
}
