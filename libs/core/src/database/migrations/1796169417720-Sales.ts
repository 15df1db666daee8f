import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Sales: merchant integrations, the order inbox, orders and their adjustments, attribution
 * decisions, commissions and their adjustments, fraud signals and code usage, the audit log
 * (append-only, enforced by triggers), and the commission structure on campaign terms.
 */
export class Sales1796169417720 implements MigrationInterface {
    name = 'Sales1796169417720'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "fraud_code_usage" (
                "discount_code_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "orders_with_code" integer NOT NULL DEFAULT '0',
                "orders_without_click_trail" integer NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ebdb6d0a26b63bf8680bf8c680e" PRIMARY KEY ("discount_code_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "fraud_signals" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "scope" text NOT NULL,
                "rule" text NOT NULL,
                "order_id" uuid,
                "discount_code_id" uuid,
                "creator_id" uuid,
                "reason" text NOT NULL,
                "detail" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by_user_id" uuid,
                CONSTRAINT "chk_fraud_signals_scope" CHECK (
                    (
                        "scope" = 'ORDER'
                        AND "order_id" IS NOT NULL
                    )
                    OR (
                        "scope" = 'CODE'
                        AND "discount_code_id" IS NOT NULL
                    )
                ),
                CONSTRAINT "PK_6d07a75e9b30fbf85c6ed3129d0" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_fraud_signals_organization" ON "fraud_signals" ("organization_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_fraud_signals_code_open" ON "fraud_signals" ("discount_code_id", "rule")
            WHERE "scope" = 'CODE'
                AND "resolved_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_fraud_signals_order_rule" ON "fraud_signals" ("order_id", "rule")
            WHERE "scope" = 'ORDER'
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" uuid NOT NULL,
                "organization_id" uuid,
                "actor_type" text NOT NULL,
                "actor_id" text,
                "action" text NOT NULL,
                "entity_type" text NOT NULL,
                "entity_id" text NOT NULL,
                "before" jsonb,
                "after" jsonb,
                "reason" text,
                "request_id" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_audit_log_actor_type" CHECK ("actor_type" IN ('USER', 'API_KEY', 'SYSTEM')),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_log_organization" ON "audit_log" ("organization_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_log_entity" ON "audit_log" ("entity_type", "entity_id", "created_at")
        `);
        // The audit log refuses UPDATE, DELETE and TRUNCATE, whoever asks (TRUNCATE skips row triggers).
        await queryRunner.query(`
            CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only'
                    USING ERRCODE = 'restrict_violation', DETAIL = TG_OP || ' on audit_log was refused';
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
            FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()
        `);
        await queryRunner.query(`
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
        `);
        // Fraud rules count a visitor's clicks on one creator's links in the hour before an order.
        await queryRunner.query(`
            CREATE INDEX "ix_click_events_creator_visitor" ON "click_events" ("creator_id", "visitor_hash", "clicked_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "merchant_integrations" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "name" text NOT NULL,
                "status" text NOT NULL DEFAULT 'ACTIVE',
                "secret_ciphertext" text NOT NULL,
                "previous_secret_ciphertext" text,
                "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE,
                "api_key_hash" text NOT NULL,
                "api_key_prefix" text NOT NULL,
                "api_key_last_used_at" TIMESTAMP WITH TIME ZONE,
                "last_event_at" TIMESTAMP WITH TIME ZONE,
                "created_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_merchant_integrations_status" CHECK ("status" IN ('ACTIVE', 'DISABLED')),
                CONSTRAINT "chk_merchant_integrations_kind" CHECK ("kind" IN ('GENERIC', 'SHOPIFY')),
                CONSTRAINT "PK_e00ce781dcacdfbf594b93458d7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_merchant_integrations_api_key" ON "merchant_integrations" ("api_key_hash")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_merchant_integrations_name" ON "merchant_integrations" ("organization_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "orders" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "integration_id" uuid NOT NULL,
                "external_id" text NOT NULL,
                "status" text NOT NULL DEFAULT 'OPEN',
                "ordered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "currency" character(3) NOT NULL,
                "subtotal_minor" bigint NOT NULL,
                "discount_minor" bigint NOT NULL,
                "shipping_minor" bigint NOT NULL,
                "tax_minor" bigint NOT NULL,
                "total_minor" bigint NOT NULL,
                "refunded_net_minor" bigint NOT NULL DEFAULT '0',
                "discount_codes" text array NOT NULL DEFAULT '{}',
                "click_id" uuid,
                "landing_url" text,
                "customer_email_hash" text,
                "customer_id_hash" text,
                "line_items" jsonb NOT NULL DEFAULT '[]',
                "source_updated_at" TIMESTAMP WITH TIME ZONE,
                "campaign_id" uuid,
                "enrollment_id" uuid,
                "creator_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_orders_amounts" CHECK (
                    "subtotal_minor" >= 0
                    AND "discount_minor" >= 0
                    AND "shipping_minor" >= 0
                    AND "tax_minor" >= 0
                    AND "refunded_net_minor" >= 0
                ),
                CONSTRAINT "chk_orders_status" CHECK ("status" IN ('OPEN', 'REFUNDED', 'CANCELLED')),
                CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_orders_customer_id" ON "orders" (
                "organization_id",
                "customer_id_hash",
                "ordered_at"
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_orders_customer_email" ON "orders" (
                "organization_id",
                "customer_email_hash",
                "ordered_at"
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_orders_campaign" ON "orders" ("campaign_id", "ordered_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_orders_creator" ON "orders" ("creator_id", "ordered_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_orders_organization" ON "orders" ("organization_id", "ordered_at", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_orders_external" ON "orders" ("integration_id", "external_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "commissions" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "campaign_id" uuid NOT NULL,
                "enrollment_id" uuid NOT NULL,
                "creator_id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "corrects_commission_id" uuid,
                "terms_id" uuid NOT NULL,
                "currency" character(3) NOT NULL,
                "amount_minor" bigint NOT NULL,
                "quoted_amount_minor" bigint NOT NULL,
                "basis_net_minor" bigint NOT NULL,
                "tier_basis_minor" bigint NOT NULL DEFAULT '0',
                "status" text NOT NULL,
                "hold_reasons" text array NOT NULL DEFAULT '{}',
                "ordered_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "eligible_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "explanation" text array NOT NULL DEFAULT '{}',
                "approved_at" TIMESTAMP WITH TIME ZONE,
                "paid_at" TIMESTAMP WITH TIME ZONE,
                "reversed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_commissions_sign" CHECK (
                    (
                        "kind" = 'CLAWBACK'
                        AND "amount_minor" <= 0
                    )
                    OR (
                        "kind" <> 'CLAWBACK'
                        AND "amount_minor" >= 0
                    )
                ),
                CONSTRAINT "chk_commissions_kind" CHECK ("kind" IN ('SALE', 'CLAWBACK', 'TOP_UP')),
                CONSTRAINT "chk_commissions_status" CHECK (
                    "status" IN (
                        'PENDING',
                        'ELIGIBLE',
                        'ON_HOLD',
                        'APPROVED',
                        'REJECTED',
                        'PAID',
                        'REVERSED'
                    )
                ),
                CONSTRAINT "PK_2701379966e2e670bb5ff0ae78e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_commissions_pending_hold" ON "commissions" ("eligible_at")
            WHERE "status" = 'PENDING'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_commissions_order" ON "commissions" ("order_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_commissions_campaign" ON "commissions" ("campaign_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_commissions_creator" ON "commissions" ("creator_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_commissions_organization" ON "commissions" ("organization_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_commissions_order_sale" ON "commissions" ("order_id")
            WHERE "kind" = 'SALE'
        `);
        await queryRunner.query(`
            CREATE TABLE "commission_adjustments" (
                "id" uuid NOT NULL,
                "commission_id" uuid NOT NULL,
                "order_adjustment_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "delta_minor" bigint NOT NULL,
                "amount_after_minor" bigint NOT NULL,
                "reason" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_commission_adjustments_kind" CHECK (
                    "kind" IN (
                        'CREATED',
                        'ORDER_UPDATED',
                        'REFUND',
                        'CANCELLED'
                    )
                ),
                CONSTRAINT "PK_73900c0ca238cd02442ea013721" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_commission_adjustments_source" ON "commission_adjustments" ("commission_id", "order_adjustment_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "order_adjustments" (
                "id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "source_key" text NOT NULL,
                "event_id" uuid,
                "subtotal_delta_minor" bigint NOT NULL,
                "discount_delta_minor" bigint NOT NULL,
                "shipping_delta_minor" bigint NOT NULL,
                "tax_delta_minor" bigint NOT NULL,
                "total_delta_minor" bigint NOT NULL,
                "refunded_net_delta_minor" bigint NOT NULL,
                "effective_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_order_adjustments_kind" CHECK (
                    "kind" IN ('CREATED', 'UPDATED', 'REFUNDED', 'CANCELLED')
                ),
                CONSTRAINT "PK_6c9b6c0a966e09f9efa27ad0241" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_order_adjustments_source" ON "order_adjustments" ("order_id", "source_key")
        `);
        await queryRunner.query(`
            CREATE TABLE "attribution_decisions" (
                "order_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "rule" text,
                "candidates" jsonb NOT NULL,
                "winner_index" integer,
                "winner_enrollment_id" uuid,
                "winner_creator_id" uuid,
                "winner_campaign_id" uuid,
                "method" text NOT NULL DEFAULT 'RULES',
                "decided_by_user_id" uuid,
                "reason" text,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_attribution_decisions_manual" CHECK (
                    "method" = 'RULES'
                    OR (
                        "decided_by_user_id" IS NOT NULL
                        AND "reason" IS NOT NULL
                    )
                ),
                CONSTRAINT "chk_attribution_decisions_method" CHECK ("method" IN ('RULES', 'MANUAL')),
                CONSTRAINT "PK_c4cf48fa20115b8e113defc55de" PRIMARY KEY ("order_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "order_events" (
                "id" uuid NOT NULL,
                "integration_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "source" text NOT NULL,
                "external_event_id" text NOT NULL,
                "topic" text NOT NULL,
                "order_external_id" text NOT NULL,
                "raw_body" text NOT NULL,
                "status" text NOT NULL DEFAULT 'RECEIVED',
                "outcome" text,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "processed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "chk_order_events_source" CHECK ("source" IN ('GENERIC', 'SHOPIFY', 'API')),
                CONSTRAINT "chk_order_events_status" CHECK (
                    "status" IN (
                        'RECEIVED',
                        'APPLIED',
                        'WAITING_FOR_ORDER',
                        'SKIPPED',
                        'FAILED'
                    )
                ),
                CONSTRAINT "PK_cc1b82b0fcf1be577d9d7ecbf8b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_order_events_pending" ON "order_events" ("received_at")
            WHERE "status" = 'RECEIVED'
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_order_events_order" ON "order_events" (
                "integration_id",
                "order_external_id",
                "received_at"
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_order_events_external" ON "order_events" ("integration_id", "external_event_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms"
            ADD "tiers" jsonb NOT NULL DEFAULT '[]'
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms"
            ADD "overrides" jsonb NOT NULL DEFAULT '[]'
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms"
            ADD "cap_per_order_minor" bigint
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms"
            ADD "attribution_rule" text NOT NULL DEFAULT 'CODE_WINS'
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms"
            ADD CONSTRAINT "chk_campaign_terms_cap" CHECK (
                    "cap_per_order_minor" IS NULL
                    OR "cap_per_order_minor" > 0
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "merchant_integrations"
            ADD CONSTRAINT "FK_676d2d27882c1f14469eb92ac20" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "orders"
            ADD CONSTRAINT "FK_c898f63c3eb109eb6775cf3fe22" FOREIGN KEY ("integration_id") REFERENCES "merchant_integrations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "commission_adjustments"
            ADD CONSTRAINT "FK_d6c50f8eaa48c58a799ed6ad856" FOREIGN KEY ("commission_id") REFERENCES "commissions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "order_adjustments"
            ADD CONSTRAINT "FK_5d2ca6f85582aec23db5f901f40" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attribution_decisions"
            ADD CONSTRAINT "FK_c4cf48fa20115b8e113defc55de" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "order_events"
            ADD CONSTRAINT "FK_7f969891b2be782bbdd8c0560ee" FOREIGN KEY ("integration_id") REFERENCES "merchant_integrations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "order_events" DROP CONSTRAINT "FK_7f969891b2be782bbdd8c0560ee"
        `);
        await queryRunner.query(`
            ALTER TABLE "attribution_decisions" DROP CONSTRAINT "FK_c4cf48fa20115b8e113defc55de"
        `);
        await queryRunner.query(`
            ALTER TABLE "order_adjustments" DROP CONSTRAINT "FK_5d2ca6f85582aec23db5f901f40"
        `);
        await queryRunner.query(`
            ALTER TABLE "commission_adjustments" DROP CONSTRAINT "FK_d6c50f8eaa48c58a799ed6ad856"
        `);
        await queryRunner.query(`
            ALTER TABLE "orders" DROP CONSTRAINT "FK_c898f63c3eb109eb6775cf3fe22"
        `);
        await queryRunner.query(`
            ALTER TABLE "merchant_integrations" DROP CONSTRAINT "FK_676d2d27882c1f14469eb92ac20"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms" DROP CONSTRAINT "chk_campaign_terms_cap"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms" DROP COLUMN "attribution_rule"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms" DROP COLUMN "cap_per_order_minor"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms" DROP COLUMN "overrides"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms" DROP COLUMN "tiers"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_order_events_external"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_order_events_order"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_order_events_pending"
        `);
        await queryRunner.query(`
            DROP TABLE "order_events"
        `);
        await queryRunner.query(`
            DROP TABLE "attribution_decisions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_order_adjustments_source"
        `);
        await queryRunner.query(`
            DROP TABLE "order_adjustments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_commission_adjustments_source"
        `);
        await queryRunner.query(`
            DROP TABLE "commission_adjustments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_commissions_order_sale"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_commissions_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_commissions_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_commissions_campaign"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_commissions_order"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_commissions_pending_hold"
        `);
        await queryRunner.query(`
            DROP TABLE "commissions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_orders_external"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_orders_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_orders_creator"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_orders_campaign"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_orders_customer_email"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_orders_customer_id"
        `);
        await queryRunner.query(`
            DROP TABLE "orders"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_merchant_integrations_name"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_merchant_integrations_api_key"
        `);
        await queryRunner.query(`
            DROP TABLE "merchant_integrations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_entity"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_organization"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_click_events_creator_visitor"
        `);
        await queryRunner.query(`
            DROP TRIGGER audit_log_no_truncate ON "audit_log"
        `);
        await queryRunner.query(`
            DROP TRIGGER audit_log_append_only ON "audit_log"
        `);
        await queryRunner.query(`
            DROP FUNCTION audit_log_refuse_change()
        `);
        await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_fraud_signals_order_rule"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_fraud_signals_code_open"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_fraud_signals_organization"
        `);
        await queryRunner.query(`
            DROP TABLE "fraud_signals"
        `);
        await queryRunner.query(`
            DROP TABLE "fraud_code_usage"
        `);
    }

}
