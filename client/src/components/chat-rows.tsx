import type { Group, Message } from "@carecircle/shared";
import { memo, type RefObject, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { usePin, useReadCounts } from "../api/chat";
import { useMe } from "../hooks/use-auth";
import { useDates } from "../i18n/dates";
import { chatStore, type PendingMessage } from "../realtime/chat-store";
import { dayKind, FIRST_ROWS, nextRevealStep, revealWindow, type timelineMarks } from "./chat-timeline";
import { MessageItem, PendingItem } from "./message-item";
import type { MessageActions } from "./message-menu";
import type { useModerationActions } from "./moderation-dialogs";

interface MessagesProps {
  group: Group;
  messages: Message[];
  pending: PendingMessage[];
  marks: ReturnType<typeof timelineMarks>;
  logRef: RefObject<HTMLElement | null>;
  stickToBottom: RefObject<boolean>;
  mod: ReturnType<typeof useModerationActions>;
  onReply(m: Message): void;
}

/**
 * The conversation's messages. Opening a chat draws the newest screenful (and from the unread
 * divider on) first and the rest of the page in later frames, and each row is memoised, so a
 * presence, typing or read-count update redraws only what changed: on a cheap phone a whole
 * page of messages in one task blocked the first taps (decision 147).
 */
export function Messages(props: MessagesProps) {
  const { group, messages, pending, marks } = props;
  const me = useMe();
  const isModerator = group.myRole === "moderator";
  const direct = group.kind === "direct";
  const actions = useStableActions(props, isModerator, direct);
  const bySeq = new Map(messages.map((m) => [m.seq, m]));
  const counts = useReadCounts(
    group.id,
    messages.filter((m) => !m.deletedAt).map((m) => m.seq),
    group.kind === "announcement" && isModerator,
  );
  const readBySeq = new Map(counts.data?.counts.map((c) => [c.seq, c.readCount]));
  const [from, to] = useReveal(props);
  return (
    <ol className="messages" aria-live="polite" aria-relevant="additions">
      {messages.slice(from, to).map((m, k) => {
        const mark = marks[from + k];
        return (
          <Row
            key={m.id}
            m={m}
            quoted={m.replyToSeq ? bySeq.get(m.replyToSeq) : undefined}
            myId={me.id}
            showNames={!direct}
            read={readBySeq.get(m.seq)}
            of={counts.data?.memberCount}
            unreadDivider={!!mark?.unreadDivider}
            separator={!!mark?.separator}
            actions={actions}
          />
        );
      })}
      {pending.map((p) => (
        <PendingItem
          key={p.clientId}
          p={p}
          onRetry={() => chatStore.retry(p.clientId)}
          onDiscard={() => chatStore.discard(p.clientId)}
        />
      ))}
    </ol>
  );
}

/**
 * `revealWindow` growing a step at a time, each step timed so that the next one fits a short task
 * (`nextRevealStep`); the reader at the bottom stays there.
 */
function useReveal(props: MessagesProps): [number, number] {
  const [params] = useSearchParams();
  const [budget, setBudget] = useState(params.has("at") ? Number.POSITIVE_INFINITY : FIRST_ROWS);
  const step = useRef({ rows: Math.ceil(FIRST_ROWS / 2), started: 0 });
  const divider = props.marks.findIndex((x) => x.unreadDivider);
  // Opening at the unread divider draws the whole page: a few rows from the divider may not fill
  // the log, and a log that is not full counts as read to the bottom (decision 147, amended).
  const whole = divider >= 0 ? Number.POSITIVE_INFINITY : budget;
  const [from, to] = revealWindow(props.messages.length, divider, whole);
  const done = from === 0 && to === props.messages.length;
  const { logRef, stickToBottom } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each newly drawn part keeps the reader at the bottom
  useLayoutEffect(() => {
    const el = logRef.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
    const s = step.current;
    if (s.started > 0) s.rows = nextRevealStep(s.rows, performance.now() - s.started);
    if (done) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        s.started = performance.now();
        setBudget((b) => b + s.rows);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [from, to, done, logRef, stickToBottom]);
  return [from, to];
}

/** Row actions that keep their identity across renders (so memoised rows stay memoised). */
function useStableActions(props: MessagesProps, isModerator: boolean, direct: boolean): MessageActions {
  const latest = useRef(props);
  latest.current = props;
  const pin = usePin();
  const pinRef = useRef(pin);
  pinRef.current = pin;
  const canReport = props.mod.canReport;
  return useMemo(() => {
    const mod = () => latest.current.mod;
    return {
      onReply: (m) => latest.current.onReply(m),
      onReport: canReport ? (m) => mod().report(m) : undefined,
      onPin: isModerator ? (x) => pinRef.current.mutate({ messageId: x.id, pin: !x.pinnedAt }) : undefined,
      onModDelete: isModerator ? (m) => mod().deleteMessage(m) : undefined,
      onMute: isModerator && !direct ? (m) => mod().sanction(m) : undefined,
    };
  }, [canReport, isModerator, direct]);
}

interface RowProps {
  m: Message;
  quoted: Message | undefined;
  myId: string;
  showNames: boolean;
  read: number | undefined;
  of: number | undefined;
  unreadDivider: boolean;
  separator: boolean;
  actions: MessageActions;
}

/** A message with the unread divider and the time separator that go before it. */
const Row = memo(function Row(p: RowProps) {
  const { t } = useTranslation();
  const readCount = p.read !== undefined && p.of !== undefined ? { read: p.read, of: p.of } : undefined;
  return (
    <>
      {p.unreadDivider && (
        <li className="unread-divider">
          <span>{t("chat.newMessages")}</span>
        </li>
      )}
      {p.separator && (
        <li className="time-sep">
          <TimeStamp iso={p.m.createdAt} />
        </li>
      )}
      <MessageItem
        m={p.m}
        quoted={p.quoted}
        view={{ myId: p.myId, showNames: p.showNames, canReact: true, readCount }}
        actions={p.actions}
      />
    </>
  );
});

/** "14:05" today, "昨天 14:05", "5月3日 14:05" this year, "2024年5月3日 14:05" before. */
function TimeStamp({ iso }: { iso: string }) {
  const { t } = useTranslation();
  const d = useDates();
  const time = d.time(iso);
  const kind = dayKind(iso, new Date());
  const label =
    kind === "today"
      ? time
      : kind === "yesterday"
        ? t("chat.yesterdayAt", { time })
        : d.stamp(iso, kind !== "thisYear");
  return <time dateTime={iso}>{label}</time>;
}
