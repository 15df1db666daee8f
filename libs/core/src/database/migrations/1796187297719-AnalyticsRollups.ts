import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Analytics rollups: clicks per link and sales per enrollment, source and currency, per day
 * of the brand's time zone (`organizations.time_zone`, new here). Triggers on click_events,
 * orders and commissions mark the hours they change in the same transaction; the rollup
 * worker recomputes the days those hours fall on. Everything already stored is marked once.
 */
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
                "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_151e8f401c73d3f26b80b07d5f7" PRIMARY KEY ("link_id", "hour")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "analytics_dirty_enrollments" (
                "enrollment_id" uuid NOT NULL,
                "hour" TIMESTAMP WITH TIME ZONE NOT NULL,
                "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_90c77e8626caaa5a274c007e220" PRIMARY KEY ("enrollment_id", "hour")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "analytics_rebuild_requests" (
                "organization_id" uuid NOT NULL,
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_analytics_rebuild_requests" PRIMARY KEY ("organization_id")
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
        // Platform fees are rounded like the ledger rounds them: half-even on the magnitude, sign kept.
        await queryRunner.query(`
            CREATE FUNCTION analytics_fee_minor(amount bigint, bps integer) RETURNS bigint
            LANGUAGE sql IMMUTABLE STRICT AS $$
                SELECT (sign(amount) * CASE
                    WHEN r * 2 > 10000 OR (r * 2 = 10000 AND mod(q, 2) = 1) THEN q + 1 ELSE q END)::bigint
                  FROM (SELECT div(abs(amount)::numeric * bps, 10000) AS q, mod(abs(amount)::numeric * bps, 10000) AS r) x
            $$
        `);
        // Hours are truncated in UTC, so a mark means the same whatever the session's time zone.
        // A mark that already exists is locked (DO UPDATE, keeping its time), never skipped: a
        // drain running meanwhile then either waits for this change to commit before it takes
        // the mark, or has taken it already, and this change marks the hour anew.
        await queryRunner.query(`
            CREATE FUNCTION analytics_mark_clicks() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO analytics_dirty_links (link_id, hour)
                SELECT DISTINCT link_id, date_trunc('hour', clicked_at, 'UTC') FROM new_rows
                 ORDER BY 1, 2
                ON CONFLICT (link_id, hour) DO UPDATE SET marked_at = analytics_dirty_links.marked_at;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER click_events_analytics AFTER INSERT ON "click_events"
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_clicks()
        `);
        await queryRunner.query(`
            CREATE FUNCTION analytics_mark_orders() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND OLD.enrollment_id IS NOT NULL
                   AND (OLD.enrollment_id, OLD.ordered_at) IS DISTINCT FROM (NEW.enrollment_id, NEW.ordered_at) THEN
                    INSERT INTO analytics_dirty_enrollments (enrollment_id, hour)
                    VALUES (OLD.enrollment_id, date_trunc('hour', OLD.ordered_at, 'UTC'))
                    ON CONFLICT (enrollment_id, hour) DO UPDATE SET marked_at = analytics_dirty_enrollments.marked_at;
                END IF;
                IF NEW.enrollment_id IS NOT NULL THEN
                    INSERT INTO analytics_dirty_enrollments (enrollment_id, hour)
                    VALUES (NEW.enrollment_id, date_trunc('hour', NEW.ordered_at, 'UTC'))
                    ON CONFLICT (enrollment_id, hour) DO UPDATE SET marked_at = analytics_dirty_enrollments.marked_at;
                END IF;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER orders_analytics AFTER INSERT OR UPDATE ON "orders"
            FOR EACH ROW EXECUTE FUNCTION analytics_mark_orders()
        `);
        // A commission's enrollment and order time never change: its new rows say it all.
        await queryRunner.query(`
            CREATE FUNCTION analytics_mark_commissions() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO analytics_dirty_enrollments (enrollment_id, hour)
                SELECT DISTINCT enrollment_id, date_trunc('hour', ordered_at, 'UTC') FROM new_rows
                 ORDER BY 1, 2
                ON CONFLICT (enrollment_id, hour) DO UPDATE SET marked_at = analytics_dirty_enrollments.marked_at;
                RETURN NULL;
            END
            $$
        `);
        // A brand's days start at another hour once its time zone changes: its rollups are rebuilt.
        await queryRunner.query(`
            CREATE FUNCTION analytics_request_rebuild() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO analytics_rebuild_requests (organization_id) VALUES (NEW.id)
                ON CONFLICT (organization_id) DO UPDATE SET requested_at = analytics_rebuild_requests.requested_at;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER organizations_analytics_time_zone AFTER UPDATE OF time_zone ON "organizations"
            FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION analytics_request_rebuild()
        `);
        for (const event of ['INSERT', 'UPDATE']) {
            await queryRunner.query(`
                CREATE TRIGGER commissions_analytics_${event.toLowerCase()} AFTER ${event} ON "commissions"
                REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analytics_mark_commissions()
            `);
        }
        await queryRunner.query(`
            INSERT INTO analytics_dirty_links (link_id, hour)
            SELECT DISTINCT link_id, date_trunc('hour', clicked_at, 'UTC') FROM click_events
        `);
        await queryRunner.query(`
            INSERT INTO analytics_dirty_enrollments (enrollment_id, hour)
            SELECT DISTINCT enrollment_id, date_trunc('hour', ordered_at, 'UTC') FROM orders WHERE enrollment_id IS NOT NULL
            UNION
            SELECT DISTINCT enrollment_id, date_trunc('hour', ordered_at, 'UTC') FROM commissions
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TRIGGER "organizations_analytics_time_zone" ON "organizations"
        `);
        await queryRunner.query(`
            DROP FUNCTION analytics_request_rebuild()
        `);
        for (const event of ['insert', 'update']) {
            await queryRunner.query(`
                DROP TRIGGER "commissions_analytics_${event}" ON "commissions"
            `);
        }
        await queryRunner.query(`
            DROP FUNCTION analytics_mark_commissions()
        `);
        await queryRunner.query(`
            DROP TRIGGER "orders_analytics" ON "orders"
        `);
        await queryRunner.query(`
            DROP FUNCTION analytics_mark_orders()
        `);
        await queryRunner.query(`
            DROP TRIGGER "click_events_analytics" ON "click_events"
        `);
        await queryRunner.query(`
            DROP FUNCTION analytics_mark_clicks()
        `);
        await queryRunner.query(`
            DROP FUNCTION analytics_fee_minor(bigint, integer)
        `);
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
            DROP TABLE "analytics_rebuild_requests"
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
