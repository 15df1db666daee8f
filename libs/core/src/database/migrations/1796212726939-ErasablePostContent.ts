import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Sponsored posts stay append-only evidence, with one exception the law requires: when a
 * creator's account is erased, a post's URL and a revision's caption, transcript and media
 * reference (which name or show the creator) may be blanked. The triggers allow exactly that
 * change, to exactly those values, and still refuse every other.
 */
export class ErasablePostContent1796212726939 implements MigrationInterface {
    name = 'ErasablePostContent1796212726939'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "sponsored_post_revisions_append_only" ON "sponsored_post_revisions"`);
        await queryRunner.query(`
            CREATE TRIGGER sponsored_post_revisions_no_delete BEFORE DELETE ON "sponsored_post_revisions"
            FOR EACH ROW EXECUTE FUNCTION disclosure_evidence_refuse_change()
        `);
        await queryRunner.query(`
            CREATE FUNCTION sponsored_post_revisions_guard_update() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF (to_jsonb(NEW) - ARRAY['caption', 'transcript', 'evidence_media_ref']) = (to_jsonb(OLD) - ARRAY['caption', 'transcript', 'evidence_media_ref'])
                   AND NEW.caption = '' AND NEW.transcript IS NULL AND NEW.evidence_media_ref IS NULL THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'sponsored_post_revisions is append-only'
                    USING ERRCODE = 'restrict_violation', DETAIL = 'only erasing a revision''s personal content (caption, transcript, media reference) is allowed';
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER sponsored_post_revisions_guard_update BEFORE UPDATE ON "sponsored_post_revisions"
            FOR EACH ROW EXECUTE FUNCTION sponsored_post_revisions_guard_update()
        `);
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION sponsored_posts_guard_update() RETURNS trigger
            LANGUAGE plpgsql AS $$
            DECLARE
                erased boolean := NEW.url = 'erased:' || NEW.id::text AND NEW.url_key = NEW.url;
            BEGIN
                IF (NEW.id, NEW.enrollment_id, NEW.campaign_id, NEW.organization_id, NEW.creator_id, NEW.platform, NEW.created_at)
                   IS DISTINCT FROM
                   (OLD.id, OLD.enrollment_id, OLD.campaign_id, OLD.organization_id, OLD.creator_id, OLD.platform, OLD.created_at)
                   OR (NOT erased AND (NEW.url, NEW.url_key) IS DISTINCT FROM (OLD.url, OLD.url_key))
                   OR NEW.revision < OLD.revision THEN
                    RAISE EXCEPTION 'sponsored_posts keeps its identity'
                        USING ERRCODE = 'restrict_violation', DETAIL = 'only the current revision and its standing may change, and the URL only when erased';
                END IF;
                RETURN NEW;
            END
            $$
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION sponsored_posts_guard_update() RETURNS trigger
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
        await queryRunner.query(`DROP TRIGGER "sponsored_post_revisions_guard_update" ON "sponsored_post_revisions"`);
        await queryRunner.query(`DROP FUNCTION sponsored_post_revisions_guard_update()`);
        await queryRunner.query(`DROP TRIGGER "sponsored_post_revisions_no_delete" ON "sponsored_post_revisions"`);
        await queryRunner.query(`
            CREATE TRIGGER sponsored_post_revisions_append_only BEFORE UPDATE OR DELETE ON "sponsored_post_revisions"
            FOR EACH ROW EXECUTE FUNCTION disclosure_evidence_refuse_change()
        `);
    }
}
