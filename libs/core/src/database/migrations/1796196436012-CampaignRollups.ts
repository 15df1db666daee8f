import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Campaign-level daily rollups (clicks per day; sales per day and currency), kept by the
 * rollup drain as the sum of the per-link and per-enrollment rows, so a campaign report
 * reads one row a day. Filled here from the rows already rolled up. Also indexes the marks'
 * age, which the drain takes oldest first.
 */
export class CampaignRollups1796196436012 implements MigrationInterface {
    name = 'CampaignRollups1796196436012'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "analytics_campaign_click_days" (
                "campaign_id" uuid NOT NULL,
                "day" date NOT NULL,
                "organization_id" uuid NOT NULL,
                "clicks" integer NOT NULL,
                "unique_clicks" integer NOT NULL,
                "bot_clicks" integer NOT NULL,
                "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b73262164886c55019e10aad150" PRIMARY KEY ("campaign_id", "day")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "analytics_campaign_sale_days" (
                "campaign_id" uuid NOT NULL,
                "day" date NOT NULL,
                "currency" character(3) NOT NULL,
                "organization_id" uuid NOT NULL,
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
                CONSTRAINT "PK_b6d15ae38bf8e7956b57de47f54" PRIMARY KEY ("campaign_id", "day", "currency")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_dirty_links_marked_at" ON "analytics_dirty_links" ("marked_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_analytics_dirty_enrollments_marked_at" ON "analytics_dirty_enrollments" ("marked_at")
        `);
        await queryRunner.query(`
            INSERT INTO "analytics_campaign_click_days" ("campaign_id", "day", "organization_id", "clicks", "unique_clicks", "bot_clicks")
            SELECT "campaign_id", "day", "organization_id", sum("clicks"), sum("unique_clicks"), sum("bot_clicks")
              FROM "analytics_click_days"
             GROUP BY "campaign_id", "day", "organization_id"
            HAVING sum("clicks") <> 0 OR sum("unique_clicks") <> 0 OR sum("bot_clicks") <> 0
        `);
        await queryRunner.query(`
            INSERT INTO "analytics_campaign_sale_days" ("campaign_id", "day", "currency", "organization_id", "orders", "gross_minor", "net_minor",
                                                        "refunded_orders", "refunded_minor", "commission_pending_minor",
                                                        "commission_approved_minor", "commission_paid_minor", "fee_minor")
            SELECT "campaign_id", "day", "currency", "organization_id", sum("orders"), sum("gross_minor"), sum("net_minor"),
                   sum("refunded_orders"), sum("refunded_minor"), sum("commission_pending_minor"),
                   sum("commission_approved_minor"), sum("commission_paid_minor"), sum("fee_minor")
              FROM "analytics_sale_days"
             GROUP BY "campaign_id", "day", "currency", "organization_id"
            HAVING sum("orders") <> 0 OR sum("gross_minor") <> 0 OR sum("net_minor") <> 0 OR sum("refunded_orders") <> 0
                OR sum("refunded_minor") <> 0 OR sum("commission_pending_minor") <> 0 OR sum("commission_approved_minor") <> 0
                OR sum("commission_paid_minor") <> 0 OR sum("fee_minor") <> 0
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_dirty_enrollments_marked_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_analytics_dirty_links_marked_at"
        `);
        await queryRunner.query(`
            DROP TABLE "analytics_campaign_sale_days"
        `);
        await queryRunner.query(`
            DROP TABLE "analytics_campaign_click_days"
        `);
    }

}
