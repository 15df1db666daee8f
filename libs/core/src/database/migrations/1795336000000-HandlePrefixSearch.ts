import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Brand search matches the start of a handle on any platform: `lower(handle) LIKE 'maya%'`. */
export class HandlePrefixSearch1795336000000 implements MigrationInterface {
  name = 'HandlePrefixSearch1795336000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_social_accounts_handle_prefix" ON "social_accounts" (lower("handle") text_pattern_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_social_accounts_handle_prefix"`);
  }
}
