import { Injectable } from '@nestjs/common';

/** A creator's past performance for a campaign's brand or similar campaigns, as a PERFORMANCE value. */
export interface PerformanceSignal {
  /** In [0, 1]. */
  value: number;
  /** What it is based on, for the explanation, e.g. "converts 3.2% of clicks, $0.41 per click in 2 campaigns". */
  detail: string;
}

export interface CampaignRef {
  id: string;
  organizationId: string;
  niches: readonly string[];
}

/**
 * Where matching reads past performance (conversion rate, earnings per click). A pair with
 * no signal has no PERFORMANCE factor: its weight goes to the other factors. Provided under
 * {@link PERFORMANCE_SIGNALS} by a global module of the application (analytics reads the
 * rollups of clicks and sales); matching itself provides none, so nothing shadows it.
 */
export interface PerformanceSignals {
  /** Signals of the creators that have any history relevant to `campaign`, by creator id. */
  forCampaign(campaign: CampaignRef): Promise<ReadonlyMap<string, PerformanceSignal>>;
  /** Signals of one creator for each of `campaigns` it has relevant history for, by campaign id. */
  forCreator(creatorId: string, campaigns: readonly CampaignRef[]): Promise<ReadonlyMap<string, PerformanceSignal>>;
}

export const PERFORMANCE_SIGNALS = Symbol('PERFORMANCE_SIGNALS');

/** No pair has a performance history: for an application without analytics, provided under {@link PERFORMANCE_SIGNALS} by a global module. */
@Injectable()
export class NoPerformanceSignals implements PerformanceSignals {
  forCampaign(): Promise<ReadonlyMap<string, PerformanceSignal>> {
    return Promise.resolve(new Map());
  }

  forCreator(): Promise<ReadonlyMap<string, PerformanceSignal>> {
    return Promise.resolve(new Map());
  }
}
