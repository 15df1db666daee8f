import { registerEnumType } from '@nestjs/graphql';

/**
 * Roles a caller can hold. `BRAND_ADMIN` and `BRAND_MEMBER` come from a membership in an
 * organization; the others are platform roles held by the user. Keys are SCREAMING_CASE
 * because code-first GraphQL publishes the key as the enum value's name.
 */
export enum Role {
  CREATOR = 'CREATOR',
  BRAND_ADMIN = 'BRAND_ADMIN',
  BRAND_MEMBER = 'BRAND_MEMBER',
  FINANCE = 'FINANCE',
  ADMIN = 'ADMIN',
}

export const ORGANIZATION_ROLES = [Role.BRAND_ADMIN, Role.BRAND_MEMBER] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

export const PLATFORM_ROLES = [Role.CREATOR, Role.FINANCE, Role.ADMIN] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export function isOrganizationRole(role: Role): role is OrganizationRole {
  return (ORGANIZATION_ROLES as readonly Role[]).includes(role);
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do. BRAND_ADMIN and BRAND_MEMBER come from membership in an organization.',
});
