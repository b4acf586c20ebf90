export * from "./app.js";
export * from "./db/client.js";
export * as schema from "./db/schema/index.js";
export * from "./env.js";
export { safePath } from "./http/request-log.js";
export * from "./logger.js";
export { signedMediaPath } from "./modules/media/media-links.js";
export * from "./realtime/rooms.js";
