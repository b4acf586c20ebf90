import type { Message } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/** The reactions offered in a message's action menu. */
export const QUICK_REACTIONS = ["👍", "❤️", "🙏", "💪", "🤗"] as const;

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
  m: Message;
  /** The sender's display name, for the button labels. */
  name: string;
  mine: boolean;
  editable: boolean;
  canReact: boolean;
  actions: MessageActions;
  own: OwnActions;
}

/** A "more actions" toggle that opens the buttons for one message, so a long chat stays calm. */
export function MessageMenu(props: MenuProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const own: OwnActions = {
    ...props.own,
    onEdit: () => {
      props.own.onEdit();
      setOpen(false);
    },
  };
  return (
    <div className="msg-actions">
      <button
        type="button"
        className="btn small link"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? t("chat.lessActions") : t("chat.moreActions", { name: props.name })}
      </button>
      {open && <MenuButtons {...props} own={own} />}
    </div>
  );
}

function MenuButtons({ m, name, mine, editable, canReact, actions, own }: MenuProps) {
  const { t } = useTranslation();
  return (
    <div className="row wrap">
      <button type="button" className="btn small" onClick={() => actions.onReply(m)}>
        {t("chat.reply")}
      </button>
      {canReact &&
        QUICK_REACTIONS.map((e) => (
          <button
            key={e}
            type="button"
            className="btn small"
            aria-label={t("chat.reactWith", { emoji: e })}
            onClick={() => own.onReact(e)}
          >
            {e}
          </button>
        ))}
      {editable && (
        <button type="button" className="btn small" onClick={own.onEdit}>
          {t("chat.edit")}
        </button>
      )}
      {mine && (
        <button type="button" className="btn small danger" onClick={own.onDelete}>
          {t("chat.delete")}
        </button>
      )}
      {!mine && actions.onReport && (
        <button type="button" className="btn small" onClick={() => actions.onReport?.(m)}>
          {t("chat.report")}
        </button>
      )}
      {actions.onPin && (
        <button type="button" className="btn small" onClick={() => actions.onPin?.(m)}>
          {m.pinnedAt ? t("chat.unpin") : t("chat.pin")}
        </button>
      )}
      {!mine && actions.onModDelete && (
        <button type="button" className="btn small danger" onClick={() => actions.onModDelete?.(m)}>
          {t("mod.deleteMessage")}
        </button>
      )}
      {!mine && actions.onMute && m.sender && (
        <button type="button" className="btn small" onClick={() => actions.onMute?.(m)}>
          {t("mod.sanctionMember", { name })}
        </button>
      )}
    </div>
  );
}
