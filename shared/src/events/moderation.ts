/** Moderation events the server sends. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the moderation module
export interface ModerationServerEvents {}

/** Moderation events the client sends. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the moderation module
export interface ModerationClientEvents {}
