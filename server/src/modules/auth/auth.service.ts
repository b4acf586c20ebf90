import type { RegisterInput } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import { isPgError, PG } from "../../db/errors.js";
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
import { createResetCodes } from "./reset-codes.js";
import { createSignIn } from "./sign-in.js";

/** Wrong invite codes allowed per (email, prefix), per network prefix and per email in 15 minutes. */
const INVITE_LIMITS = { perPair: 5, perAddress: 10, perAccount: 5, slowMs: 60_000 };

/** A registration for an email or number that has an account: rolled back, answered like any other. */
class TakenIdentifier extends Error {
  constructor(readonly userId: string | null) {
    super("taken identifier");
  }
}

/** The account that already has the new account's email or mobile number, if any. */
async function holderOf(tx: DbOrTx, input: RegisterInput) {
  return (
    (input.email ? await usersRepo.byEmail(tx, input.email) : undefined) ??
    (input.phone ? await usersRepo.byMobile(tx, input.phone) : undefined)
  );
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
     * family (decision 080). The answer is the same whether or not the email or mobile number is
     * taken (decisions 084, 108): then nothing is created or used up, and the attempt is only
     * logged. Registrations are limited per network prefix; wrong codes per identifier and prefix.
     */
    async register(input: RegisterInput, address = "unknown"): Promise<{ ok: true }> {
      await registrations.take(address);
      const prefix = networkPrefix(address);
      const who = (input.phone ?? input.email) as string;
      if (input.inviteCode) await inviteThrottle.check(who, prefix);
      const displayName = await acceptCaregiverName(db, input.displayName);
      const passwordHash = await hashNewPassword(input.password);
      try {
        await unitOfWork(deps, async (tx, uow) => {
          // The code is checked (and used up) before the email, so its answer never depends on the
          // email; a taken email rolls the transaction back, so the code is not used up then.
          const joining = input.inviteCode ? await membership.takeInvite(tx, input.inviteCode) : undefined;
          const existing = await holderOf(tx, input);
          if (existing) throw new TakenIdentifier(existing.id);
          const family = await familiesRepo.insert(tx, config.familyInviteDays);
          const created = await usersRepo.insert(tx, {
            email: input.email ?? null,
            phone: input.phone ?? null,
            passwordHash,
            displayName,
            role: "caregiver",
            locale: input.locale,
            careMode: input.careMode,
            familyId: family.id,
          });
          if (joining) await membership.askToJoin(tx, uow, joining.id, created.id, displayName);
        });
      } catch (err) {
        // A registration racing another for the same identifier loses at the unique index.
        const taken =
          err instanceof TakenIdentifier
            ? err
            : isPgError(err, PG.uniqueViolation) && new TakenIdentifier(null);
        if (taken) {
          // The event keeps its name (decision 084) for log alerts; it covers a taken number too.
          logger.info(
            { event: "register_existing_email", userId: taken.userId },
            "registration for a taken email or number",
          );
          return { ok: true };
        }
        if (input.inviteCode && err instanceof AppError && err.code === "VALIDATION_FAILED")
          await inviteThrottle.failed(who, prefix);
        throw err;
      }
      return { ok: true };
    },
  };
}

/** Registration, login, token refresh, reset codes and the caller's own account. */
export function createAuthService(
  deps: Deps,
  membership: MembershipService,
  opts: { failures?: FailureStore } = {},
) {
  const failures = opts.failures ?? createMemoryFailureStore();
  // Logins and password changes count their failures in one throttle; wrong reset codes in another.
  const throttle = new LoginThrottle({}, failures, "login");
  const signIn = createSignIn(deps, throttle);
  return {
    ...createRegistration(deps, membership, failures),
    ...signIn,
    ...createOwnAccount(deps, throttle),
    ...createResetCodes(deps, new LoginThrottle({}, failures, "reset"), signIn.issue),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
