import type { AdminUser, Me } from "@carecircle/shared";
import type { AuthUser } from "../auth/access-token.js";
import type { UserRow } from "./users.repo.js";

/** The user as they see themself (includes their own email). */
export function presentMe(u: UserRow): Me {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    status: u.status,
    locale: u.locale,
    showPresence: u.showPresence,
    careMode: u.careMode,
    phone: u.phone,
    familyId: u.familyId,
    createdAt: u.createdAt.toISOString(),
  };
}

/** An account as an admin sees it. */
export function presentAdminUser(u: UserRow): AdminUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    status: u.status,
    createdAt: u.createdAt.toISOString(),
  };
}

/** The caller identity carried through requests and sockets. */
export function toAuthUser(u: UserRow): AuthUser {
  return {
    id: u.id,
    role: u.role,
    displayName: u.displayName,
    familyId: u.familyId,
    status: u.status,
    showPresence: u.showPresence,
    locale: u.locale,
  };
}
