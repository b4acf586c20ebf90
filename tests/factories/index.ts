export * from "./accounts.js";
export * from "./alerts.js";
export * from "./booking.js";
export * from "./chat.js";
export * from "./db.js";
export * from "./media.js";
export * from "./reminders.js";
export * from "./sockets.js";
