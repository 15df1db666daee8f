import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CandidateIndexService } from '../index/candidate-index.service.js';

/** Starts loading the matching index when the API starts, without holding the start up. */
@Injectable()
export class MatchingIndexWarmer implements OnApplicationBootstrap {
  private readonly logger = new Logger(MatchingIndexWarmer.name);

  constructor(private readonly candidates: CandidateIndexService) {}

  onApplicationBootstrap(): void {
    this.candidates.fresh().catch((error: unknown) => {
      // The first query loads it again; this only logs why warming failed.
      this.logger.warn(`Could not warm the matching index: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
