/** Room names, in one place so every emitter and joiner agrees. */
export const rooms = {
  user: (id: string) => `user:${id}`,
  group: (id: string) => `group:${id}`,
  moderators: (groupId: string) => `moderators:${groupId}`,
  station: (id: string) => `station:${id}`,
} as const;
