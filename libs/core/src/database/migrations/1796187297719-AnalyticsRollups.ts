import { MigrationInterface, QueryRunner } from "typeorm";

export class AnalyticsRollups1796187297719 implements MigrationInterface {
    name = 'AnalyticsRollups1796187297719'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "analytics_click_days" (
                "link_id" uuid NOT NULL,
                "day" date NOT NULL,
                "organization_id" uuid NOT NULL,
                "campaign_id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "clicks" integer NOT NULL,
                "unique_clicks" integer NOT NULL,
                "bot_clicks" integer NOT NULL,
                "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9d8eb66d0fc334ff51bfc6222d8" PRIMARY KEY ("link_id", "day")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_click_days_enrollment" ON "analytics_click_days" ("enrollment_id", "day")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_click_days_creator" ON "analytics_click_days" ("creator_id", "day")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_click_days_campaign" ON "analytics_click_days" ("campaign_id", "day")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_click_days_organization" ON "analytics_click_days" ("organization_id", "day")
        `);
        await queryRunner.query(`
            CREATE TABLE "analytics_dirty_links" (
                "link_id" uuid NOT NULL,
                "hour" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_151e8f401c73d3f26b80b07d5f7" PRIMARY KEY ("link_id", "hour")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "analytics_dirty_enrollments" (
                "enrollment_id" uuid NOT NULL,
                "hour" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_90c77e8626caaa5a274c007e220" PRIMARY KEY ("enrollment_id", "hour")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "analytics_sale_days" (
                "enrollment_id" uuid NOT NULL,
                "day" date NOT NULL,
                "currency" character(3) NOT NULL,
                "source_key" text NOT NULL,
                "organization_id" uuid NOT NULL,
                "campaign_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "link_id" uuid,
                "code_id" uuid,
                "orders" integer NOT NULL,
                "gross_minor" bigint NOT NULL,
                "net_minor" bigint NOT NULL,
                "refunded_orders" integer NOT NULL,
                "refunded_minor" bigint NOT NULL,
                "commission_pending_minor" bigint NOT NULL,
                "commission_approved_minor" bigint NOT NULL,
                "commission_paid_minor" bigint NOT NULL,
                "fee_minor" bigint NOT NULL,
                "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_98a0f98a744cbb1394b14bf98c9" PRIMARY KEY ("enrollment_id", "day", "currency", "source_key")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_sale_days_code" ON "analytics_sale_days" ("code_id", "day")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_sale_days_link" ON "analytics_sale_days" ("link_id", "day")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_sale_days_creator" ON "analytics_sale_days" ("creator_id", "day")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_sale_days_campaign" ON "analytics_sale_days" ("campaign_id", "day")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_sale_days_organization" ON "analytics_sale_days" ("organization_id", "day")
        `);
        await queryRunner.query(`
            ALTER TABLE "organizations"
            ADD "time_zone" text NOT NULL DEFAULT 'UTC'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "organizations" DROP COLUMN "time_zone"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_sale_days_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_sale_days_campaign"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_sale_days_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_sale_days_link"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_sale_days_code"
        `);
        await queryRunner.query(`
            DROP TABLE "analytics_sale_days"
        `);
        await queryRunner.query(`
            DROP TABLE "analytics_dirty_enrollments"
        `);
        await queryRunner.query(`
            DROP TABLE "analytics_dirty_links"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_click_days_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_click_days_campaign"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_click_days_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_click_days_enrollment"
        `);
        await queryRunner.query(`
            DROP TABLE "analytics_click_days"
        `);
    }

}
