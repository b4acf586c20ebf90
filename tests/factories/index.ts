export * from "./accounts.js";
export * from "./sockets.js";
