import { type Actor, InputProblems, Role } from '@app/core';
import { CreatorProfileEntity } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { checkDisclosure } from '../rules/check-disclosure.js';
import { creatorAudienceJurisdictions } from './post-facts.js';
import { readPostContent } from './post-content.js';
import type { CheckDisclosureArgs } from './sponsored-post.inputs.js';
import { toCheck } from './sponsored-post.mappers.js';
import type { DisclosureCheckModel } from './sponsored-post.model.js';

const MAX_BRAND_NAME_LENGTH = 200;

/** The rule set run on a caption before it is published: nothing is stored. */
@Injectable()
export class DisclosureDryRunService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async check(actor: Actor, args: CheckDisclosureArgs): Promise<DisclosureCheckModel> {
    const problems = new InputProblems();
    const content = readPostContent(
      { postedAt: new Date(), caption: args.caption, disclosureMethods: args.disclosureMethods ?? [], verbalAtSeconds: args.verbalAtSeconds, jurisdictions: args.jurisdictions },
      null,
      problems,
      new Date(),
      '',
    );
    const brandName = (args.brandName ?? '').trim();
    if (brandName.length > MAX_BRAND_NAME_LENGTH) problems.add('brandName', `brandName must be at most ${MAX_BRAND_NAME_LENGTH} characters (got ${brandName.length})`);
    problems.throwIfAny();
    return toCheck(
      checkDisclosure({
        caption: content.caption,
        platform: args.platform,
        disclosureMethods: content.disclosureMethods,
        verbalAtSeconds: content.verbalAtSeconds,
        jurisdictions: content.jurisdictions ?? (await this.defaultJurisdictions(actor, args.platform)),
        brandName,
      }),
    );
  }

  /** A creator's audience on the platform; anyone else (a brand checking a draft) gets US rules. */
  private async defaultJurisdictions(actor: Actor, platform: string): Promise<string[]> {
    if (!actor.roles.includes(Role.CREATOR)) return ['US'];
    const profile = await this.db.getRepository(CreatorProfileEntity).findOne({ where: { userId: actor.userId }, select: { id: true } });
    return profile ? creatorAudienceJurisdictions(this.db.manager, profile.id, platform) : ['US'];
  }
}
