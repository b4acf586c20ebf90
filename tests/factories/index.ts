export * from "./accounts.js";
export * from "./booking.js";
export * from "./sockets.js";
