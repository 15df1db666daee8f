import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Payout runs and what they pay: runs, one payout per creator per run (its Stripe transfer's
 * idempotency key is its id), the commissions each pays (a partial unique index keeps a
 * commission in at most one live payout), the creators a run left out and why; brands'
 * funding requests (Stripe PaymentIntents); the transactional outbox the relay moves to
 * BullMQ; and the commission status IN_PAYOUT, between APPROVED and PAID.
 */
export class Payouts1796179642054 implements MigrationInterface {
    name = 'Payouts1796179642054'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "commissions" DROP CONSTRAINT "chk_commissions_status"`);
        await queryRunner.query(`
            ALTER TABLE "commissions" ADD CONSTRAINT "chk_commissions_status"
            CHECK ("status" IN ('PENDING', 'ELIGIBLE', 'ON_HOLD', 'APPROVAL_PENDING_SECOND_REVIEW', 'APPROVED', 'IN_PAYOUT', 'REJECTED', 'PAID', 'REVERSED'))
        `);
        await queryRunner.query(`
            CREATE TABLE "outbox_messages" (
                "id" uuid NOT NULL,
                "queue" text NOT NULL,
                "job_name" text NOT NULL,
                "job_id" text NOT NULL,
                "payload" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_outbox_messages_unpublished" ON "outbox_messages" ("created_at")
            WHERE "published_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "funding_requests" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "currency" character(3) NOT NULL,
                "amount_minor" bigint NOT NULL,
                "status" text NOT NULL,
                "stripe_payment_intent_id" text,
                "created_by" uuid NOT NULL,
                "failure_message" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "succeeded_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_funding_requests_amount" CHECK ("amount_minor" > 0),
                CONSTRAINT "chk_funding_requests_status" CHECK (
                    "status" IN (
                        'REQUIRES_PAYMENT',
                        'SUCCEEDED',
                        'FAILED',
                        'CANCELED'
                    )
                ),
                CONSTRAINT "PK_19f6f2c0eab9f4064311f36d09c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_funding_requests_payment_intent" ON "funding_requests" ("stripe_payment_intent_id")
            WHERE "stripe_payment_intent_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_funding_requests_organization" ON "funding_requests" ("organization_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "payout_runs" (
                "id" uuid NOT NULL,
                "currency" character(3) NOT NULL,
                "cutoff" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" text NOT NULL,
                "created_by" uuid NOT NULL,
                "payout_count" integer NOT NULL,
                "total_minor" bigint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_payout_runs_status" CHECK ("status" IN ('SENDING', 'COMPLETED')),
                CONSTRAINT "PK_477d8f03c7a51ac672867547ffb" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_payout_runs_created" ON "payout_runs" ("created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "payouts" (
                "id" uuid NOT NULL,
                "run_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "stripe_account_id" text NOT NULL,
                "currency" character(3) NOT NULL,
                "amount_minor" bigint NOT NULL,
                "gross_minor" bigint NOT NULL,
                "clawback_minor" bigint NOT NULL,
                "status" text NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "outcome_unknown" boolean NOT NULL DEFAULT false,
                "last_attempt_at" TIMESTAMP WITH TIME ZONE,
                "last_error" text,
                "stripe_transfer_id" text,
                "failure_code" text,
                "failure_message" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "failed_at" TIMESTAMP WITH TIME ZONE,
                "reversed_minor" bigint NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_payouts_amounts" CHECK (
                    "amount_minor" > 0
                    AND "gross_minor" >= "amount_minor"
                    AND "clawback_minor" = "gross_minor" - "amount_minor"
                ),
                CONSTRAINT "chk_payouts_status" CHECK ("status" IN ('PENDING', 'SENT', 'FAILED')),
                CONSTRAINT "PK_76855dc4f0a6c18c72eea302e87" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_payouts_transfer" ON "payouts" ("stripe_transfer_id")
            WHERE "stripe_transfer_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_payouts_pending" ON "payouts" ("run_id")
            WHERE "status" = 'PENDING'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_payouts_creator" ON "payouts" ("creator_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_payouts_run_creator" ON "payouts" ("run_id", "creator_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "payout_items" (
                "payout_id" uuid NOT NULL,
                "commission_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "amount_minor" bigint NOT NULL,
                "fee_minor" bigint NOT NULL,
                "released_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_bff057ff4270c5c928903d7e6a0" PRIMARY KEY ("payout_id", "commission_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_payout_items_organization" ON "payout_items" ("organization_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_payout_items_live_commission" ON "payout_items" ("commission_id")
            WHERE "released_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "payout_run_exclusions" (
                "id" uuid NOT NULL,
                "run_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "amount_minor" bigint NOT NULL,
                "commission_count" integer NOT NULL,
                CONSTRAINT "chk_payout_run_exclusions_reason" CHECK (
                    "reason" IN (
                        'NO_PAYOUT_ACCOUNT',
                        'AWAITING_BRAND_FUNDING',
                        'BELOW_MINIMUM',
                        'NOTHING_OWED'
                    )
                ),
                CONSTRAINT "PK_3f4a5ab025d7a66e82fe964b29c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_payout_run_exclusions" ON "payout_run_exclusions" ("run_id", "creator_id", "reason")
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_requests"
            ADD CONSTRAINT "FK_8ab55c23e69fbf2999c9164309e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "payouts"
            ADD CONSTRAINT "FK_dfaf12ce3784fe1ed2e07826a68" FOREIGN KEY ("run_id") REFERENCES "payout_runs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "payouts"
            ADD CONSTRAINT "FK_e5417d679c3efc331193873c458" FOREIGN KEY ("creator_id") REFERENCES "creator_profiles"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "payout_items"
            ADD CONSTRAINT "FK_0ef10ae484de827950316e7f81e" FOREIGN KEY ("payout_id") REFERENCES "payouts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "payout_items"
            ADD CONSTRAINT "FK_075753fd43c3dd54083e53fdcfa" FOREIGN KEY ("commission_id") REFERENCES "commissions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "payout_run_exclusions"
            ADD CONSTRAINT "FK_eb6d254b5c1030424b69724504c" FOREIGN KEY ("run_id") REFERENCES "payout_runs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "payout_run_exclusions" DROP CONSTRAINT "FK_eb6d254b5c1030424b69724504c"
        `);
        await queryRunner.query(`
            ALTER TABLE "payout_items" DROP CONSTRAINT "FK_075753fd43c3dd54083e53fdcfa"
        `);
        await queryRunner.query(`
            ALTER TABLE "payout_items" DROP CONSTRAINT "FK_0ef10ae484de827950316e7f81e"
        `);
        await queryRunner.query(`
            ALTER TABLE "payouts" DROP CONSTRAINT "FK_e5417d679c3efc331193873c458"
        `);
        await queryRunner.query(`
            ALTER TABLE "payouts" DROP CONSTRAINT "FK_dfaf12ce3784fe1ed2e07826a68"
        `);
        await queryRunner.query(`
            ALTER TABLE "funding_requests" DROP CONSTRAINT "FK_8ab55c23e69fbf2999c9164309e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_payout_run_exclusions"
        `);
        await queryRunner.query(`
            DROP TABLE "payout_run_exclusions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_payout_items_live_commission"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_payout_items_organization"
        `);
        await queryRunner.query(`
            DROP TABLE "payout_items"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_payouts_run_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_payouts_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_payouts_pending"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_payouts_transfer"
        `);
        await queryRunner.query(`
            DROP TABLE "payouts"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_payout_runs_created"
        `);
        await queryRunner.query(`
            DROP TABLE "payout_runs"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_funding_requests_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_funding_requests_payment_intent"
        `);
        await queryRunner.query(`
            DROP TABLE "funding_requests"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_outbox_messages_unpublished"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox_messages"
        `);
        await queryRunner.query(`ALTER TABLE "commissions" DROP CONSTRAINT "chk_commissions_status"`);
        await queryRunner.query(`
            ALTER TABLE "commissions" ADD CONSTRAINT "chk_commissions_status"
            CHECK ("status" IN ('PENDING', 'ELIGIBLE', 'ON_HOLD', 'APPROVAL_PENDING_SECOND_REVIEW', 'APPROVED', 'REJECTED', 'PAID', 'REVERSED'))
        `);
    }

}
