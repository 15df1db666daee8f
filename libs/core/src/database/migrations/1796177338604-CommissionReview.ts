import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Finance review of commissions: the APPROVAL_PENDING_SECOND_REVIEW status (maker-checker
 * above a configured amount, checked so that a commission in it always names its first
 * approver), who approved or rejected and when, the reviewer's note, and indexes for the
 * review queue and for filtering by order time.
 *
 * Written by hand beside the generated statements: the widened status CHECK (TypeORM does
 * not see a changed CHECK expression). Going down returns commissions awaiting a second
 * review to ELIGIBLE, the status they were approved from, so the narrower CHECK holds again.
 */
export class CommissionReview1796177338604 implements MigrationInterface {
    name = 'CommissionReview1796177338604'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "commissions" DROP CONSTRAINT "chk_commissions_status"
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions"
            ADD CONSTRAINT "chk_commissions_status" CHECK (
                    "status" IN (
                        'PENDING',
                        'ELIGIBLE',
                        'ON_HOLD',
                        'APPROVAL_PENDING_SECOND_REVIEW',
                        'APPROVED',
                        'REJECTED',
                        'PAID',
                        'REVERSED'
                    )
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions"
            ADD "first_approved_by_user_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions"
            ADD "first_approved_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions"
            ADD "approved_by_user_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions"
            ADD "rejected_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions"
            ADD "rejected_by_user_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions"
            ADD "review_note" text
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_commissions_review_queue" ON "commissions" ("id")
            WHERE "status" IN ('ELIGIBLE', 'APPROVAL_PENDING_SECOND_REVIEW')
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_commissions_ordered_at" ON "commissions" ("ordered_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions"
            ADD CONSTRAINT "chk_commissions_second_review" CHECK (
                    "status" <> 'APPROVAL_PENDING_SECOND_REVIEW'
                    OR "first_approved_by_user_id" IS NOT NULL
                )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "commissions" DROP CONSTRAINT "chk_commissions_second_review"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_commissions_ordered_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_commissions_review_queue"
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions" DROP COLUMN "review_note"
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions" DROP COLUMN "rejected_by_user_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions" DROP COLUMN "rejected_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions" DROP COLUMN "approved_by_user_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions" DROP COLUMN "first_approved_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions" DROP COLUMN "first_approved_by_user_id"
        `);
        await queryRunner.query(`
            UPDATE "commissions" SET "status" = 'ELIGIBLE' WHERE "status" = 'APPROVAL_PENDING_SECOND_REVIEW'
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions" DROP CONSTRAINT "chk_commissions_status"
        `);
        await queryRunner.query(`
            ALTER TABLE "commissions"
            ADD CONSTRAINT "chk_commissions_status" CHECK (
                    "status" IN (
                        'PENDING',
                        'ELIGIBLE',
                        'ON_HOLD',
                        'APPROVED',
                        'REJECTED',
                        'PAID',
                        'REVERSED'
                    )
                )
        `);
    }

}
