import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, ROLES, USER_STATUSES } from "../enums.js";
import { LIMITS } from "../limits.js";
import { Id, label } from "./common.js";
import { InviteCode } from "./families.js";
import { MobileInput, normaliseMobile, PhoneInput } from "./phone.js";

/** Emails are compared case-insensitively, so they are normalised to lower case. */
export const Email = z
  .string()
  .trim()
  .max(LIMITS.emailMax)
  .pipe(z.email())
  .transform((e) => e.toLowerCase());

/** New passwords: length checked here, the common-password list is checked by the server. */
export const NewPassword = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

/** The pseudonym shown to other members in groups. */
export const DisplayName = label(LIMITS.displayNameMin, LIMITS.displayNameMax);

/**
 * What people sign in with: an email address (has an `@`, lower-cased) or a mainland mobile number
 * (normalised to its 11 digits), decision 108. Anything else fails with the message `identifier`.
 */
export const Identifier = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.emailMax)
  .transform((v, ctx) => {
    const found = v.includes("@") ? Email.safeParse(v).data : normaliseMobile(v);
    if (found === undefined) {
      ctx.addIssue({ code: "custom", message: "identifier", params: { i18n: "validation.identifier" } });
      return z.NEVER;
    }
    return found;
  });

/** True for a normalised identifier that is an email address (else it is a mobile number). */
export const isEmailIdentifier = (identifier: string): boolean => identifier.includes("@");

export const RegisterSchema = z
  .strictObject({
    /** A mainland mobile number to sign in with; an email, this, or both (decision 108). */
    phone: MobileInput.optional(),
    email: Email.optional(),
    password: NewPassword,
    displayName: DisplayName,
    locale: z.enum(LOCALES).default(DEFAULT_LOCALE),
    /** Care mode (关怀模式) from the first screen on: larger type and targets (decision 116). */
    careMode: z.boolean().default(false),
    /**
     * Ask to join an existing family (a family member's invite code): the account starts in its own
     * family with a pending join request that the family approves (decision 080).
     */
    inviteCode: InviteCode.optional(),
  })
  .refine((v) => v.phone !== undefined || v.email !== undefined, {
    path: ["phone"],
    message: "phone or email",
    params: { i18n: "validation.phoneOrEmail" },
  });
export type RegisterInput = z.infer<typeof RegisterSchema>;

/**
 * Sign in with one identifier (email or mobile number) and the password. `email` is the name
 * older clients (an installed app not yet updated) still send; it means the same.
 */
export const LoginSchema = z
  .strictObject({
    identifier: Identifier.optional(),
    email: Identifier.optional(),
    password: z.string().min(1).max(LIMITS.passwordMax),
  })
  .refine((v) => v.identifier !== undefined || v.email !== undefined, {
    path: ["identifier"],
    message: "required",
    params: { i18n: "validation.required" },
  })
  .transform(({ identifier, email, password }) => ({
    identifier: (identifier ?? email) as string,
    password,
  }));
export type LoginInput = z.infer<typeof LoginSchema>;

/** A one-time reset code as read out on the phone: 8 digits, spaces and dashes ignored. */
export const ResetCode = z
  .string()
  .max(32)
  .transform((v, ctx) => {
    const digits = v.normalize("NFKC").replace(/[\s-]/g, "");
    if (/^\d{8}$/.test(digits)) return digits;
    ctx.addIssue({ code: "custom", message: "code", params: { i18n: "validation.resetCode" } });
    return z.NEVER;
  });

/** Set a new password with a reset code from a social worker or admin (decision 109). */
export const ResetPasswordSchema = z.strictObject({
  identifier: Identifier,
  code: ResetCode,
  newPassword: NewPassword,
});
export type ResetPasswordInput = z.infer<typeof ResetPasswordSchema>;

/** A new reset code, shown once to the social worker or admin who asked for it. */
export const ResetCodeSchema = z.object({
  /** 8 digits, to read out as two groups of four. */
  code: z.string(),
  expiresAt: z.string(),
});
export type ResetCodeResult = z.infer<typeof ResetCodeSchema>;

/** API clients send the token; browsers leave it out and send the HttpOnly cookie instead. */
export const RefreshSchema = z.strictObject({ refreshToken: z.string().min(20).max(200).optional() });
export type RefreshInput = z.infer<typeof RefreshSchema>;

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: NewPassword,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

/** The signed-in user as the user sees themself. */
export const MeSchema = z.object({
  id: Id,
  /** Null for an account that signs in with its mobile number only. */
  email: z.string().nullable(),
  displayName: z.string(),
  role: z.enum(ROLES),
  status: z.enum(USER_STATUSES),
  locale: z.enum(LOCALES),
  showPresence: z.boolean(),
  /** Care mode (关怀模式): larger type, bigger targets, read-aloud offered (decision 116). */
  careMode: z.boolean(),
  /** The caller's own phone number (caregivers may add one), normalised. */
  phone: z.string().nullable(),
  familyId: Id.nullable(),
  createdAt: z.string(),
});
export type Me = z.infer<typeof MeSchema>;

export const UpdateMeSchema = z
  .strictObject({
    displayName: DisplayName.optional(),
    locale: z.enum(LOCALES).optional(),
    showPresence: z.boolean().optional(),
    careMode: z.boolean().optional(),
    /** Caregivers only; `null` or blank removes it (not the mobile of an account without email). */
    phone: PhoneInput.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update" });
export type UpdateMeInput = z.infer<typeof UpdateMeSchema>;

/** Answer of login and refresh (the browser client gets the refresh token only as a cookie). */
export const AuthResultSchema = z.object({
  token: z.string(),
  refreshToken: z.string().optional(),
  expiresIn: z.number().int(),
  user: MeSchema,
});
export type AuthResult = z.infer<typeof AuthResultSchema>;

/** Answer of register: the same whether or not the email or phone was new (decision 084); then log in. */
export const RegisterResultSchema = z.object({ ok: z.literal(true) });
