import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialIdentity1795331284556 implements MigrationInterface {
    name = 'InitialIdentity1795331284556'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "organizations" (
                "id" uuid NOT NULL,
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL,
                "email" text NOT NULL,
                "display_name" text NOT NULL,
                "password_hash" text NOT NULL,
                "status" text NOT NULL DEFAULT 'ACTIVE',
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_users_status" CHECK ("status" IN ('ACTIVE', 'DISABLED')),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        // Emails are unique case-insensitively; entities cannot express a functional index.
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_email_lower" ON "users" (lower("email"))
        `);
        await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "email" text NOT NULL,
                "role" text NOT NULL,
                "token_hash" text NOT NULL,
                "invited_by_user_id" uuid NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_by_user_id" uuid,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_invitations_role" CHECK ("role" IN ('BRAND_ADMIN', 'BRAND_MEMBER')),
                CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_invitations_organization" ON "invitations" ("organization_id", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitations_pending_email" ON "invitations" ("organization_id", "email")
            WHERE "accepted_at" IS NULL
                AND "revoked_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitations_token_hash" ON "invitations" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" text,
                "user_agent" text,
                "ip_hash" text,
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_sessions_expires_at" ON "sessions" ("expires_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_sessions_user" ON "sessions" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "memberships" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_memberships_role" CHECK ("role" IN ('BRAND_ADMIN', 'BRAND_MEMBER')),
                CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_memberships_organization" ON "memberships" ("organization_id", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_memberships_user" ON "memberships" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "user_roles" (
                "user_id" uuid NOT NULL,
                "role" text NOT NULL,
                "granted_by_user_id" uuid,
                "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_user_roles_role" CHECK ("role" IN ('CREATOR', 'FINANCE', 'ADMIN')),
                CONSTRAINT "PK_09d115a69b6014d324d592f9c42" PRIMARY KEY ("user_id", "role")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL,
                "session_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_session" ON "refresh_tokens" ("session_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_refresh_tokens_token_hash" ON "refresh_tokens" ("token_hash")
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_42d1dbb4d85dc3643fdc6560af0" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_e686620e08c4661e70a6b39b94a" FOREIGN KEY ("invited_by_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_8f29b080d4120512e9f99f2dbb1" FOREIGN KEY ("accepted_by_user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "FK_e5380c394ec7912046d07b54290" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships"
            ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_roles"
            ADD CONSTRAINT "FK_87b8888186ca9769c960e926870" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4"
        `);
        await queryRunner.query(`
            ALTER TABLE "user_roles" DROP CONSTRAINT "FK_87b8888186ca9769c960e926870"
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051"
        `);
        await queryRunner.query(`
            ALTER TABLE "memberships" DROP CONSTRAINT "FK_e5380c394ec7912046d07b54290"
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_8f29b080d4120512e9f99f2dbb1"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_e686620e08c4661e70a6b39b94a"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_42d1dbb4d85dc3643fdc6560af0"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_refresh_tokens_token_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_session"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
        await queryRunner.query(`
            DROP TABLE "user_roles"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_memberships_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_memberships_organization"
        `);
        await queryRunner.query(`
            DROP TABLE "memberships"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_sessions_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_sessions_expires_at"
        `);
        await queryRunner.query(`
            DROP TABLE "sessions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_invitations_token_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_invitations_pending_email"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_organization"
        `);
        await queryRunner.query(`
            DROP TABLE "invitations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_users_email_lower"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP TABLE "organizations"
        `);
    }

}
