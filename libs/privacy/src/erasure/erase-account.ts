import type { EntityManager } from 'typeorm';
import { ERASED_TEXT } from './personal-identifiers.js';

/**
 * Erases the person behind a user row: the row stays (commissions, payouts and the audit log
 * refer to it by id) with a placeholder address, no name, an unusable password and the
 * ERASED status; roles, memberships, sessions and refresh tokens go; invitations sent to the
 * old address keep only the placeholder.
 */
export async function eraseAccountRecords(
  manager: EntityManager,
  { userId, oldEmail, placeholderEmail, pattern }: { userId: string; oldEmail: string; placeholderEmail: string; pattern: string | null },
): Promise<Record<string, number>> {
  const count = async (sql: string, parameters: unknown[]): Promise<number> => {
    const result = (await manager.query(sql, parameters)) as unknown;
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  };
  const counts: Record<string, number> = {};
  // Not a PHC string: argon2 can verify nothing against it, so no password ever matches.
  counts.users = await count(
    `UPDATE users SET email = $2, display_name = 'Erased user', password_hash = '!erased', status = 'ERASED', last_login_at = NULL, updated_at = now()
      WHERE id = $1`,
    [userId, placeholderEmail],
  );
  counts.roles = await count(`DELETE FROM user_roles WHERE user_id = $1`, [userId]);
  counts.memberships = await count(`DELETE FROM memberships WHERE user_id = $1`, [userId]);
  // Deleting the sessions ends every access token at once: each request checks its session.
  await manager.query(`DELETE FROM refresh_tokens WHERE session_id IN (SELECT id FROM sessions WHERE user_id = $1)`, [userId]);
  counts.sessions = await count(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
  counts.invitations = await count(
    `UPDATE invitations SET email = $3, revoked_at = CASE WHEN accepted_at IS NULL THEN coalesce(revoked_at, now()) ELSE revoked_at END
      WHERE lower(email) = lower($1) OR accepted_by_user_id = $2`,
    [oldEmail, userId, placeholderEmail],
  );
  counts.visitorDays = await count(`DELETE FROM creator_visitors WHERE user_id = $1`, [userId]);
  if (pattern !== null) {
    // Jobs waiting to run may carry a name or an address in their payload (an email to send).
    counts.outboxMessages = await count(
      `UPDATE outbox_messages SET payload = regexp_replace(payload::text, $1, '${ERASED_TEXT}', 'gi')::jsonb WHERE payload::text ~* $1`,
      [pattern],
    );
  }
  return counts;
}
