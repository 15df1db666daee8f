import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A user whose personal data was erased on request keeps a row (commissions, payouts and the
 * ledger still name its creator profile) in the ERASED status, which no login or token accepts.
 */
export class ErasedUsers1796212568326 implements MigrationInterface {
    name = 'ErasedUsers1796212568326'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "chk_users_status"`);
        await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "chk_users_status" CHECK ("status" IN ('ACTIVE', 'DISABLED', 'ERASED'))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // An erased user cannot become anyone again: DISABLED is the nearest status the old check allows.
        await queryRunner.query(`UPDATE "users" SET "status" = 'DISABLED' WHERE "status" = 'ERASED'`);
        await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "chk_users_status"`);
        await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "chk_users_status" CHECK ("status" IN ('ACTIVE', 'DISABLED'))`);
    }
}
