import { SearchPageSchema, SearchQuery } from "../schemas/search.js";
import { CHAT_ROLES } from "./chat.js";
import { defineRoutes } from "./define.js";

/** Finding messages again (issue 17 §5). */
export const searchRoutes = defineRoutes({
  searchMessages: {
    method: "get",
    path: "/api/search/messages",
    summary:
      "Search the messages of the caller's groups and private conversations (moderators also find hidden ones), newest first",
    tag: "messages",
    access: CHAT_ROLES,
    relations: ["group_member", "group_moderator"],
    query: SearchQuery,
    response: SearchPageSchema,
  },
});
