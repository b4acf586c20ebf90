export * from "./accounts.js";
export * from "./booking.js";
export * from "./chat.js";
export * from "./media.js";
export * from "./moderation.js";
export * from "./push.js";
export * from "./scales.js";
