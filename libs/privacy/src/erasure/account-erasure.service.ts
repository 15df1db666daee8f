import { AuditService, type AuditActor, userActor } from '@app/audit';
import { type Actor, assertAnyRole, InputProblems, Role } from '@app/core';
import { PasswordHasher } from '@app/identity';
import { RouteInvalidator } from '@app/tracking';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PrivacyErrorCode, PrivacyException } from '../privacy.exception.js';
import { eraseAccountRecords } from './erase-account.js';
import { eraseCreatorRecords } from './erase-creator.js';
import { type AccountErasure, ERASURE_CONFIRMATION, type EraseMyAccountInput } from './erasure.inputs.js';
import { erasedEmail, identifierPattern, identifierSpellings } from './personal-identifiers.js';

const REASON_MAX_LENGTH = 500;

interface ErasureTarget {
  userId: string;
  email: string;
  displayName: string;
  creatorId: string | null;
}

/**
 * The right to erasure. Everything that identifies the person is deleted or replaced in one
 * transaction; money records (commissions, payouts, the ledger) keep their ids and amounts
 * but no longer lead to anyone. The audit log needs no change: it never holds personal values.
 */
@Injectable()
export class AccountErasureService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly routes: RouteInvalidator,
  ) {}

  /** The caller erases their own account, confirming with their password and the phrase. */
  async eraseMine(actor: Actor, input: EraseMyAccountInput): Promise<AccountErasure> {
    const [row] = (await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [actor.userId])) as { password_hash: string }[];
    const problems = new InputProblems();
    if (input.confirmation.trim().toUpperCase() !== ERASURE_CONFIRMATION) problems.add('input.confirmation', `input.confirmation must be ${ERASURE_CONFIRMATION}`);
    if (!row || !(await this.hasher.verify(row.password_hash, input.password))) problems.add('input.password', 'input.password is not your current password');
    problems.throwIfAny();
    return this.erase(actor.userId, userActor(actor.userId), null);
  }

  /** A platform admin erases an account on a request received another way (by email, by post); the reason is audited. */
  async eraseAccount(actor: Actor, userId: string, reason: string): Promise<AccountErasure> {
    assertAnyRole(actor, [Role.ADMIN], 'erase accounts');
    const why = reason.trim();
    if (why === '' || why.length > REASON_MAX_LENGTH) {
      throw new PrivacyException(PrivacyErrorCode.InvalidInput, `reason must be 1–${REASON_MAX_LENGTH} characters, saying where the request came from`, { field: 'reason' });
    }
    return this.erase(userId, userActor(actor.userId), why);
  }

  private async erase(userId: string, by: AuditActor, reason: string | null): Promise<AccountErasure> {
    const links: { slug: string; alias: string | null }[] = [];
    const erasedAt = await this.db.transaction(async (manager) => {
      const target = await lockTarget(manager, userId);
      const identifiers = await readIdentifiers(manager, target);
      const pattern = identifierPattern(identifierSpellings(identifiers));
      if (reason !== null && pattern !== null && new RegExp(pattern, 'i').test(reason)) {
        // The reason goes into the append-only log: it must not bring back what is being erased.
        throw new PrivacyException(PrivacyErrorCode.InvalidInput, 'reason must not contain the person\'s email, name or handles; refer to the request instead', {
          field: 'reason',
        });
      }
      await refuseOpenPayouts(manager, target);
      await refuseLeavingTeamsWithoutAdmin(manager, target);
      await refuseLeavingPlatformWithoutAdmin(manager, target);
      if (target.creatorId) {
        links.push(...((await manager.query(`SELECT slug, alias FROM referral_links WHERE creator_id = $1`, [target.creatorId])) as typeof links));
      }
      const counts = {
        ...(await eraseAccountRecords(manager, { userId, oldEmail: target.email, placeholderEmail: erasedEmail(userId), pattern })),
        ...(target.creatorId ? await eraseCreatorRecords(manager, { creatorId: target.creatorId, pattern }) : {}),
      };
      await this.audit.record(manager, {
        actor: by,
        action: 'user.erased',
        entityType: 'user',
        entityId: userId,
        after: { status: 'ERASED', creatorId: target.creatorId, ...counts },
        reason,
      });
      const [{ now }] = (await manager.query(`SELECT now() AS now`)) as { now: Date }[];
      return now;
    });
    // After commit, redirectors forget the creator's links (by their old alias too): they no longer redirect.
    await this.routes.links(links);
    return { userId, erasedAt };
  }
}

/** The user and their creator profile, locked so no payout run or profile edit interleaves with the erasure. */
async function lockTarget(manager: EntityManager, userId: string): Promise<ErasureTarget> {
  const [user] = (await manager.query(`SELECT id, email, display_name, status FROM users WHERE id = $1 FOR UPDATE`, [userId])) as {
    id: string;
    email: string;
    display_name: string;
    status: string;
  }[];
  if (!user) throw new PrivacyException(PrivacyErrorCode.NotFound, `User ${userId} not found`);
  if (user.status === 'ERASED') throw new PrivacyException(PrivacyErrorCode.StateConflict, `User ${userId} is already erased`);
  const [creator] = (await manager.query(`SELECT id FROM creator_profiles WHERE user_id = $1 FOR UPDATE`, [userId])) as { id: string }[];
  return { userId, email: user.email, displayName: user.display_name, creatorId: creator?.id ?? null };
}

/** Money still on its way to the person must arrive (or fail for good) first: its payout names their account. */
async function refuseOpenPayouts(manager: EntityManager, target: ErasureTarget): Promise<void> {
  if (!target.creatorId) return;
  const open = (await manager.query(`SELECT id, status FROM payouts WHERE creator_id = $1 AND status = 'PENDING' ORDER BY created_at, id`, [target.creatorId])) as {
    id: string;
    status: string;
  }[];
  if (open.length === 0) return;
  const list = open.map((p) => `${p.id} (${p.status})`).join(', ');
  throw new PrivacyException(
    PrivacyErrorCode.StateConflict,
    `The account cannot be erased while payouts are open: ${list}. Erase it once they are SENT or FAILED`,
  );
}

/** A brand whose only admin is erased would leave its other members unable to manage it: they need an admin first. */
async function refuseLeavingTeamsWithoutAdmin(manager: EntityManager, target: ErasureTarget): Promise<void> {
  const orphaned = (await manager.query(
    `SELECT m.organization_id FROM memberships m
      WHERE m.user_id = $1 AND m.role = 'BRAND_ADMIN'
        AND NOT EXISTS (SELECT 1 FROM memberships a WHERE a.organization_id = m.organization_id AND a.user_id <> $1 AND a.role = 'BRAND_ADMIN')
        AND EXISTS (SELECT 1 FROM memberships o WHERE o.organization_id = m.organization_id AND o.user_id <> $1)
      ORDER BY m.organization_id
      FOR UPDATE OF m`,
    [target.userId],
  )) as { organization_id: string }[];
  if (orphaned.length === 0) return;
  throw new PrivacyException(
    PrivacyErrorCode.StateConflict,
    `The account is the only BRAND_ADMIN of organization ${orphaned.map((o) => o.organization_id).join(', ')}, which has other members: make one of them an admin first`,
  );
}

/** The platform's last active ADMIN would leave nobody able to grant roles or erase accounts: another needs ADMIN first. */
async function refuseLeavingPlatformWithoutAdmin(manager: EntityManager, target: ErasureTarget): Promise<void> {
  // Every ADMIN grant locked, so two admins erased at once cannot each see the other remain.
  const admins = (await manager.query(
    `SELECT r.user_id, u.status FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = 'ADMIN' ORDER BY r.user_id FOR UPDATE OF r`,
  )) as { user_id: string; status: string }[];
  if (!admins.some((admin) => admin.user_id === target.userId)) return;
  if (admins.some((admin) => admin.user_id !== target.userId && admin.status === 'ACTIVE')) return;
  throw new PrivacyException(
    PrivacyErrorCode.StateConflict,
    `The account is the platform's only active ADMIN: grant ADMIN to another user (grantRole) before erasing it`,
  );
}

/** Every text that names the person: address, names, handles, and the codes and aliases made from them. */
async function readIdentifiers(manager: EntityManager, target: ErasureTarget): Promise<string[]> {
  const identifiers = [target.email, target.displayName];
  if (target.creatorId) {
    const rows = (await manager.query(
      `SELECT display_name AS value FROM creator_profiles WHERE id = $1
       UNION SELECT handle FROM social_accounts WHERE creator_id = $1
       UNION SELECT alias FROM referral_links WHERE creator_id = $1 AND alias IS NOT NULL
       UNION SELECT code FROM discount_codes WHERE creator_id = $1`,
      [target.creatorId],
    )) as { value: string }[];
    identifiers.push(...rows.map((r) => r.value));
  }
  return identifiers;
}
