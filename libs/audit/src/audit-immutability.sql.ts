/**
 * What the entity cannot say: `audit_log` refuses UPDATE and DELETE, whoever asks, so an
 * entry once committed stays as written. TRUNCATE skips row triggers, so it gets its own.
 * For the migration that creates the table: run `UP` after the CREATE TABLE and `DOWN`
 * before the DROP TABLE.
 */
export const AUDIT_LOG_IMMUTABILITY_UP: readonly string[] = [
  `
            CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only'
                    USING ERRCODE = 'restrict_violation', DETAIL = TG_OP || ' on audit_log was refused';
            END
            $$
        `,
  `
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
            FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()
        `,
  `
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
        `,
];

export const AUDIT_LOG_IMMUTABILITY_DOWN: readonly string[] = [
  `
            DROP TRIGGER audit_log_no_truncate ON "audit_log"
        `,
  `
            DROP TRIGGER audit_log_append_only ON "audit_log"
        `,
  `
            DROP FUNCTION audit_log_refuse_change()
        `,
];
