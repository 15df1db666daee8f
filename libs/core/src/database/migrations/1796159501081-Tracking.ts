import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Tracking: referral links, discount codes and click events; campaigns gain a slug (for
 * utm_campaign), a fallback URL, a link limit and a discount.
 *
 * Written by hand beside the generated statements: the slug backfill for existing
 * campaigns, the case-insensitive alias and slug indexes, and `click_events`, partitioned by month of
 * `clicked_at` with a default partition so that no click is ever refused for want of a
 * partition. `ensure_click_events_partition(month)` creates a month's partition (moving
 * any rows the default partition holds for it); the migration creates this month's and the
 * next two, and the worker keeps creating them ahead.
 */
export class Tracking1796159501081 implements MigrationInterface {
    name = 'Tracking1796159501081'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "discount_codes" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "campaign_id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "code" text NOT NULL,
                "code_key" text NOT NULL,
                "discount_type" text NOT NULL,
                "percent_bps" integer,
                "amount_minor" bigint,
                "currency" character(3) NOT NULL,
                "status" text NOT NULL,
                "created_by_user_id" uuid NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_by_user_id" uuid,
                "revoked_reason" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_discount_codes_discount" CHECK (
                    (
                        "discount_type" = 'PERCENTAGE'
                        AND "percent_bps" BETWEEN 1 AND 10000
                        AND "amount_minor" IS NULL
                    )
                    OR (
                        "discount_type" = 'FIXED_AMOUNT'
                        AND "amount_minor" > 0
                        AND "percent_bps" IS NULL
                    )
                ),
                CONSTRAINT "chk_discount_codes_status" CHECK ("status" IN ('ACTIVE', 'REVOKED')),
                CONSTRAINT "PK_c0170a28d937472e9ce50fdce17" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_discount_codes_organization" ON "discount_codes" ("organization_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_discount_codes_creator" ON "discount_codes" ("creator_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_discount_codes_campaign" ON "discount_codes" ("campaign_id", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_discount_codes_enrollment_active" ON "discount_codes" ("enrollment_id")
            WHERE "status" = 'ACTIVE'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_discount_codes_organization_key" ON "discount_codes" ("organization_id", "code_key")
        `);
        await queryRunner.query(`
            CREATE TABLE "referral_links" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "campaign_id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "slug" text NOT NULL,
                "alias" text,
                "destination_url" text NOT NULL,
                "destination_path" text,
                "status" text NOT NULL,
                "created_by_user_id" uuid NOT NULL,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "disabled_by_user_id" uuid,
                "disabled_reason" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_referral_links_status" CHECK ("status" IN ('ACTIVE', 'DISABLED')),
                CONSTRAINT "PK_ba9165a54bafa386574ba5a8a6a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_referral_links_organization" ON "referral_links" ("organization_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_referral_links_creator" ON "referral_links" ("creator_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_referral_links_campaign" ON "referral_links" ("campaign_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_referral_links_enrollment" ON "referral_links" ("enrollment_id", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_referral_links_slug" ON "referral_links" ("slug")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_referral_links_alias" ON "referral_links" (lower("alias"))
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_referral_links_slug_lower" ON "referral_links" (lower("slug"))
        `);
        await queryRunner.query(`
            CREATE TABLE "referral_link_stats" (
                "link_id" uuid NOT NULL,
                "clicks" bigint NOT NULL DEFAULT '0',
                "unique_clicks" bigint NOT NULL DEFAULT '0',
                "bot_clicks" bigint NOT NULL DEFAULT '0',
                "last_click_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_47d37267909396893c2689edaa1" PRIMARY KEY ("link_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns"
            ADD "slug" text
        `);
        // Existing campaigns get a slug from their title; a repeat within an organization is
        // told apart by the end of the campaign id (its random part).
        await queryRunner.query(`
            UPDATE "campaigns" c
            SET "slug" = CASE WHEN numbered.rn = 1 THEN numbered.base ELSE left(numbered.base, 51) || '-' || right(replace(c.id::text, '-', ''), 8) END
            FROM (
                SELECT id, base, row_number() OVER (PARTITION BY organization_id, base ORDER BY id) AS rn
                FROM (
                    SELECT id, organization_id,
                        CASE WHEN length(raw) >= 3 THEN raw WHEN raw = '' THEN 'campaign' ELSE 'campaign-' || raw END AS base
                    FROM (
                        SELECT id, organization_id,
                            trim(BOTH '-' FROM left(trim(BOTH '-' FROM regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g')), 60)) AS raw
                        FROM "campaigns"
                    ) raw_slugs
                ) based
            ) numbered
            WHERE c.id = numbered.id
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns"
            ALTER COLUMN "slug" SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns"
            ADD "fallback_url" text
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns"
            ADD "max_links_per_creator" integer NOT NULL DEFAULT '5'
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns"
            ADD "discount_type" text
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns"
            ADD "discount_percent_bps" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns"
            ADD "discount_amount_minor" bigint
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_campaigns_organization_slug" ON "campaigns" ("organization_id", "slug")
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns"
            ADD CONSTRAINT "chk_campaigns_discount" CHECK (
                    (
                        "discount_type" IS NULL
                        AND "discount_percent_bps" IS NULL
                        AND "discount_amount_minor" IS NULL
                    )
                    OR (
                        "discount_type" = 'PERCENTAGE'
                        AND "discount_percent_bps" BETWEEN 1 AND 10000
                        AND "discount_amount_minor" IS NULL
                    )
                    OR (
                        "discount_type" = 'FIXED_AMOUNT'
                        AND "discount_amount_minor" > 0
                        AND "discount_percent_bps" IS NULL
                    )
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns"
            ADD CONSTRAINT "chk_campaigns_max_links" CHECK (
                    "max_links_per_creator" BETWEEN 1 AND 50
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "discount_codes"
            ADD CONSTRAINT "FK_e6c051bbc891f912d48f5af1507" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discount_codes"
            ADD CONSTRAINT "FK_f0aefd1e9b5cb064ecc4149bab2" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discount_codes"
            ADD CONSTRAINT "FK_18a1608b5c6e3efbab463ac7feb" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discount_codes"
            ADD CONSTRAINT "FK_8d4d92fa7e2e915d56daa152f1f" FOREIGN KEY ("creator_id") REFERENCES "creator_profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_links"
            ADD CONSTRAINT "FK_1c1be1d12c0e332f815e1af3c8d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_links"
            ADD CONSTRAINT "FK_fa284f61bfd37922b43abc1a7b0" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_links"
            ADD CONSTRAINT "FK_12de0356a60558d16c6498ce9e1" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_links"
            ADD CONSTRAINT "FK_fe574842230e7cd6a875e16bc2a" FOREIGN KEY ("creator_id") REFERENCES "creator_profiles"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_link_stats"
            ADD CONSTRAINT "FK_47d37267909396893c2689edaa1" FOREIGN KEY ("link_id") REFERENCES "referral_links"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Clicks arrive in batches from the worker; foreign keys would cost a lookup per row
        // and the ids come from links that exist, so there are none here.
        await queryRunner.query(`
            CREATE TABLE "click_events" (
                "id" uuid NOT NULL,
                "clicked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "link_id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "campaign_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "visitor_hash" text NOT NULL,
                "country" character(2),
                "device_class" text NOT NULL,
                "referrer_host" text,
                "is_bot" boolean NOT NULL,
                "is_unique" boolean NOT NULL,
                CONSTRAINT "chk_click_events_device_class" CHECK ("device_class" IN ('DESKTOP', 'MOBILE', 'TABLET', 'UNKNOWN')),
                CONSTRAINT "chk_click_events_unique_human" CHECK (NOT ("is_bot" AND "is_unique")),
                CONSTRAINT "pk_click_events" PRIMARY KEY ("id", "clicked_at")
            ) PARTITION BY RANGE ("clicked_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_click_events_link_time" ON "click_events" ("link_id", "clicked_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "click_events_default" PARTITION OF "click_events" DEFAULT
        `);
        await queryRunner.query(`
            CREATE FUNCTION ensure_click_events_partition(month date) RETURNS boolean
            LANGUAGE plpgsql AS $$
            DECLARE
                month_start timestamp := date_trunc('month', month::timestamp);
                lower_bound timestamptz := month_start AT TIME ZONE 'UTC';
                upper_bound timestamptz := (month_start + interval '1 month') AT TIME ZONE 'UTC';
                partition_name text := 'click_events_' || to_char(month_start, 'YYYY_MM');
            BEGIN
                PERFORM pg_advisory_xact_lock(hashtext('ensure_click_events_partition'));
                IF to_regclass(partition_name) IS NOT NULL THEN
                    RETURN false;
                END IF;
                EXECUTE format('CREATE TABLE %I (LIKE click_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name);
                -- Rows that landed in the default partition for this month move to their own.
                EXECUTE format(
                    'WITH moved AS (DELETE FROM click_events_default WHERE clicked_at >= %L AND clicked_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
                    lower_bound, upper_bound, partition_name);
                EXECUTE format('ALTER TABLE click_events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', partition_name, lower_bound, upper_bound);
                RETURN true;
            END
            $$
        `);
        await queryRunner.query(`
            SELECT ensure_click_events_partition((date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => m))::date)
            FROM generate_series(0, 2) AS m
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "click_events"
        `);
        await queryRunner.query(`
            DROP FUNCTION ensure_click_events_partition(date)
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_referral_links_slug_lower"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_referral_links_alias"
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_link_stats" DROP CONSTRAINT "FK_47d37267909396893c2689edaa1"
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_links" DROP CONSTRAINT "FK_fe574842230e7cd6a875e16bc2a"
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_links" DROP CONSTRAINT "FK_12de0356a60558d16c6498ce9e1"
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_links" DROP CONSTRAINT "FK_fa284f61bfd37922b43abc1a7b0"
        `);
        await queryRunner.query(`
            ALTER TABLE "referral_links" DROP CONSTRAINT "FK_1c1be1d12c0e332f815e1af3c8d"
        `);
        await queryRunner.query(`
            ALTER TABLE "discount_codes" DROP CONSTRAINT "FK_8d4d92fa7e2e915d56daa152f1f"
        `);
        await queryRunner.query(`
            ALTER TABLE "discount_codes" DROP CONSTRAINT "FK_18a1608b5c6e3efbab463ac7feb"
        `);
        await queryRunner.query(`
            ALTER TABLE "discount_codes" DROP CONSTRAINT "FK_f0aefd1e9b5cb064ecc4149bab2"
        `);
        await queryRunner.query(`
            ALTER TABLE "discount_codes" DROP CONSTRAINT "FK_e6c051bbc891f912d48f5af1507"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns" DROP CONSTRAINT "chk_campaigns_max_links"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns" DROP CONSTRAINT "chk_campaigns_discount"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_campaigns_organization_slug"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns" DROP COLUMN "discount_amount_minor"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns" DROP COLUMN "discount_percent_bps"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns" DROP COLUMN "discount_type"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns" DROP COLUMN "max_links_per_creator"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns" DROP COLUMN "fallback_url"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaigns" DROP COLUMN "slug"
        `);
        await queryRunner.query(`
            DROP TABLE "referral_link_stats"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_referral_links_slug"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_referral_links_enrollment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_referral_links_campaign"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_referral_links_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_referral_links_organization"
        `);
        await queryRunner.query(`
            DROP TABLE "referral_links"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_discount_codes_organization_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_discount_codes_enrollment_active"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_discount_codes_campaign"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_discount_codes_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_discount_codes_organization"
        `);
        await queryRunner.query(`
            DROP TABLE "discount_codes"
        `);
    }

}
