import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Order events now keep the customer's identifiers only as keyed hashes. Bodies stored
 * before are marked unsealed (the column's default is false for them, true for every row
 * stored from now on, which the API seals on arrival); the worker's inbox sweeper seals
 * them in batches, since the hashing key lives in the configuration, not in the database.
 */
export class SealedOrderBodies1796213689876 implements MigrationInterface {
    name = 'SealedOrderBodies1796213689876'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "order_events"
            ADD "identifiers_sealed" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "order_events" ALTER COLUMN "identifiers_sealed" SET DEFAULT true
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_order_events_unsealed" ON "order_events" ("received_at")
            WHERE NOT "identifiers_sealed"
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_order_events_unsealed"
        `);
        await queryRunner.query(`
            ALTER TABLE "order_events" DROP COLUMN "identifiers_sealed"
        `);
    }

}
