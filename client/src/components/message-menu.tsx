import type { Message } from "@carecircle/shared";
import { type PointerEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { canReadAloud, readAloud } from "./read-aloud";

/** The reactions offered in a message's action menu. */
export const QUICK_REACTIONS = ["👍", "❤️", "🙏", "💪", "🤗"] as const;

/** How long a finger rests on a message before its menu opens. */
const LONG_PRESS_MS = 500;

/** What the chat page lets the viewer do to a message; a missing handler hides its button. */
export interface MessageActions {
  onReply(m: Message): void;
  onReport?: ((m: Message) => void) | undefined;
  onPin?: ((m: Message) => void) | undefined;
  onModDelete?: ((m: Message) => void) | undefined;
  onMute?: ((m: Message) => void) | undefined;
}

/** What the message itself handles: reacting, editing and deleting go over the socket. */
interface OwnActions {
  onReact(emoji: string): void;
  onEdit(): void;
  onDelete(): void;
}

interface MenuProps {
  id: string;
  m: Message;
  /** The sender's display name, for the button labels. */
  name: string;
  mine: boolean;
  editable: boolean;
  canReact: boolean;
  actions: MessageActions;
  own: OwnActions;
  onClose(): void;
}

/** The small ⋯ button beside a message; its accessible name says whose message it is. */
export function MenuToggle(props: { name: string; open: boolean; controls: string; onToggle(): void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="msg-more"
      aria-label={t("chat.moreActions", { name: props.name })}
      aria-expanded={props.open}
      aria-controls={props.open ? props.controls : undefined}
      onClick={props.onToggle}
    >
      <span aria-hidden="true">⋯</span>
    </button>
  );
}

/**
 * A long press with a finger (or the context menu gesture) opens the menu. The timer is a UI
 * gesture, cancelled when the finger lifts or moves; nothing is deferred past the touch.
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<number | undefined>(undefined);
  const start = useRef<{ x: number; y: number } | null>(null);
  const cancel = () => {
    window.clearTimeout(timer.current);
    start.current = null;
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return {
    onPointerDown(e: PointerEvent) {
      if (e.pointerType === "mouse") return;
      start.current = { x: e.clientX, y: e.clientY };
      timer.current = window.setTimeout(onLongPress, LONG_PRESS_MS);
    },
    onPointerMove(e: PointerEvent) {
      const s = start.current;
      if (s && Math.hypot(e.clientX - s.x, e.clientY - s.y) > 10) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onContextMenu(e: React.MouseEvent) {
      // a long press on Android also raises the context menu: show ours instead
      e.preventDefault();
      cancel();
      onLongPress();
    },
  };
}

/** The actions for one message, opened from its ⋯ button or a long press; Escape closes it. */
export function MessageMenu(props: MenuProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>("button")?.focus({ preventScroll: true });
  }, []);
  const done = (f: () => void) => () => {
    f();
    props.onClose();
  };
  return (
    <fieldset
      id={props.id}
      ref={ref}
      className="msg-menu"
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onClose();
      }}
    >
      <legend className="sr-only">{t("chat.moreActions", { name: props.name })}</legend>
      {props.canReact && (
        <div className="menu-reactions">
          {QUICK_REACTIONS.map((e) => (
            <button
              key={e}
              type="button"
              className="btn small"
              aria-label={t("chat.reactWith", { emoji: e })}
              onClick={done(() => props.own.onReact(e))}
            >
              {e}
            </button>
          ))}
        </div>
      )}
      <MenuButtons {...props} done={done} />
    </fieldset>
  );
}

function MenuButtons({
  m,
  name,
  mine,
  editable,
  actions,
  own,
  done,
}: MenuProps & { done: (f: () => void) => () => void }) {
  const { t, i18n } = useTranslation();
  const button = (label: string, onClick: () => void, danger = false) => (
    <button type="button" className={danger ? "btn small danger" : "btn small"} onClick={done(onClick)}>
      {label}
    </button>
  );
  return (
    <div className="row wrap">
      {button(t("chat.reply"), () => actions.onReply(m))}
      {m.body && canReadAloud() && button(t("chat.readAloud"), () => readAloud(m.body ?? "", i18n.language))}
      {editable && button(t("chat.edit"), own.onEdit)}
      {mine && button(t("chat.delete"), own.onDelete, true)}
      {!mine && actions.onReport && button(t("chat.report"), () => actions.onReport?.(m))}
      {actions.onPin && button(m.pinnedAt ? t("chat.unpin") : t("chat.pin"), () => actions.onPin?.(m))}
      {!mine && actions.onModDelete && button(t("mod.deleteMessage"), () => actions.onModDelete?.(m), true)}
      {!mine &&
        actions.onMute &&
        m.sender &&
        button(t("mod.sanctionMember", { name }), () => actions.onMute?.(m))}
    </div>
  );
}
