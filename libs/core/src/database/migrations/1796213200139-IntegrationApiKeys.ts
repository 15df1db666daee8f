import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Merchant integrations' API keys move to a table of their own, so an integration can hold
 * several (to rotate), each with scopes, its last use, and a revocation. Each integration's
 * key moves over as it is (same hash and prefix, so shops keep working) with the scope
 * `orders:write`, under a UUID v7 id made from the integration's creation time so keys list
 * in the order they were made; then the old columns go.
 */
export class IntegrationApiKeys1796213200139 implements MigrationInterface {
    name = 'IntegrationApiKeys1796213200139'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "integration_api_keys" (
                "id" uuid NOT NULL,
                "integration_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "prefix" text NOT NULL,
                "key_hash" text NOT NULL,
                "scopes" text array NOT NULL,
                "created_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_by_user_id" uuid,
                "revoked_reason" text,
                CONSTRAINT "chk_integration_api_keys_revoked" CHECK (
                    ("revoked_at" IS NULL) = ("revoked_by_user_id" IS NULL)
                ),
                CONSTRAINT "chk_integration_api_keys_scopes" CHECK ("scopes" <@ ARRAY ['orders:write']::text []),
                CONSTRAINT "PK_c5fb5c23f2c0175bd33882af5d1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_integration_api_keys_integration" ON "integration_api_keys" ("integration_id", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_integration_api_keys_hash" ON "integration_api_keys" ("key_hash")
        `);
        await queryRunner.query(`
            ALTER TABLE "integration_api_keys"
            ADD CONSTRAINT "FK_2380664bb615e33ce434c8d6d5f" FOREIGN KEY ("integration_id") REFERENCES "merchant_integrations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "integration_api_keys"
            ADD CONSTRAINT "FK_3b40f2b48bfab1bd898542e387b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // UUID v7: 48 bits of Unix milliseconds, the version, random bits with the variant.
        await queryRunner.query(`
            INSERT INTO "integration_api_keys" (
                "id", "integration_id", "organization_id", "prefix", "key_hash", "scopes", "created_by_user_id", "created_at", "last_used_at"
            )
            SELECT (
                    lpad(to_hex(floor(extract(epoch FROM i."created_at") * 1000)::bigint), 12, '0')
                    || '7' || substr(md5(random()::text), 1, 3)
                    || to_hex(8 + floor(random() * 4)::int) || substr(md5(random()::text), 1, 15)
                )::uuid,
                i."id", i."organization_id", i."api_key_prefix", i."api_key_hash", ARRAY['orders:write']::text[],
                i."created_by_user_id", i."created_at", i."api_key_last_used_at"
            FROM "merchant_integrations" i
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_merchant_integrations_api_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "merchant_integrations" DROP COLUMN "api_key_last_used_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "merchant_integrations" DROP COLUMN "api_key_prefix"
        `);
        await queryRunner.query(`
            ALTER TABLE "merchant_integrations" DROP COLUMN "api_key_hash"
        `);
    }

    /** Each integration gets back one key: its newest working one, else its newest (a revoked key stays unusable: its hash is replaced). */
    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "merchant_integrations"
            ADD "api_key_hash" text
        `);
        await queryRunner.query(`
            ALTER TABLE "merchant_integrations"
            ADD "api_key_prefix" text
        `);
        await queryRunner.query(`
            ALTER TABLE "merchant_integrations"
            ADD "api_key_last_used_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            UPDATE "merchant_integrations" i
            SET "api_key_hash" = CASE WHEN k."revoked_at" IS NULL THEN k."key_hash" ELSE 'revoked:' || k."id" END,
                "api_key_prefix" = k."prefix",
                "api_key_last_used_at" = k."last_used_at"
            FROM (
                SELECT DISTINCT ON ("integration_id") *
                FROM "integration_api_keys"
                ORDER BY "integration_id", ("revoked_at" IS NULL) DESC, "id" DESC
            ) k
            WHERE k."integration_id" = i."id"
        `);
        await queryRunner.query(`
            UPDATE "merchant_integrations" SET "api_key_hash" = 'none:' || "id", "api_key_prefix" = '' WHERE "api_key_hash" IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "merchant_integrations" ALTER COLUMN "api_key_hash" SET NOT NULL, ALTER COLUMN "api_key_prefix" SET NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_merchant_integrations_api_key" ON "merchant_integrations" USING btree ("api_key_hash")
        `);
        await queryRunner.query(`
            DROP TABLE "integration_api_keys"
        `);
    }

}
