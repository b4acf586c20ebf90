import { AuthResultSchema, ResetCodeSchema, ResetPasswordSchema } from "../schemas/auth.js";
import { IdParams } from "../schemas/common.js";
import { defineRoutes } from "./define.js";

/** Getting back in without email or SMS: reset codes read out by phone (decision 109). */
export const recoveryRoutes = defineRoutes({
  issueResetCode: {
    method: "post",
    path: "/api/users/:id/reset-code",
    summary:
      "Issue a one-time password reset code for a caregiver (her family's social worker) or any non-admin account (admins); shown once, valid 24 h, replaces the previous code; audited",
    tag: "auth",
    access: ["social_worker", "admin"],
    relations: ["assigned_social_worker"],
    params: IdParams,
    response: ResetCodeSchema,
    status: 201,
  },
  resetPassword: {
    method: "post",
    path: "/api/auth/reset",
    summary:
      "Set a new password with a reset code (email or mobile number + code); ends every other session and signs in; the same answer for any wrong identifier or code",
    tag: "auth",
    access: "public",
    body: ResetPasswordSchema,
    response: AuthResultSchema,
  },
});
