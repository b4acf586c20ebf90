import type { RegisterInput } from "@carecircle/shared";
import { unitOfWork } from "../../db/unit-of-work.js";
import type { Deps } from "../../deps.js";
import { AppError } from "../../errors.js";
import { createMemoryFailureStore, type FailureStore } from "../../lib/failure-store.js";
import { networkPrefix } from "../../lib/network-prefix.js";
import { familiesRepo } from "../families/families.repo.js";
import type { MembershipService } from "../families/membership.service.js";
import { acceptCaregiverName } from "../users/display-name.js";
import { usersRepo } from "../users/users.repo.js";
import { LoginThrottle, RegistrationLimit } from "./login-throttle.js";
import { createOwnAccount } from "./own-account.js";
import { hashNewPassword } from "./passwords.js";
import { createSignIn } from "./sign-in.js";

/** Wrong invite codes allowed per (email, prefix), per network prefix and per email in 15 minutes. */
const INVITE_LIMITS = { perPair: 5, perAddress: 10, perAccount: 5, slowMs: 60_000 };

/** A registration for an email that already has an account: rolled back, answered like any other. */
class TakenEmail extends Error {
  constructor(readonly userId: string) {
    super("taken email");
  }
}

/** Self-registration (throttled per network; wrong invite codes per email and per network). */
function createRegistration(deps: Deps, membership: MembershipService, failures: FailureStore) {
  const { db, logger, config } = deps;
  // Wrong invite codes: the prefix limit stops guessing; per email only slows one address down.
  const inviteThrottle = new LoginThrottle(INVITE_LIMITS, failures, "invite");
  const registrations = new RegistrationLimit(failures, config.registrationsPerHour);
  return {
    /**
     * A new caregiver in a family of her own; with an invite code she also asks to join that
     * family (decision 080). The answer is the same whether or not the email is taken (decision
     * 084): for a taken email nothing is created or used up, and the attempt is only logged.
     * Registrations are limited per network prefix; wrong codes per email and per prefix.
     */
    async register(input: RegisterInput, address = "unknown"): Promise<{ ok: true }> {
      await registrations.take(address);
      const prefix = networkPrefix(address);
      if (input.inviteCode) await inviteThrottle.check(input.email, prefix);
      const displayName = await acceptCaregiverName(db, input.displayName);
      const passwordHash = await hashNewPassword(input.password);
      try {
        await unitOfWork(deps, async (tx, uow) => {
          // The code is checked (and used up) before the email, so its answer never depends on the
          // email; a taken email rolls the transaction back, so the code is not used up then.
          const joining = input.inviteCode ? await membership.takeInvite(tx, input.inviteCode) : undefined;
          const existing = await usersRepo.byEmail(tx, input.email);
          if (existing) throw new TakenEmail(existing.id);
          const family = await familiesRepo.insert(tx, config.familyInviteDays);
          const created = await usersRepo.insert(tx, {
            email: input.email,
            passwordHash,
            displayName,
            role: "caregiver",
            locale: input.locale,
            familyId: family.id,
          });
          if (joining) await membership.askToJoin(tx, uow, joining.id, created.id, displayName);
        });
      } catch (err) {
        if (err instanceof TakenEmail) {
          logger.info(
            { event: "register_existing_email", userId: err.userId },
            "registration for a taken email",
          );
          return { ok: true };
        }
        if (input.inviteCode && err instanceof AppError && err.code === "VALIDATION_FAILED")
          await inviteThrottle.failed(input.email, prefix);
        throw err;
      }
      return { ok: true };
    },
  };
}

/** Registration, login, token refresh and the caller's own account. */
export function createAuthService(
  deps: Deps,
  membership: MembershipService,
  opts: { failures?: FailureStore } = {},
) {
  const failures = opts.failures ?? createMemoryFailureStore();
  // Logins and password changes count their failures in one throttle.
  const throttle = new LoginThrottle({}, failures, "login");
  return {
    ...createRegistration(deps, membership, failures),
    ...createSignIn(deps, throttle),
    ...createOwnAccount(deps, throttle),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
