import { type ChangePasswordInput, isMobile, type Me, type UpdateMeInput } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { assertFound, invalid } from "../../errors.js";
import { acceptCaregiverName, cleanDisplayName } from "../users/display-name.js";
import { presentMe } from "../users/users.presenter.js";
import { usersRepo } from "../users/users.repo.js";
import type { AuthUser } from "./access-token.js";
import type { LoginThrottle } from "./login-throttle.js";
import { hashNewPassword, verifyPassword } from "./passwords.js";
import { resetCodesRepo } from "./reset-codes.repo.js";
import { bumpTokenVersion } from "./sessions.js";
import { invalidCredentials } from "./sign-in.js";
import { refreshTokensRepo } from "./tokens.js";

/** The caller's own account: reading and changing it, and changing the password. */
export function createOwnAccount(deps: Deps, throttle: LoginThrottle) {
  const { db } = deps;

  async function checkPhoneChange(userId: string, phone: string | null): Promise<void> {
    const mobile = phone !== null && isMobile(phone);
    if (!mobile) {
      const me = assertFound(await usersRepo.byId(db, userId), "user");
      if (me.email === null) throw invalid("phone", "mobile_needed_to_sign_in");
      return;
    }
    const holder = await usersRepo.byMobile(db, phone);
    if (holder && holder.id !== userId) throw invalid("phone", "phone_taken");
  }

  return {
    async changePassword(caller: AuthUser, input: ChangePasswordInput, address = "unknown"): Promise<void> {
      // A stolen access token must not become a password-guessing oracle: same throttle as login.
      const key = `password-change:${caller.id}`;
      await throttle.check(key, address);
      const user = assertFound(await usersRepo.byId(db, caller.id), "user");
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await throttle.failed(key, address);
        throw invalidCredentials();
      }
      await throttle.succeeded(key, address);
      const passwordHash = await hashNewPassword(input.newPassword, "newPassword");
      await db.transaction(async (tx) => {
        await usersRepo.update(tx, user.id, { passwordHash });
        await resetCodesRepo.drop(tx, user.id);
        await refreshTokensRepo.revokeAll(tx, user.id);
        await bumpTokenVersion(tx, user.id);
      });
      deps.realtime.disconnectUser(user.id, "logout");
    },

    async me(caller: AuthUser): Promise<Me> {
      return presentMe(assertFound(await usersRepo.byId(db, caller.id), "user"));
    },

    /**
     * Change own settings; only caregivers keep a phone number (staff are reached at work). An
     * account without email keeps a mobile number (it signs in with it); a mobile number that
     * signs in another account is refused.
     */
    async updateMe(caller: AuthUser, patch: UpdateMeInput): Promise<Me> {
      if (patch.phone !== undefined && patch.phone !== null && caller.role !== "caregiver")
        throw invalid("phone", "only caregivers add a phone number");
      if (patch.phone !== undefined) await checkPhoneChange(caller.id, patch.phone);
      if (patch.displayName !== undefined)
        patch = {
          ...patch,
          displayName:
            caller.role === "caregiver"
              ? await acceptCaregiverName(db, patch.displayName)
              : cleanDisplayName(patch.displayName),
        };
      return presentMe(assertFound(await usersRepo.update(db, caller.id, patch), "user"));
    },
  };
}
