import { MigrationInterface, QueryRunner } from "typeorm";

/** The whole audit log newest first, as finance and admins page it, keyed like its cursor: (created_at, id). */

export class AuditLogNewestFirst1796212765660 implements MigrationInterface {
    name = 'AuditLogNewestFirst1796212765660'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "ix_audit_log_created" ON "audit_log" ("created_at", "id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_created"
        `);
    }

}
