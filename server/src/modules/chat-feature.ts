import type { Router } from "express";
import type { Deps } from "../deps.js";
import type { Authenticate } from "../http/mount.js";
import { chatConnectMiddleware, chatSocketFeature } from "../realtime/handlers/chat.js";
import type { SocketFeature } from "../realtime/handlers/index.js";
import type { IoServer } from "../realtime/io.js";
import { createPresence } from "../realtime/presence.js";
import { groupsRoutes } from "./groups/groups.routes.js";
import { createGroupsService } from "./groups/groups.service.js";
import { messagesRoutes } from "./messages/messages.routes.js";
import { createMessagesService } from "./messages/messages.service.js";
import { moderationRoutes } from "./moderation/moderation.routes.js";
import { createSanctionsService } from "./moderation/sanctions.service.js";
import type { NotificationsService } from "./notifications/notifications.service.js";

/** The peer-group chat services (groups, messages), built once per server. */
export function buildChatServices(deps: Deps, notifications: NotificationsService) {
  const groups = createGroupsService(deps, createPresence(deps.realtime.io, deps.db, deps.logger));
  const messages = createMessagesService(deps, groups, notifications);
  const sanctions = createSanctionsService(deps, groups, notifications);
  return { groups, messages, sanctions };
}
export type ChatServices = ReturnType<typeof buildChatServices>;

/** Mount the chat HTTP routes. */
export function registerChatRoutes(router: Router, authenticate: Authenticate, s: ChatServices): void {
  groupsRoutes(router, authenticate, s.groups);
  messagesRoutes(router, authenticate, s.messages);
  moderationRoutes(router, authenticate, s);
}

/** Add the connect middleware (joins group rooms) and return the chat socket features. */
export function setupChatSockets(io: IoServer, deps: Deps, s: ChatServices): SocketFeature[] {
  io.use(chatConnectMiddleware(deps));
  return [chatSocketFeature(deps, s.groups, s.messages)];
}

/** Stop the chat feature's timers (server shutdown). */
export function stopChat(s: ChatServices): void {
  s.groups.presence.stop();
}
