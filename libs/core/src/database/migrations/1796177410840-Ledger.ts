import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The ledger: accounts (one per owner, purpose and currency, with a cached balance), journal
 * entries and their postings, immutable and balanced per currency (enforced by triggers), and
 * the platform fee on campaign terms.
 */
export class Ledger1796177410840 implements MigrationInterface {
    name = 'Ledger1796177410840'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "ledger_accounts" (
                "id" uuid NOT NULL,
                "owner_type" text NOT NULL,
                "owner_id" uuid,
                "purpose" text NOT NULL,
                "currency" character(3) NOT NULL,
                "balance_minor" bigint DEFAULT '0',
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_ledger_accounts_id_currency" UNIQUE ("id", "currency"),
                CONSTRAINT "chk_ledger_accounts_currency" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "chk_ledger_accounts_cached" CHECK (("owner_type" = 'PLATFORM') = ("balance_minor" IS NULL)),
                CONSTRAINT "chk_ledger_accounts_purpose" CHECK (
                    (
                        "purpose" IN ('BRAND_PAYABLE', 'BRAND_FUNDING')
                        AND "owner_type" = 'ORGANIZATION'
                        AND "owner_id" IS NOT NULL
                    )
                    OR (
                        "purpose" IN ('CREATOR_PAYABLE', 'CREATOR_RECEIVABLE')
                        AND "owner_type" = 'CREATOR'
                        AND "owner_id" IS NOT NULL
                    )
                    OR (
                        "purpose" IN (
                            'PLATFORM_FEES',
                            'STRIPE_CLEARING',
                            'PAYOUTS_IN_TRANSIT'
                        )
                        AND "owner_type" = 'PLATFORM'
                        AND "owner_id" IS NULL
                    )
                ),
                CONSTRAINT "chk_ledger_accounts_owner_type" CHECK (
                    "owner_type" IN ('ORGANIZATION', 'CREATOR', 'PLATFORM')
                ),
                CONSTRAINT "PK_62b34396dda564757cf123fff0e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "journal_entries" (
                "id" uuid NOT NULL,
                "kind" text NOT NULL,
                "memo" text NOT NULL,
                "reference_type" text,
                "reference_id" text,
                "actor_type" text NOT NULL,
                "actor_id" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "chk_journal_entries_actor_type" CHECK ("actor_type" IN ('USER', 'API_KEY', 'SYSTEM')),
                CONSTRAINT "chk_journal_entries_reference" CHECK (
                    ("reference_type" IS NULL) = ("reference_id" IS NULL)
                ),
                CONSTRAINT "chk_journal_entries_kind" CHECK (
                    "kind" IN (
                        'COMMISSION_APPROVED',
                        'COMMISSION_ADJUSTED',
                        'COMMISSION_REVERSED',
                        'CLAWBACK',
                        'BRAND_FUNDED',
                        'PAYOUT_INITIATED',
                        'PAYOUT_SENT',
                        'PAYOUT_FAILED',
                        'TRANSFER_REVERSED'
                    )
                ),
                CONSTRAINT "PK_a70368e64230434457c8d007ab3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_journal_entries_reference" ON "journal_entries" ("reference_type", "reference_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "ledger_postings" (
                "id" uuid NOT NULL,
                "entry_id" uuid NOT NULL,
                "account_id" uuid NOT NULL,
                "currency" character(3) NOT NULL,
                "amount_minor" bigint NOT NULL,
                "commission_id" uuid,
                CONSTRAINT "chk_ledger_postings_amount" CHECK ("amount_minor" <> 0),
                CONSTRAINT "PK_4cdc4ebcb3797412b9d9177df70" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_ledger_postings_commission" ON "ledger_postings" ("commission_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_ledger_postings_account" ON "ledger_postings" ("account_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_ledger_postings_entry" ON "ledger_postings" ("entry_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms"
            ADD "platform_fee_bps" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms"
            ADD CONSTRAINT "chk_campaign_terms_platform_fee" CHECK (
                    "platform_fee_bps" BETWEEN 0 AND 10000
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "ledger_postings"
            ADD CONSTRAINT "fk_ledger_postings_entry" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ledger_postings"
            ADD CONSTRAINT "fk_ledger_postings_account_currency" FOREIGN KEY ("account_id", "currency") REFERENCES "ledger_accounts"("id", "currency") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // One account per owner, purpose and currency; the platform's accounts have no owner id,
        // and NULLS NOT DISTINCT makes those unique too.
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_ledger_accounts_key" ON "ledger_accounts" ("owner_type", "owner_id", "purpose", "currency") NULLS NOT DISTINCT
        `);
        // Every entry balances per currency and has at least two postings, checked at commit (an
        // entry and its postings are written by several statements). The trigger on entries catches
        // an entry with no postings at all; the one on postings, lines added to an entry later.
        await queryRunner.query(`
            CREATE FUNCTION ledger_check_entry() RETURNS trigger
            LANGUAGE plpgsql AS $$
            DECLARE
                checked_entry uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
                lines bigint;
                unbalanced text;
            BEGIN
                SELECT count(*) INTO lines FROM ledger_postings WHERE entry_id = checked_entry;
                IF lines < 2 THEN
                    RAISE EXCEPTION 'journal entry % has % posting(s); an entry needs at least two', checked_entry, lines
                        USING ERRCODE = 'check_violation';
                END IF;
                SELECT string_agg(currency || ' ' || total, ', ' ORDER BY currency) INTO unbalanced
                  FROM (SELECT currency, SUM(amount_minor) AS total FROM ledger_postings WHERE entry_id = checked_entry GROUP BY currency) per_currency
                 WHERE total <> 0;
                IF unbalanced IS NOT NULL THEN
                    RAISE EXCEPTION 'journal entry % does not balance: postings sum to % instead of zero', checked_entry, unbalanced
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON "journal_entries"
            DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION ledger_check_entry('id')
        `);
        await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON "ledger_postings"
            DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION ledger_check_entry('entry_id')
        `);
        // Entries and postings refuse UPDATE, DELETE and TRUNCATE, whoever asks (TRUNCATE skips row
        // triggers): a correction is a new entry. Account balances are a cache and may be updated.
        await queryRunner.query(`
            CREATE FUNCTION ledger_refuse_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only', TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation', DETAIL = TG_OP || ' on ' || TG_TABLE_NAME || ' was refused; post a correcting entry instead';
            END
            $$
        `);
        for (const table of ['journal_entries', 'ledger_postings']) {
            await queryRunner.query(`
                CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}"
                FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()
            `);
            await queryRunner.query(`
                CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}"
                FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()
            `);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of ['ledger_postings', 'journal_entries']) {
            await queryRunner.query(`
                DROP TRIGGER "${table}_no_truncate" ON "${table}"
            `);
            await queryRunner.query(`
                DROP TRIGGER "${table}_append_only" ON "${table}"
            `);
        }
        await queryRunner.query(`
            DROP FUNCTION ledger_refuse_change()
        `);
        await queryRunner.query(`
            DROP TRIGGER "ledger_postings_balanced" ON "ledger_postings"
        `);
        await queryRunner.query(`
            DROP TRIGGER "journal_entries_balanced" ON "journal_entries"
        `);
        await queryRunner.query(`
            DROP FUNCTION ledger_check_entry()
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_ledger_accounts_key"
        `);
        await queryRunner.query(`
            ALTER TABLE "ledger_postings" DROP CONSTRAINT "fk_ledger_postings_account_currency"
        `);
        await queryRunner.query(`
            ALTER TABLE "ledger_postings" DROP CONSTRAINT "fk_ledger_postings_entry"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms" DROP CONSTRAINT "chk_campaign_terms_platform_fee"
        `);
        await queryRunner.query(`
            ALTER TABLE "campaign_terms" DROP COLUMN "platform_fee_bps"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_ledger_postings_entry"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_ledger_postings_account"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_ledger_postings_commission"
        `);
        await queryRunner.query(`
            DROP TABLE "ledger_postings"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_journal_entries_reference"
        `);
        await queryRunner.query(`
            DROP TABLE "journal_entries"
        `);
        await queryRunner.query(`
            DROP TABLE "ledger_accounts"
        `);
    }

}
