import type { EntityManager } from 'typeorm';

/** A row as read for an export: plain JSON values (money as decimal strings, dates as Date). */
export type ExportRow = Record<string, unknown>;

/**
 * What the platform holds about a user as a person, whatever their account kind: the user,
 * their roles, their sessions (no token or IP hashes), their memberships, and the
 * invitations sent to their address. Never a secret: no password hash, no token hash.
 */
export async function readAccountRecords(manager: EntityManager, userId: string) {
  const [user] = (await manager.query(
    `SELECT id, email, display_name AS "displayName", status, last_login_at AS "lastLoginAt", created_at AS "createdAt", updated_at AS "updatedAt"
       FROM users WHERE id = $1`,
    [userId],
  )) as ExportRow[];
  const roles = (await manager.query(`SELECT role, granted_at AS "grantedAt" FROM user_roles WHERE user_id = $1 ORDER BY role`, [userId])) as ExportRow[];
  const sessions = (await manager.query(
    `SELECT id, user_agent AS "userAgent", created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt",
            revoked_at AS "revokedAt", revoked_reason AS "revokedReason"
       FROM sessions WHERE user_id = $1 ORDER BY created_at, id`,
    [userId],
  )) as ExportRow[];
  const memberships = (await manager.query(
    `SELECT m.id, m.organization_id AS "organizationId", o.name AS "organizationName", m.role, m.created_at AS "createdAt"
       FROM memberships m JOIN organizations o ON o.id = m.organization_id
      WHERE m.user_id = $1 ORDER BY m.created_at, m.id`,
    [userId],
  )) as ExportRow[];
  const invitations = user
    ? ((await manager.query(
        `SELECT i.id, i.organization_id AS "organizationId", o.name AS "organizationName", i.email, i.role, i.created_at AS "createdAt",
                i.expires_at AS "expiresAt", i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt"
           FROM invitations i JOIN organizations o ON o.id = i.organization_id
          WHERE lower(i.email) = lower($1) OR i.accepted_by_user_id = $2 ORDER BY i.created_at, i.id`,
        [user.email, userId],
      )) as ExportRow[])
    : [];
  return { user: user ?? null, roles, sessions, memberships, invitations };
}

/** The ids of a user's records that audit entries may name, besides the user's own id. */
export function recordIds(groups: readonly (readonly ExportRow[])[]): string[] {
  return groups.flatMap((rows) => rows.map((row) => String(row.id)));
}

/** Audit entries made by the user, or about the user or one of their records, oldest first. */
export async function readAuditEntries(manager: EntityManager, userId: string, entityIds: readonly string[]): Promise<ExportRow[]> {
  return (await manager.query(
    `SELECT id, organization_id AS "organizationId", actor_type AS "actorType", actor_id AS "actorId", action, entity_type AS "entityType",
            entity_id AS "entityId", before, after, reason, created_at AS "createdAt"
       FROM audit_log
      WHERE (actor_type = 'USER' AND actor_id = $1) OR entity_id = ANY($2::text[])
      ORDER BY created_at, id`,
    [userId, [userId, ...entityIds]],
  )) as ExportRow[];
}
