import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { ConversationsService } from "./conversations.service.js";

/** /api/conversations */
export function conversationsRoutes(
  router: Router,
  authenticate: Authenticate,
  conversations: ConversationsService,
): void {
  mount(router, ROUTES.listConversations, authenticate, async ({ user }) => ({
    conversations: await conversations.list(user),
  }));
  mount(router, ROUTES.openConversation, authenticate, ({ user, body }) => conversations.open(user, body));
}
