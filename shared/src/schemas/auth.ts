import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, ROLES, USER_STATUSES } from "../enums.js";
import { LIMITS } from "../limits.js";
import { Id, label } from "./common.js";
import { InviteCode } from "./families.js";
import { PhoneInput } from "./phone.js";

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

export const RegisterSchema = z.strictObject({
  email: Email,
  password: NewPassword,
  displayName: DisplayName,
  locale: z.enum(LOCALES).default(DEFAULT_LOCALE),
  /**
   * Ask to join an existing family (a family member's invite code): the account starts in its own
   * family with a pending join request that the family approves (decision 080).
   */
  inviteCode: InviteCode.optional(),
});
export type RegisterInput = z.infer<typeof RegisterSchema>;

export const LoginSchema = z.strictObject({
  email: Email,
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type LoginInput = z.infer<typeof LoginSchema>;

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
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  status: z.enum(USER_STATUSES),
  locale: z.enum(LOCALES),
  showPresence: z.boolean(),
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
    /** Caregivers only; `null` or blank removes it. */
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

/** Answer of register: the same whether or not the email was new (decision 084); then log in. */
export const RegisterResultSchema = z.object({ ok: z.literal(true) });
