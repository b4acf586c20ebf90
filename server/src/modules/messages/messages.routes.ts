import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount } from "../../http/mount.js";
import type { MessagesService } from "./messages.service.js";

/** /api/groups/:id/messages and /api/messages/:id */
export function messagesRoutes(router: Router, authenticate: Authenticate, svc: MessagesService): void {
  mount(router, ROUTES.listMessages, authenticate, ({ user, params, query }) =>
    svc.history(user, params.id, query),
  );
  mount(router, ROUTES.postMessage, authenticate, ({ user, params, body }) =>
    svc.send(user, { ...body, groupId: params.id }),
  );
  mount(router, ROUTES.listChanges, authenticate, ({ user, params, query }) =>
    svc.sync(user, params.id, query.since, query.limit),
  );
  mount(router, ROUTES.listPins, authenticate, ({ user, params }) => svc.pins(user, params.id));
  mount(router, ROUTES.editMessage, authenticate, ({ user, params, body }) =>
    svc.edit(user, params.id, body.body),
  );
  mount(router, ROUTES.deleteMessage, authenticate, ({ user, params }) => svc.deleteOwn(user, params.id));
  mount(router, ROUTES.reactToMessage, authenticate, ({ user, params, body }) =>
    svc.react(user, params.id, body.emoji),
  );
  mount(router, ROUTES.messageEdits, authenticate, ({ user, params }) => svc.editsOf(user, params.id));
  mount(router, ROUTES.pinMessage, authenticate, ({ user, params }) => svc.setPinned(user, params.id, true));
  mount(router, ROUTES.unpinMessage, authenticate, ({ user, params }) =>
    svc.setPinned(user, params.id, false),
  );
}
