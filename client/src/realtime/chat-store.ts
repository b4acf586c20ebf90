import type { Message, Support } from "@carecircle/shared";
import {
  emptyGroup,
  type GroupChat,
  liveTyping,
  mergeMessages,
  type PendingMedia,
  type PendingMessage,
  withoutTyping,
} from "./chat-model";
import { changesPage, historyPage, messageAt, newestPage, subscribeRoom } from "./chat-sync";
import { newClientId } from "./client-id";
import { Outbox } from "./outbox";
import { deliver } from "./outbox-deliver";
import { putFile } from "./outbox-files";
import { type AppSocket, connectionState, currentSocket, onConnectionState } from "./socket";

type Listener = () => void;

/**
 * Client side of the chat: loaded history per group, catch-up after reconnects, and an outbox that
 * survives going offline (and a page reload) and delivers each message exactly once: every message
 * gets a uuid `clientId` when composed and the server answers a repeated `clientId` with the
 * original message, so resending after a lost ack cannot create a duplicate. What goes over the
 * wire is in `chat-sync.ts`; the data and its pure parts in `chat-model.ts` (decision 077).
 */
class ChatStore {
  private groups = new Map<string, GroupChat>();
  private outbox = new Outbox(() => this.emit());
  private listeners = new Set<Listener>();
  private version = 0;
  private bound: AppSocket | null = null;
  private flushing = false;
  /** Called for every live new message (unread badges, notifications of other groups). */
  onNewMessage: ((m: Message) => void) | null = null;

  subscribe = (l: Listener) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getVersion = () => this.version;

  private emit() {
    this.version++;
    for (const l of this.listeners) l();
  }

  group(groupId: string): GroupChat {
    let g = this.groups.get(groupId);
    if (!g) {
      g = emptyGroup();
      this.groups.set(groupId, g);
    }
    return g;
  }

  pending(groupId: string): PendingMessage[] {
    return this.outbox.forGroup(groupId);
  }

  /** Bind to the app socket (call again after it was recreated). */
  bind(socket: AppSocket) {
    if (this.bound === socket) return;
    this.bound = socket;
    socket.on("message:new", (m) => {
      this.apply(m);
      this.onNewMessage?.(m);
    });
    socket.on("message:updated", (m) => this.apply(m));
    socket.on("message:deleted", (m) => this.apply(m));
    socket.on("presence", (p) => {
      const g = this.groups.get(p.groupId);
      if (!g) return;
      g.presence = p;
      this.emit();
    });
    socket.on("typing", ({ groupId, user, isTyping }) => {
      const g = this.groups.get(groupId);
      if (!g) return;
      g.typing = isTyping
        ? { ...g.typing, [user.id]: { name: user.displayName, until: Date.now() + 5000 } }
        : withoutTyping(g.typing, user.id);
      this.emit();
    });
    socket.on("support:resources", (s) => this.addSupport(s));
    socket.on("connect", () => {
      void this.resync();
      void this.flush();
    });
    if (socket.connected) void this.flush();
  }

  /** Load the newest page of a group (once), then keep it live. */
  async open(groupId: string): Promise<void> {
    const g = this.group(groupId);
    if (!g.loaded) {
      const page = await newestPage(groupId);
      g.messages = mergeMessages(g.messages, page.messages);
      g.hasOlder = page.hasMore;
      g.changeSeq = Math.max(g.changeSeq, page.changeSeq);
      g.loaded = true;
      this.emit();
    } else {
      await this.sync(groupId);
    }
    this.subscribeRoom(groupId);
  }

  /** Ask the server to (re)join the group's room and tell us who is online. */
  private subscribeRoom(groupId: string) {
    void subscribeRoom(groupId).then((presence) => {
      if (!presence) return;
      this.group(groupId).presence = presence;
      this.emit();
    });
  }

  async loadOlder(groupId: string): Promise<void> {
    const g = this.group(groupId);
    const first = g.messages[0];
    if (!first) return;
    const page = await historyPage(groupId, first.seq);
    g.messages = mergeMessages(g.messages, page.messages);
    g.hasOlder = page.hasMore;
    this.emit();
  }

  /**
   * Make sure message `seq` is loaded (older pages are fetched until it is, at most `maxPages`),
   * so a link to one message can scroll to it. Answers whether it is now in memory.
   */
  async reveal(groupId: string, seq: number, maxPages = 20): Promise<boolean> {
    const g = this.group(groupId);
    for (let i = 0; i < maxPages; i++) {
      const first = g.messages[0];
      if (!first || first.seq <= seq || !g.hasOlder) break;
      await this.loadOlder(groupId);
    }
    return g.messages.some((m) => m.seq === seq);
  }

  /** Catch up one group: every change after our cursor, page by page. */
  async sync(groupId: string): Promise<void> {
    const g = this.group(groupId);
    if (!g.loaded) return;
    for (let i = 0; i < 50; i++) {
      const res = await changesPage(groupId, g.changeSeq);
      if (!res) return;
      for (const m of res.messages) this.apply(m, false);
      g.changeSeq = Math.max(g.changeSeq, res.changeSeq);
      this.emit();
      if (!res.hasMore) return;
    }
  }

  /** After a reconnect: catch up every open group and rejoin its room. */
  private async resync() {
    for (const id of this.groups.keys()) {
      try {
        await this.sync(id);
      } catch {
        // the next reconnect tries again
      }
      this.subscribeRoom(id);
    }
  }

  /** Apply a message copy from the server if it is newer than ours. */
  apply(m: Message, notify = true) {
    const g = this.groups.get(m.groupId);
    // a message we were still sending has arrived: it is delivered
    this.outbox.remove(m.clientId);
    if (g?.loaded) {
      g.messages = mergeMessages(g.messages, [m]);
      const sender = m.sender?.id;
      if (sender && g.typing[sender]) g.typing = withoutTyping(g.typing, sender);
    }
    if (notify) this.emit();
  }

  /** Fetch one message again (its signed media URLs ran out) and apply it. */
  async refresh(groupId: string, seq: number): Promise<void> {
    const m = await messageAt(groupId, seq);
    if (m) this.apply(m);
  }

  /**
   * Queue a message (with a photo or recording: its file is kept first, so a reload keeps it); it
   * is sent now if connected, else as soon as the connection is back.
   */
  async send(
    groupId: string,
    body: string,
    replyToSeq?: number,
    file?: { blob: Blob; media: PendingMedia },
  ): Promise<PendingMessage> {
    const p: PendingMessage = {
      clientId: newClientId(),
      groupId,
      body,
      replyToSeq,
      media: file?.media,
      createdAt: new Date().toISOString(),
      status: "queued",
    };
    if (file) await putFile(p.clientId, file.blob);
    this.outbox.add(p);
    void this.flush();
    return p;
  }

  retry(clientId: string) {
    this.outbox.setStatus(clientId, "queued");
    void this.flush();
  }

  discard(clientId: string) {
    this.outbox.remove(clientId);
  }

  /** Send queued messages one by one, in order, while connected. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        const s = currentSocket();
        const next = this.outbox.next();
        if (!s?.connected || !next) return;
        this.outbox.setStatus(next.clientId, "sending");
        const res = await deliver(s, next, this.outbox);
        if (res.kind === "sent") {
          if (res.support) this.addSupport(res.support);
          this.apply(res.message);
          continue;
        }
        if (res.kind === "failed") {
          this.outbox.setStatus(next.clientId, "failed", res.error);
          continue;
        }
        // no answer or too fast: stays queued, same clientId next time
        this.outbox.setStatus(next.clientId, "queued");
        if (res.kind === "wait") setTimeout(() => void this.flush(), res.seconds * 1000);
        return;
      }
    } finally {
      this.flushing = false;
    }
  }

  private addSupport(s: Support) {
    const g = this.group(s.groupId);
    if (g.support.some((x) => x.messageId === s.messageId)) return;
    g.support = [...g.support, s];
    this.emit();
  }

  dismissSupport(groupId: string, messageId: string) {
    const g = this.group(groupId);
    g.support = g.support.filter((x) => x.messageId !== messageId);
    this.emit();
  }

  /** Forget everything (logout). Unsent messages of this user are dropped too. */
  reset() {
    this.groups.clear();
    this.outbox.clear();
    this.bound = null;
    this.emit();
  }

  /** Drop expired typing marks. */
  expireTyping() {
    let changed = false;
    for (const g of this.groups.values()) {
      const live = liveTyping(g.typing, Date.now());
      if (live === g.typing) continue;
      g.typing = live;
      changed = true;
    }
    if (changed) this.emit();
  }
}

export const chatStore = new ChatStore();

setInterval(() => chatStore.expireTyping(), 2000);
onConnectionState((s) => {
  if (s === "online") void chatStore.flush();
});

export { type GroupChat, mergeMessages, type PendingMessage } from "./chat-model";
export { connectionState };
