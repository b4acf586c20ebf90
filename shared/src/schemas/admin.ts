import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES } from "../enums.js";
import { DisplayName, Email, NewPassword } from "./auth.js";
import { Id, IsoDateTime } from "./common.js";

/** Roles an admin may create. Caregivers register themselves. */
export const STAFF_ROLES = ["social_worker", "station_staff", "admin"] as const;

export const AdminCreateUserSchema = z.strictObject({
  email: Email,
  password: NewPassword,
  displayName: DisplayName,
  role: z.enum(STAFF_ROLES),
  locale: z.enum(LOCALES).default(DEFAULT_LOCALE),
});
export type AdminCreateUserInput = z.infer<typeof AdminCreateUserSchema>;

/** A user as an admin sees them in account management. */
export const AdminUserSchema = z.object({
  id: Id,
  /** Null for a caregiver who signs in with her mobile number only. */
  email: z.string().nullable(),
  displayName: z.string(),
  role: z.string(),
  status: z.string(),
  createdAt: IsoDateTime,
});
export type AdminUser = z.infer<typeof AdminUserSchema>;
