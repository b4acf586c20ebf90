import { type ApiError, MESSAGE_LIMITS } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { AppError, forbidden, toAppError } from "../../errors.js";
import { type IoSocket, onEvent } from "../../realtime/io.js";
import { rooms } from "../../realtime/rooms.js";
import type { SocketFeature } from "../../realtime/socket-features.js";
import type { AuthUser } from "../auth/access-token.js";
import { toAuthUser } from "../users/users.presenter.js";
import { usersRepo } from "../users/users.repo.js";
import { groupsRepo } from "./groups.repo.js";
import type { GroupsService } from "./groups.service.js";

type Middleware = (socket: IoSocket, next: (err?: Error) => void) => void;

const isChatRoom = (room: string) => room.startsWith("group:") || room.startsWith("moderators:");

/** The signed-in account behind each socket (loaded once at connect). */
const socketUsers = new WeakMap<IoSocket, AuthUser>();

/** The account behind `socket`, as loaded at connect (for the chat events' service calls). */
export function socketUser(socket: IoSocket): AuthUser {
  const user = socketUsers.get(socket);
  if (!user) throw new AppError("UNAUTHENTICATED", "Please reconnect");
  return user;
}

/**
 * Connect-time middleware (runs after authentication, before the client is told it is
 * connected): join the rooms of every group the user belongs to, so `message:new` arrives with
 * no further call. On a recovered session, rooms of groups the user no longer belongs to are
 * dropped: membership is re-checked on every (re)connect.
 */
export function joinGroupRoomsOnConnect(deps: Deps): Middleware {
  return (socket, next) => {
    void (async () => {
      try {
        const userId = socket.data.userId;
        const [user, memberships] = await Promise.all([
          usersRepo.byId(deps.db, userId),
          groupsRepo.membershipsOf(deps.db, userId),
        ]);
        if (user?.status !== "active") throw new AppError("UNAUTHENTICATED", "Please log in");
        socketUsers.set(socket, toAuthUser(user));
        const allowed = new Set<string>();
        for (const m of memberships) {
          allowed.add(rooms.group(m.groupId));
          if (m.role === "moderator") allowed.add(rooms.moderators(m.groupId));
        }
        for (const room of [...socket.rooms]) if (isChatRoom(room) && !allowed.has(room)) socket.leave(room);
        if (allowed.size > 0) await socket.join([...allowed]);
        next();
      } catch (err) {
        const known = toAppError(err) ?? new AppError("INTERNAL", "Could not connect");
        if (known.code === "INTERNAL") deps.logger.error({ err }, "chat connect failed");
        const e = new Error(known.message) as Error & { data?: ApiError };
        e.data = { code: known.code, message: known.message };
        next(e);
      }
    })();
  };
}

/** Group events of one socket: presence on (dis)connect, subscribe, presence, read, typing. */
export function groupsSocketFeature(deps: Deps, groups: GroupsService): SocketFeature {
  const { logger } = deps;
  return (socket) => {
    const user = () => socketUser(socket);
    const groupRooms = () => [...socket.rooms].filter((r) => r.startsWith("group:")).map((r) => r.slice(6));
    for (const groupId of groupRooms()) groups.presence.schedule(groupId);
    socket.on("disconnecting", () => {
      const left = groupRooms();
      // Announce after the socket has left its rooms.
      setImmediate(() => {
        for (const groupId of left) groups.presence.schedule(groupId);
      });
    });

    onEvent(socket, "group:subscribe", logger, async ({ groupId }) => {
      const a = await groups.access(user(), groupId);
      if (!a.membership) {
        socket.leave(rooms.group(groupId));
        socket.leave(rooms.moderators(groupId));
        throw forbidden("Join this group first");
      }
      await socket.join([
        rooms.group(groupId),
        ...(a.membership.role === "moderator" ? [rooms.moderators(groupId)] : []),
      ]);
      groups.presence.schedule(groupId);
      return {
        presence: await groups.presence.compute(groupId),
        changeSeq: a.group.changeSeq,
        lastSeq: a.group.lastSeq,
      };
    });

    onEvent(socket, "group:presence", logger, async ({ groupId }) => {
      await groups.requireReader(user(), groupId);
      return { presence: await groups.presence.compute(groupId) };
    });

    onEvent(socket, "group:read", logger, (p) => groups.markRead(user(), p.groupId, p.seq));

    const lastTyping = new Map<string, number>();
    onEvent(socket, "typing", logger, async ({ groupId, isTyping }) => {
      const room = rooms.group(groupId);
      // The socket is in the room exactly while the user is a member (joined at connect/join,
      // removed at once on leave/remove/ban), so no database round trip per keystroke.
      if (!socket.rooms.has(room)) throw forbidden("Join this group first");
      const now = Date.now();
      if (isTyping && now - (lastTyping.get(groupId) ?? 0) < MESSAGE_LIMITS.typingThrottleMs) return {};
      if (isTyping) lastTyping.set(groupId, now);
      else lastTyping.delete(groupId);
      const u = user();
      socket.to(room).emit("typing", {
        groupId,
        user: {
          id: u.id,
          displayName: u.displayName,
          role: socket.rooms.has(rooms.moderators(groupId)) ? "moderator" : "member",
        },
        isTyping,
      });
      return {};
    });
  };
}
