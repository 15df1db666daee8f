import { MigrationInterface, QueryRunner } from "typeorm";

export class CampaignsCreators1795334429339 implements MigrationInterface {
    name = 'CampaignsCreators1795334429339'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "campaigns" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "status" text NOT NULL,
                "title" text NOT NULL,
                "brief" text NOT NULL DEFAULT '',
                "landing_url" text,
                "niches" text array NOT NULL DEFAULT '{}',
                "platforms" text array NOT NULL DEFAULT '{}',
                "target_countries" text array NOT NULL DEFAULT '{}',
                "min_followers" integer NOT NULL DEFAULT '10000',
                "max_followers" integer NOT NULL DEFAULT '100000',
                "min_engagement_rate" double precision NOT NULL DEFAULT '0',
                "starts_at" TIMESTAMP WITH TIME ZONE,
                "ends_at" TIMESTAMP WITH TIME ZONE,
                "budget_minor" bigint,
                "currency" character(3) NOT NULL,
                "visibility" text NOT NULL DEFAULT 'OPEN',
                "auto_approve" boolean NOT NULL DEFAULT false,
                "match_weights" jsonb,
                "created_by_user_id" uuid NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_campaigns_budget" CHECK (
                    "budget_minor" IS NULL
                    OR "budget_minor" >= 0
                ),
                CONSTRAINT "chk_campaigns_dates" CHECK (
                    "ends_at" IS NULL
                    OR "starts_at" IS NULL
                    OR "ends_at" > "starts_at"
                ),
                CONSTRAINT "chk_campaigns_engagement" CHECK (
                    "min_engagement_rate" >= 0
                    AND "min_engagement_rate" <= 1
                ),
                CONSTRAINT "chk_campaigns_follower_band" CHECK (
                    "min_followers" >= 0
                    AND "max_followers" >= "min_followers"
                ),
                CONSTRAINT "chk_campaigns_visibility" CHECK ("visibility" IN ('OPEN', 'INVITE_ONLY')),
                CONSTRAINT "chk_campaigns_status" CHECK (
                    "status" IN ('DRAFT', 'ACTIVE', 'PAUSED', 'ENDED')
                ),
                CONSTRAINT "PK_831e3fcd4fc45b4e4c3f57a9ee4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_campaigns_status" ON "campaigns" ("status", "visibility", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_campaigns_organization" ON "campaigns" ("organization_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "campaign_terms" (
                "id" uuid NOT NULL,
                "campaign_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "commission_rate_bps" integer,
                "flat_amount_minor" bigint,
                "attribution_window_days" integer NOT NULL DEFAULT '30',
                "hold_days" integer NOT NULL DEFAULT '30',
                "disclosure_required" boolean NOT NULL DEFAULT true,
                "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_campaign_terms_days" CHECK (
                    "attribution_window_days" BETWEEN 1 AND 365
                    AND "hold_days" BETWEEN 0 AND 365
                ),
                CONSTRAINT "chk_campaign_terms_flat" CHECK (
                    "flat_amount_minor" IS NULL
                    OR "flat_amount_minor" > 0
                ),
                CONSTRAINT "chk_campaign_terms_rate" CHECK (
                    "commission_rate_bps" IS NULL
                    OR (
                        "commission_rate_bps" > 0
                        AND "commission_rate_bps" <= 10000
                    )
                ),
                CONSTRAINT "PK_859b55fc66007d926ef40c9c10a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_campaign_terms_effective" ON "campaign_terms" ("campaign_id", "effective_from")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_campaign_terms_version" ON "campaign_terms" ("campaign_id", "version")
        `);
        await queryRunner.query(`
            CREATE TABLE "creator_profiles" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "display_name" text NOT NULL,
                "bio" text NOT NULL DEFAULT '',
                "country" character(2),
                "languages" text array NOT NULL DEFAULT '{}',
                "niches" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5f58900809b867a2683b6e0e94a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_creator_profiles_updated_at" ON "creator_profiles" ("updated_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_creator_profiles_user" ON "creator_profiles" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "social_accounts" (
                "id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "platform" text NOT NULL,
                "handle" text NOT NULL,
                "followers" integer NOT NULL,
                "avg_likes" integer NOT NULL,
                "avg_comments" integer NOT NULL,
                "avg_views" integer,
                "engagement_rate" double precision NOT NULL,
                "audience_countries" jsonb NOT NULL DEFAULT '{}',
                "audience_country_codes" text array NOT NULL DEFAULT '{}',
                "rate_per_post_minor" bigint,
                "rate_currency" character(3),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_social_accounts_rate" CHECK (
                    ("rate_per_post_minor" IS NULL) = ("rate_currency" IS NULL)
                    AND (
                        "rate_per_post_minor" IS NULL
                        OR "rate_per_post_minor" >= 0
                    )
                ),
                CONSTRAINT "chk_social_accounts_counts" CHECK (
                    "followers" >= 0
                    AND "avg_likes" >= 0
                    AND "avg_comments" >= 0
                    AND (
                        "avg_views" IS NULL
                        OR "avg_views" >= 0
                    )
                ),
                CONSTRAINT "chk_social_accounts_platform" CHECK (
                    "platform" IN (
                        'INSTAGRAM',
                        'TIKTOK',
                        'YOUTUBE',
                        'PINTEREST',
                        'FACEBOOK',
                        'SNAPCHAT',
                        'X',
                        'TWITCH',
                        'BLOG'
                    )
                ),
                CONSTRAINT "PK_e9e58d2d8e9fafa20af914d9750" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_social_accounts_platform_followers" ON "social_accounts" ("platform", "followers")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_social_accounts_creator" ON "social_accounts" ("creator_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "enrollments" (
                "id" uuid NOT NULL,
                "campaign_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "status" text NOT NULL,
                "origin" text NOT NULL,
                "pitch" text,
                "invitation_message" text,
                "reason_code" text,
                "reason_note" text,
                "decided_by_user_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "approved_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_enrollments_origin" CHECK ("origin" IN ('APPLICATION', 'INVITATION')),
                CONSTRAINT "chk_enrollments_status" CHECK (
                    "status" IN (
                        'APPLIED',
                        'INVITED',
                        'APPROVED',
                        'REJECTED',
                        'DECLINED',
                        'REMOVED',
                        'LEFT'
                    )
                ),
                CONSTRAINT "PK_7c0f752f9fb68bf6ed7367ab00f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_enrollments_campaign" ON "enrollments" ("campaign_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_enrollments_creator" ON "enrollments" ("creator_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_enrollments_organization" ON "enrollments" ("organization_id", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_enrollments_campaign_creator" ON "enrollments" ("campaign_id", "creator_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "organization_domains" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "domain" text NOT NULL,
                "added_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_66c1149e9a4faf8d657161b263f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organization_domains_domain" ON "organization_domains" ("organization_id", "domain")
        `);
        await queryRunner.query(`
            CREATE TABLE "creator_bans" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "banned_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0b7f35373bdf0ee27c15d498156" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_creator_bans_organization_creator" ON "creator_bans" ("organization_id", "creator_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns"
            ADD CONSTRAINT "FK_b82fcefa3141cf82e4eb695b73c" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms"
            ADD CONSTRAINT "FK_baca9b70cd7a8db760addee86a7" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "creator_profiles"
            ADD CONSTRAINT "FK_6fae0dfbe41d4c7b37a6e3251c5" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "social_accounts"
            ADD CONSTRAINT "FK_e267fee92b326e6833003f5d381" FOREIGN KEY ("creator_id") REFERENCES "creator_profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollments"
            ADD CONSTRAINT "FK_52c02b0de2d54b20ebf467ad949" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollments"
            ADD CONSTRAINT "FK_e13a934cd35f22879e61ec923b1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollments"
            ADD CONSTRAINT "FK_8b66bf0352ab9bf8c2d41cd4071" FOREIGN KEY ("creator_id") REFERENCES "creator_profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "organization_domains"
            ADD CONSTRAINT "FK_a21225185191ef9e3772dc04e8f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "creator_bans"
            ADD CONSTRAINT "FK_712225f83f2fbcb84cbfefc38d9" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "creator_bans"
            ADD CONSTRAINT "FK_6611e7dc68257d54e2a9f1dbdbb" FOREIGN KEY ("creator_id") REFERENCES "creator_profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Indexes the entities cannot describe: case-insensitive handles, array and text search.
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_social_accounts_platform_handle" ON "social_accounts" ("platform", lower("handle"))
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_social_accounts_audience_countries" ON "social_accounts" USING gin ("audience_country_codes")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_creator_profiles_niches" ON "creator_profiles" USING gin ("niches")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_creator_profiles_search" ON "creator_profiles" USING gin (to_tsvector('simple', "display_name" || ' ' || "bio"))
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_creator_profiles_search"`);
        await queryRunner.query(`DROP INDEX "public"."ix_creator_profiles_niches"`);
        await queryRunner.query(`DROP INDEX "public"."ix_social_accounts_audience_countries"`);
        await queryRunner.query(`DROP INDEX "public"."uq_social_accounts_platform_handle"`);
        await queryRunner.query(`
            ALTER TABLE "creator_bans" DROP CONSTRAINT "FK_6611e7dc68257d54e2a9f1dbdbb"
        `);
        await queryRunner.query(`
            ALTER TABLE "creator_bans" DROP CONSTRAINT "FK_712225f83f2fbcb84cbfefc38d9"
        `);
        await queryRunner.query(`
            ALTER TABLE "organization_domains" DROP CONSTRAINT "FK_a21225185191ef9e3772dc04e8f"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollments" DROP CONSTRAINT "FK_8b66bf0352ab9bf8c2d41cd4071"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollments" DROP CONSTRAINT "FK_e13a934cd35f22879e61ec923b1"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrollments" DROP CONSTRAINT "FK_52c02b0de2d54b20ebf467ad949"
        `);
        await queryRunner.query(`
            ALTER TABLE "social_accounts" DROP CONSTRAINT "FK_e267fee92b326e6833003f5d381"
        `);
        await queryRunner.query(`
            ALTER TABLE "creator_profiles" DROP CONSTRAINT "FK_6fae0dfbe41d4c7b37a6e3251c5"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms" DROP CONSTRAINT "FK_baca9b70cd7a8db760addee86a7"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns" DROP CONSTRAINT "FK_b82fcefa3141cf82e4eb695b73c"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_creator_bans_organization_creator"
        `);
        await queryRunner.query(`
            DROP TABLE "creator_bans"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_organization_domains_domain"
        `);
        await queryRunner.query(`
            DROP TABLE "organization_domains"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_enrollments_campaign_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_enrollments_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_enrollments_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_enrollments_campaign"
        `);
        await queryRunner.query(`
            DROP TABLE "enrollments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_social_accounts_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_social_accounts_platform_followers"
        `);
        await queryRunner.query(`
            DROP TABLE "social_accounts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_creator_profiles_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_creator_profiles_updated_at"
        `);
        await queryRunner.query(`
            DROP TABLE "creator_profiles"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_campaign_terms_version"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_campaign_terms_effective"
        `);
        await queryRunner.query(`
            DROP TABLE "campaign_terms"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_campaigns_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_campaigns_status"
        `);
        await queryRunner.query(`
            DROP TABLE "campaigns"
        `);
    }

}
