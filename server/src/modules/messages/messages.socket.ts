import type { Deps } from "../../deps.js";
import { onEvent } from "../../realtime/io.js";
import type { SocketFeature } from "../../realtime/socket-features.js";
import { socketUser } from "../groups/groups.socket.js";
import type { MessagesService } from "./messages.service.js";

/**
 * Message events of one socket: send, edit, delete, react, catch-up. The socket twins of the
 * routes in `messages.routes.ts`: the same service calls, checked by `onEvent` first.
 */
export function messagesSocketFeature(deps: Deps, messages: MessagesService): SocketFeature {
  const { logger } = deps;
  return (socket) => {
    const user = () => socketUser(socket);
    onEvent(socket, "message:send", logger, (p) => messages.send(user(), p));
    onEvent(socket, "message:edit", logger, (p) => messages.edit(user(), p.messageId, p.body));
    onEvent(socket, "message:delete", logger, (p) => messages.deleteOwn(user(), p.messageId));
    onEvent(socket, "message:react", logger, (p) => messages.react(user(), p.messageId, p.emoji));
    onEvent(socket, "group:sync", logger, (p) => messages.sync(user(), p.groupId, p.sinceChangeSeq, p.limit));
  };
}
