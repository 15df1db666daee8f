import { type Actor, CurrentActor, IdArg, Role, Roles } from '@app/core';
import { CampaignCompliance, CampaignComplianceService } from '@app/disclosures';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { StatsExport } from '../stats/stats-export.model.js';
import { StatsExportService } from '../stats/stats-export.service.js';
import { CampaignBudget, CampaignStats, CodeStats, CreatorStats, LinkStats } from '../stats/stats.model.js';
import { StatsQueryService } from '../stats/stats-query.service.js';
import { StatsGranularity } from '../stats/stats-range.js';

const CAMPAIGN_READERS = [Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.FINANCE, Role.ADMIN];
const SOURCE_READERS = [Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.CREATOR, Role.FINANCE, Role.ADMIN];

const FROM = { description: 'First day, YYYY-MM-DD, in the time zone the rollups count days in.' };
const TO = { description: 'Last day (included), YYYY-MM-DD; at most 366 days after from.' };
const GRANULARITY = { type: () => StatsGranularity, defaultValue: StatsGranularity.DAY };

@Resolver(() => CampaignStats)
export class CampaignStatsResolver {
  constructor(
    private readonly stats: StatsQueryService,
    private readonly exports: StatsExportService,
    private readonly disclosures: CampaignComplianceService,
  ) {}

  @Query(() => CampaignStats, { description: "A campaign's clicks, sales, commissions, budget and disclosure compliance over a range of days, for its brand and finance." })
  @Roles(...CAMPAIGN_READERS)
  campaignStats(
    @CurrentActor() actor: Actor,
    @IdArg('campaignId') campaignId: string,
    @Args('from', FROM) from: string,
    @Args('to', TO) to: string,
    @Args('granularity', GRANULARITY) granularity: StatsGranularity,
  ): Promise<CampaignStats> {
    return this.stats.campaignStats(actor, campaignId, from, to, granularity);
  }

  @Query(() => StatsExport, { description: "A campaign's stats as CSV, one row per period and currency." })
  @Roles(...CAMPAIGN_READERS)
  exportCampaignStats(
    @CurrentActor() actor: Actor,
    @IdArg('campaignId') campaignId: string,
    @Args('from', FROM) from: string,
    @Args('to', TO) to: string,
    @Args('granularity', GRANULARITY) granularity: StatsGranularity,
  ): Promise<StatsExport> {
    return this.exports.exportCampaignStats(actor, campaignId, from, to, granularity);
  }

  @ResolveField(() => CampaignBudget, { nullable: true, description: 'Null when the campaign has no budget.' })
  budget(@Parent() stats: CampaignStats): Promise<CampaignBudget | null> {
    return this.stats.budget(stats.campaign);
  }

  @ResolveField(() => CampaignCompliance, { description: "The campaign's sponsored posts by status and its creators by where they stand on disclosure (today)." })
  compliance(@CurrentActor() actor: Actor, @Parent() stats: CampaignStats): Promise<CampaignCompliance> {
    return this.disclosures.summary(actor, stats.campaignId);
  }
}

@Resolver()
export class OwnStatsResolver {
  constructor(
    private readonly stats: StatsQueryService,
    private readonly exports: StatsExportService,
  ) {}

  @Query(() => CreatorStats, { description: 'Your own clicks, sales and earnings over a range of days, optionally for one campaign or enrollment of yours.' })
  @Roles(Role.CREATOR)
  creatorStats(
    @CurrentActor() actor: Actor,
    @Args('from', FROM) from: string,
    @Args('to', TO) to: string,
    @Args('granularity', GRANULARITY) granularity: StatsGranularity,
    @Args('campaignId', { type: () => ID, nullable: true }) campaignId: string | null,
    @Args('enrollmentId', { type: () => ID, nullable: true }) enrollmentId: string | null,
  ): Promise<CreatorStats> {
    return this.stats.creatorStats(actor, from, to, granularity, { campaignId, enrollmentId });
  }

  @Query(() => StatsExport, { description: 'Your own stats as CSV, one row per period and currency.' })
  @Roles(Role.CREATOR)
  exportCreatorStats(
    @CurrentActor() actor: Actor,
    @Args('from', FROM) from: string,
    @Args('to', TO) to: string,
    @Args('granularity', GRANULARITY) granularity: StatsGranularity,
  ): Promise<StatsExport> {
    return this.exports.exportCreatorStats(actor, from, to, granularity);
  }

  @Query(() => LinkStats, { description: "A referral link's clicks and sales, for its brand, the creator holding it and finance." })
  @Roles(...SOURCE_READERS)
  linkStats(
    @CurrentActor() actor: Actor,
    @IdArg('linkId') linkId: string,
    @Args('from', FROM) from: string,
    @Args('to', TO) to: string,
    @Args('granularity', GRANULARITY) granularity: StatsGranularity,
  ): Promise<LinkStats> {
    return this.stats.linkStats(actor, linkId, from, to, granularity);
  }

  @Query(() => CodeStats, { description: "A discount code's sales, for its brand, the creator holding it and finance." })
  @Roles(...SOURCE_READERS)
  codeStats(
    @CurrentActor() actor: Actor,
    @IdArg('codeId') codeId: string,
    @Args('from', FROM) from: string,
    @Args('to', TO) to: string,
    @Args('granularity', GRANULARITY) granularity: StatsGranularity,
  ): Promise<CodeStats> {
    return this.stats.codeStats(actor, codeId, from, to, granularity);
  }
}
