import { type Actor, CurrentActor, type GraphqlContext, IdArg, Role, Roles } from '@app/core';
import { CreatorProfile, CreatorProfileService, creatorLoader } from '@app/creators';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { LeaderboardEntry, LeaderboardEntryConnection, LeaderboardExport, LeaderboardOrder } from '../stats/leaderboard.model.js';
import { LeaderboardArgs } from '../stats/leaderboard.args.js';
import { LeaderboardService } from '../stats/leaderboard.service.js';

const READERS = [Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.FINANCE, Role.ADMIN];
const FROM = { nullable: true, description: 'First day, YYYY-MM-DD; with to, or neither for all time.' };
const TO = { nullable: true, description: 'Last day (included), YYYY-MM-DD; at most 366 days after from.' };

@Resolver(() => LeaderboardEntry)
export class LeaderboardResolver {
  constructor(
    private readonly leaderboards: LeaderboardService,
    private readonly profiles: CreatorProfileService,
  ) {}

  @Query(() => LeaderboardEntryConnection, { description: "A campaign's creators ranked, highest first; money in the campaign's currency." })
  @Roles(...READERS)
  leaderboard(@CurrentActor() actor: Actor, @Args() args: LeaderboardArgs): Promise<LeaderboardEntryConnection> {
    return this.leaderboards.leaderboard(actor, args.campaignId.toLowerCase(), args.by, args.from, args.to, args);
  }

  @Query(() => LeaderboardExport, { description: "A campaign's whole leaderboard as CSV." })
  @Roles(...READERS)
  exportLeaderboard(
    @CurrentActor() actor: Actor,
    @IdArg('campaignId') campaignId: string,
    @Args('by', { type: () => LeaderboardOrder }) by: LeaderboardOrder,
    @Args('from', { type: () => String, ...FROM }) from: string | null,
    @Args('to', { type: () => String, ...TO }) to: string | null,
  ): Promise<LeaderboardExport> {
    return this.leaderboards.exportLeaderboard(actor, campaignId, by, from, to);
  }

  @ResolveField(() => CreatorProfile, { nullable: true })
  creator(@Parent() entry: LeaderboardEntry, @Context() ctx: GraphqlContext): Promise<CreatorProfile | null> {
    return creatorLoader(ctx, this.profiles).load(entry.creatorId);
  }
}
