import type { AdminCreateUserInput, AdminUser } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { AppError, assertFound, invalid } from "../../errors.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import { hashNewPassword } from "../auth/passwords.js";
import { bumpTokenVersion } from "../auth/sessions.js";
import { refreshTokensRepo } from "../auth/tokens.js";
import { presentAdminUser } from "../users/users.presenter.js";
import { usersRepo } from "../users/users.repo.js";

/** Account administration: staff accounts, and disabling accounts platform-wide. */
export function createAdminService({ db, realtime, logger }: Deps) {
  return {
    async createUser(input: AdminCreateUserInput): Promise<AdminUser> {
      const passwordHash = await hashNewPassword(input.password);
      if (await usersRepo.byEmail(db, input.email)) {
        throw new AppError("CONFLICT", "An account with this email already exists");
      }
      const row = await usersRepo.insert(db, {
        email: input.email,
        passwordHash,
        displayName: input.displayName,
        role: input.role,
        locale: input.locale,
      });
      return presentAdminUser(row);
    },

    async list(): Promise<AdminUser[]> {
      return (await usersRepo.list(db)).map(presentAdminUser);
    },

    /** Disable an account: it cannot log in, its tokens stop working and its sockets end now. */
    async setStatus(actor: AuthUser, userId: string, status: "active" | "disabled"): Promise<AdminUser> {
      if (actor.id === userId && status === "disabled")
        throw invalid("id", "you cannot disable your own account");
      const row = await db.transaction(async (tx) => {
        const before = assertFound(await usersRepo.byId(tx, userId), "user");
        const updated = assertFound(await usersRepo.update(tx, userId, { status }), "user");
        if (status === "disabled") {
          await refreshTokensRepo.revokeAll(tx, userId);
          // Re-enabling later must not revive the tokens that were live at disable.
          await bumpTokenVersion(tx, userId);
        }
        if (before.status !== status)
          await auditRepo.append(tx, {
            actorId: actor.id,
            action: status === "disabled" ? "account_disabled" : "account_enabled",
            targetUserId: userId,
            before: { status: before.status },
            after: { status },
          });
        return updated;
      });
      if (status === "disabled") realtime.disconnectUser(userId, "disabled");
      logger.info(
        { event: "account_status", actorId: actor.id, targetId: userId, status },
        "account status changed",
      );
      return presentAdminUser(row);
    },
  };
}
export type AdminService = ReturnType<typeof createAdminService>;

/** Create the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when no admin exists yet. */
export async function ensureFirstAdmin(deps: Pick<Deps, "db" | "logger">, email?: string, password?: string) {
  if (!email || !password) return;
  if (await usersRepo.anyAdmin(deps.db)) return;
  const existing = await usersRepo.byEmail(deps.db, email);
  if (existing) {
    deps.logger.warn("ADMIN_EMAIL belongs to an existing non-admin account; no admin created");
    return;
  }
  await usersRepo.insert(deps.db, {
    email: email.toLowerCase(),
    passwordHash: await hashNewPassword(password, "ADMIN_PASSWORD"),
    displayName: "Admin",
    role: "admin",
  });
  deps.logger.info("first admin account created from ADMIN_EMAIL");
}
