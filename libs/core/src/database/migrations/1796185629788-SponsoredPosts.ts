import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Sponsored posts and their disclosure evidence: one post per URL per enrollment, its
 * revisions (what it said and the check made of it) and brand or finance overrides.
 * Revisions and overrides are append-only, and a post row can't be deleted or moved to
 * another enrollment, URL or creator, whoever asks: the evidence log stays what it was.
 */
export class SponsoredPosts1796185629788 implements MigrationInterface {
    name = 'SponsoredPosts1796185629788'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "sponsored_posts" (
                "id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "campaign_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "platform" text NOT NULL,
                "url" text NOT NULL,
                "url_key" text NOT NULL,
                "revision" integer NOT NULL,
                "revision_id" uuid NOT NULL,
                "check_result" text NOT NULL,
                "status" text NOT NULL,
                "status_source" text NOT NULL DEFAULT 'CHECK',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_sponsored_posts_revision" CHECK ("revision" >= 1),
                CONSTRAINT "chk_sponsored_posts_status_source" CHECK ("status_source" IN ('CHECK', 'OVERRIDE')),
                CONSTRAINT "chk_sponsored_posts_check_result" CHECK (
                    "check_result" IN ('COMPLIANT', 'NON_COMPLIANT', 'NEEDS_REVIEW')
                ),
                CONSTRAINT "chk_sponsored_posts_status" CHECK (
                    "status" IN ('COMPLIANT', 'NON_COMPLIANT', 'NEEDS_REVIEW')
                ),
                CONSTRAINT "PK_a0935ce26ba9dd1ac841ecf2a24" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_sponsored_posts_creator" ON "sponsored_posts" ("creator_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_sponsored_posts_campaign" ON "sponsored_posts" ("campaign_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_sponsored_posts_organization" ON "sponsored_posts" ("organization_id", "campaign_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_sponsored_posts_enrollment_status" ON "sponsored_posts" ("enrollment_id", "status")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_sponsored_posts_enrollment_url" ON "sponsored_posts" ("enrollment_id", "url_key")
        `);
        await queryRunner.query(`
            CREATE TABLE "sponsored_post_revisions" (
                "id" uuid NOT NULL,
                "post_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "posted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "caption" text NOT NULL,
                "transcript" text,
                "disclosure_methods" text array NOT NULL,
                "verbal_at_seconds" integer,
                "jurisdictions" text array NOT NULL,
                "jurisdiction_source" text NOT NULL,
                "evidence_sha256" character(64),
                "evidence_media_ref" text,
                "brand_name" text NOT NULL,
                "check_result" text NOT NULL,
                "check_reasons" text array NOT NULL,
                "check_warnings" text array NOT NULL,
                "ruleset_version" text NOT NULL,
                "submitted_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_sponsored_post_revisions_verbal_at" CHECK (
                    "verbal_at_seconds" IS NULL
                    OR "verbal_at_seconds" >= 0
                ),
                CONSTRAINT "chk_sponsored_post_revisions_sha256" CHECK (
                    "evidence_sha256" IS NULL
                    OR "evidence_sha256" ~ '^[0-9a-f]{64}$'
                ),
                CONSTRAINT "chk_sponsored_post_revisions_evidence" CHECK (
                    ("evidence_sha256" IS NULL) = ("evidence_media_ref" IS NULL)
                ),
                CONSTRAINT "chk_sponsored_post_revisions_jurisdiction_source" CHECK ("jurisdiction_source" IN ('STATED', 'AUDIENCE')),
                CONSTRAINT "chk_sponsored_post_revisions_result" CHECK (
                    "check_result" IN ('COMPLIANT', 'NON_COMPLIANT', 'NEEDS_REVIEW')
                ),
                CONSTRAINT "PK_8a5225252736478ace5d2a4381e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_sponsored_post_revisions_post_revision" ON "sponsored_post_revisions" ("post_id", "revision")
        `);
        await queryRunner.query(`
            CREATE TABLE "disclosure_overrides" (
                "id" uuid NOT NULL,
                "post_id" uuid NOT NULL,
                "revision_id" uuid NOT NULL,
                "decision" text NOT NULL,
                "note" text NOT NULL,
                "decided_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_disclosure_overrides_decision" CHECK ("decision" IN ('COMPLIANT', 'NON_COMPLIANT')),
                CONSTRAINT "PK_956b6ce28b404851c63afd8f1cb" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_disclosure_overrides_post" ON "disclosure_overrides" ("post_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_disclosure_overrides_revision" ON "disclosure_overrides" ("revision_id", "id")
        `);
        await queryRunner.query(`
            ALTER TABLE "sponsored_posts"
            ADD CONSTRAINT "FK_1c2fa74a44e9c7dc35c3bf6af9a" FOREIGN KEY ("enrollment_id") REFERENCES "enrollments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sponsored_post_revisions"
            ADD CONSTRAINT "FK_a461f333a85683feb18657559cc" FOREIGN KEY ("post_id") REFERENCES "sponsored_posts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "disclosure_overrides"
            ADD CONSTRAINT "FK_7e4c66ce6ac8674bb86ebb4a6f3" FOREIGN KEY ("post_id") REFERENCES "sponsored_posts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "disclosure_overrides"
            ADD CONSTRAINT "FK_2570b3de3e541922979f50023de" FOREIGN KEY ("revision_id") REFERENCES "sponsored_post_revisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // TRUNCATE skips row triggers, so each table refuses it separately.
        await queryRunner.query(`
            CREATE FUNCTION disclosure_evidence_refuse_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only', TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation', DETAIL = TG_OP || ' on ' || TG_TABLE_NAME || ' was refused; record a new revision or override instead';
            END
            $$
        `);
        for (const table of ['sponsored_post_revisions', 'disclosure_overrides']) {
            await queryRunner.query(`
                CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}"
                FOR EACH ROW EXECUTE FUNCTION disclosure_evidence_refuse_change()
            `);
        }
        for (const table of ['sponsored_posts', 'sponsored_post_revisions', 'disclosure_overrides']) {
            await queryRunner.query(`
                CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}"
                FOR EACH STATEMENT EXECUTE FUNCTION disclosure_evidence_refuse_change()
            `);
        }
        await queryRunner.query(`
            CREATE TRIGGER sponsored_posts_no_delete BEFORE DELETE ON "sponsored_posts"
            FOR EACH ROW EXECUTE FUNCTION disclosure_evidence_refuse_change()
        `);
        // A post moves only forward through its revisions; what it is never changes.
        await queryRunner.query(`
            CREATE FUNCTION sponsored_posts_guard_update() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF (NEW.id, NEW.enrollment_id, NEW.campaign_id, NEW.organization_id, NEW.creator_id, NEW.platform, NEW.url, NEW.url_key, NEW.created_at)
                   IS DISTINCT FROM
                   (OLD.id, OLD.enrollment_id, OLD.campaign_id, OLD.organization_id, OLD.creator_id, OLD.platform, OLD.url, OLD.url_key, OLD.created_at)
                   OR NEW.revision < OLD.revision THEN
                    RAISE EXCEPTION 'sponsored_posts keeps its identity'
                        USING ERRCODE = 'restrict_violation', DETAIL = 'only the current revision and its standing may change';
                END IF;
                RETURN NEW;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER sponsored_posts_guard_update BEFORE UPDATE ON "sponsored_posts"
            FOR EACH ROW EXECUTE FUNCTION sponsored_posts_guard_update()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TRIGGER "sponsored_posts_guard_update" ON "sponsored_posts"
        `);
        await queryRunner.query(`
            DROP FUNCTION sponsored_posts_guard_update()
        `);
        await queryRunner.query(`
            DROP TRIGGER "sponsored_posts_no_delete" ON "sponsored_posts"
        `);
        for (const table of ['sponsored_posts', 'sponsored_post_revisions', 'disclosure_overrides']) {
            await queryRunner.query(`
                DROP TRIGGER "${table}_no_truncate" ON "${table}"
            `);
        }
        for (const table of ['sponsored_post_revisions', 'disclosure_overrides']) {
            await queryRunner.query(`
                DROP TRIGGER "${table}_append_only" ON "${table}"
            `);
        }
        await queryRunner.query(`
            DROP FUNCTION disclosure_evidence_refuse_change()
        `);
        await queryRunner.query(`
            ALTER TABLE "disclosure_overrides" DROP CONSTRAINT "FK_2570b3de3e541922979f50023de"
        `);
        await queryRunner.query(`
            ALTER TABLE "disclosure_overrides" DROP CONSTRAINT "FK_7e4c66ce6ac8674bb86ebb4a6f3"
        `);
        await queryRunner.query(`
            ALTER TABLE "sponsored_post_revisions" DROP CONSTRAINT "FK_a461f333a85683feb18657559cc"
        `);
        await queryRunner.query(`
            ALTER TABLE "sponsored_posts" DROP CONSTRAINT "FK_1c2fa74a44e9c7dc35c3bf6af9a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_disclosure_overrides_revision"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_disclosure_overrides_post"
        `);
        await queryRunner.query(`
            DROP TABLE "disclosure_overrides"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_sponsored_post_revisions_post_revision"
        `);
        await queryRunner.query(`
            DROP TABLE "sponsored_post_revisions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_sponsored_posts_enrollment_url"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_sponsored_posts_enrollment_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_sponsored_posts_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_sponsored_posts_campaign"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_sponsored_posts_creator"
        `);
        await queryRunner.query(`
            DROP TABLE "sponsored_posts"
        `);
    }

}
