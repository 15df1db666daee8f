import { writeFile } from 'node:fs/promises';
import { type AppConfig, InjectConfig, InjectRedis } from '@app/core';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

const INTERVAL_MS = 10_000;

/**
 * The worker has no HTTP port to probe, so while it can reach PostgreSQL and Redis it
 * rewrites WORKER_HEARTBEAT_FILE; a health check looks at the file's age.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeat.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    const file = this.config.workerHeartbeatFile;
    if (!file) return;
    const beat = async () => {
      try {
        await this.db.query('SELECT 1');
        await this.redis.ping();
        await writeFile(file, new Date().toISOString());
      } catch (error) {
        this.logger.warn({ err: error }, 'Heartbeat skipped: a dependency did not answer');
      }
    };
    void beat();
    this.timer = setInterval(() => void beat(), INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
