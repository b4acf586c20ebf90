import type { Router } from "express";
import type { Deps } from "../../deps.js";
import type { Authenticate } from "../../http/mount.js";
import type { RateLimiter } from "../../lib/rate-limit.js";
import type { IoServer } from "../../realtime/io.js";
import { createPresence } from "../../realtime/presence.js";
import type { SocketFeature } from "../../realtime/socket-features.js";
import { createAuditService } from "../audit/audit.service.js";
import { conversationsRoutes } from "../conversations/conversations.routes.js";
import { createConversationsService } from "../conversations/conversations.service.js";
import { groupsRoutes } from "../groups/groups.routes.js";
import { createGroupsService } from "../groups/groups.service.js";
import { groupsSocketFeature, joinGroupRoomsOnConnect } from "../groups/groups.socket.js";
import { mediaRoutes } from "../media/media.routes.js";
import { createMediaService } from "../media/media.service.js";
import { messagesRoutes } from "../messages/messages.routes.js";
import { createMessagesService } from "../messages/messages.service.js";
import { messagesSocketFeature } from "../messages/messages.socket.js";
import { createAlertEscalation } from "../moderation/alert-escalation.js";
import { createAlertsService } from "../moderation/alerts.service.js";
import { createDutyHoursService } from "../moderation/duty-hours.service.js";
import { moderationRoutes } from "../moderation/moderation.routes.js";
import { createReportsService } from "../moderation/reports.service.js";
import { createRetention } from "../moderation/retention.js";
import { createContentSafety } from "../moderation/safety.js";
import { createSanctionsService } from "../moderation/sanctions.service.js";
import { createWatchedWordsService } from "../moderation/watched-words.service.js";
import { searchRoutes } from "../search/search.routes.js";
import { createSearchService } from "../search/search.service.js";

/**
 * The peer-group chat and its moderation (groups, messages, sanctions, reports, alerts...), built
 * in dependency order: alerts before content safety, content safety before messages.
 */
export function buildChatServices(deps: Deps, opts: { rateLimiter?: RateLimiter } = {}) {
  const groups = createGroupsService(deps, createPresence(deps.realtime.io, deps.db, deps.logger));
  const watchedWords = createWatchedWordsService(deps);
  const duty = createDutyHoursService(deps);
  const alerts = createAlertsService(deps, groups, duty);
  const safety = createContentSafety(watchedWords, alerts);
  const messages = createMessagesService(deps, groups, { safety, rateLimiter: opts.rateLimiter });
  const sanctions = createSanctionsService(deps, groups);
  const reports = createReportsService(deps, groups, messages, sanctions, alerts);
  return {
    groups,
    messages,
    sanctions,
    watchedWords,
    alerts,
    duty,
    escalation: createAlertEscalation(deps, duty),
    reports,
    conversations: createConversationsService(deps, groups),
    audit: createAuditService(deps, groups),
    retention: createRetention(deps),
    media: createMediaService(deps, messages),
    search: createSearchService(deps, groups),
  };
}
export type ChatServices = ReturnType<typeof buildChatServices>;

/** Mount the chat and moderation HTTP routes. */
export function registerChatRoutes(router: Router, authenticate: Authenticate, s: ChatServices): void {
  groupsRoutes(router, authenticate, s.groups);
  messagesRoutes(router, authenticate, s.messages);
  mediaRoutes(router, authenticate, s.media);
  moderationRoutes(router, authenticate, s);
  conversationsRoutes(router, authenticate, s.conversations);
  searchRoutes(router, authenticate, s.search);
}

/** Add the connect middleware (joins group rooms) and return the chat socket features. */
export function setupChatSockets(io: IoServer, deps: Deps, s: ChatServices): SocketFeature[] {
  io.use(joinGroupRoomsOnConnect(deps));
  return [groupsSocketFeature(deps, s.groups), messagesSocketFeature(deps, s.messages)];
}

/** Startup work: the starter crisis list (once per database), the retention timer, the escalation poller. */
export async function startChat(s: ChatServices): Promise<void> {
  await s.watchedWords.ensureStarterList();
  s.retention.start();
  s.escalation.start();
}

/** Stop the chat feature's timers (server shutdown), waiting for an escalation poll in progress. */
export async function stopChat(s: ChatServices): Promise<void> {
  s.retention.stop();
  s.groups.presence.stop();
  await s.escalation.stop();
}
