/**
 * Form schemas that pages load when they need them rather than with their first screen (decision
 * 119). Never import the schema modules themselves statically: that would put zod back in front.
 */

/** Message text and moderation reasons, for the chat. */
export const loadChatSchemas = () => import("./chat-schemas");

/** The sign-in form's schema. */
export const loadLoginSchema = () => import("../routes/login-schema");
