import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Payouts: creators' Stripe Connect accounts as Stripe last reported them (one per creator,
 * with the creation time of the newest event applied, against out-of-order delivery), and
 * the Stripe event inbox (one row per Stripe event id).
 */
export class PayoutAccounts1796177738090 implements MigrationInterface {
    name = 'PayoutAccounts1796177738090'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "stripe_events" (
                "id" text NOT NULL,
                "type" text NOT NULL,
                "object_id" text,
                "created" TIMESTAMP WITH TIME ZONE NOT NULL,
                "payload" jsonb NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "processed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_d3247bd5fc3f66b6982bbcdd897" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_stripe_events_object" ON "stripe_events" ("object_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "payout_accounts" (
                "id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "stripe_account_id" text NOT NULL,
                "status" text NOT NULL DEFAULT 'ONBOARDING',
                "details_submitted" boolean NOT NULL DEFAULT false,
                "payouts_enabled" boolean NOT NULL DEFAULT false,
                "transfers_capability" text NOT NULL DEFAULT 'inactive',
                "requirements_due" text array NOT NULL DEFAULT '{}',
                "disabled_reason" text,
                "country" character(2) NOT NULL,
                "last_stripe_event_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_payout_accounts_status" CHECK (
                    "status" IN ('ONBOARDING', 'ACTIVE', 'RESTRICTED', 'DISABLED')
                ),
                CONSTRAINT "PK_79642d5304997f09e3dfc6084d1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_payout_accounts_stripe_account" ON "payout_accounts" ("stripe_account_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_payout_accounts_creator" ON "payout_accounts" ("creator_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "payout_accounts"
            ADD CONSTRAINT "FK_57bd2710f5b19d2cdb21c08e698" FOREIGN KEY ("creator_id") REFERENCES "creator_profiles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "payout_accounts" DROP CONSTRAINT "FK_57bd2710f5b19d2cdb21c08e698"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_payout_accounts_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_payout_accounts_stripe_account"
        `);
        await queryRunner.query(`
            DROP TABLE "payout_accounts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_stripe_events_object"
        `);
        await queryRunner.query(`
            DROP TABLE "stripe_events"
        `);
    }

}
