import { MigrationInterface, QueryRunner } from "typeorm";

/** Creators' own visitor hashes by day, for the self-referral fraud rule. */
export class CreatorVisitors1796170808798 implements MigrationInterface {
    name = 'CreatorVisitors1796170808798'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "creator_visitors" (
                "user_id" uuid NOT NULL,
                "visitor_hash" text NOT NULL,
                "day" date NOT NULL,
                "first_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3f4eff1bda08b05176c40b04807" PRIMARY KEY ("user_id", "visitor_hash", "day")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_creator_visitors_day" ON "creator_visitors" ("day")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ix_creator_visitors_day"
        `);
        await queryRunner.query(`
            DROP TABLE "creator_visitors"
        `);
    }

}
