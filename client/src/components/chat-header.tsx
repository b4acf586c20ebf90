import type { Group } from "@carecircle/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { storeGroup, useJoinLeave } from "../api/chat";
import { errorText } from "./form";
import { canReadAloud } from "./read-aloud";

/*
 * The chat's compact header, as WeChat draws it: a back arrow, the name, and one "more" menu for
 * everything else (who is online, search, leave), so the log keeps the screen at 360 px.
 */

/** The back arrow before the conversation's name. */
export function ChatBack({ direct }: { direct: boolean }) {
  const { t } = useTranslation();
  return (
    <Link
      className="btn small chat-icon-btn"
      to={direct ? "/messages" : "/groups"}
      aria-label={direct ? t("direct.back") : t("chat.backToGroups")}
    >
      <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor">
        <path d="M15 4l-8 8 8 8" strokeWidth="2.8" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </Link>
  );
}

/** Care mode: read each new message from someone else aloud while this chat is open. */
export function ReadNewToggle({ on, onToggle }: { on: boolean; onToggle(): void }) {
  const { t } = useTranslation();
  if (!canReadAloud()) return null;
  return (
    <button
      type="button"
      className={on ? "btn small chat-icon-btn on" : "btn small chat-icon-btn"}
      aria-pressed={on}
      aria-label={t("chat.readNewAloud")}
      onClick={onToggle}
    >
      <SpeakerIcon />
    </button>
  );
}

/** What the "more" menu offers; `onLeave` is missing in a private conversation. */
interface MoreProps {
  groupId: string;
  direct: boolean;
  onlineCount: number;
  onlineOpen: boolean;
  onToggleOnline(): void;
  onLeave?: (() => void) | undefined;
}

/** The ⋯ button and its list: who is online, search this conversation, leave the group. */
export function ChatMore(p: MoreProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useCloseOutside(open, box, () => setOpen(false));
  const pick = (f: () => void) => () => {
    setOpen(false);
    f();
  };
  return (
    <div className="chat-more" ref={box}>
      <button
        type="button"
        className="btn small chat-icon-btn"
        aria-label={t("chat.moreMenu")}
        aria-expanded={open}
        aria-controls={open ? "chat-more-list" : undefined}
        onClick={() => setOpen((x) => !x)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul id="chat-more-list" className="plain chat-more-list">
          <li>
            <button
              type="button"
              className="btn"
              aria-expanded={p.onlineOpen}
              onClick={pick(p.onToggleOnline)}
            >
              {t("chat.online", { count: p.onlineCount })}
            </button>
          </li>
          <li>
            <Link className="btn" to={`/search?groupId=${p.groupId}`}>
              {p.direct ? t("search.inConversation") : t("search.inGroup")}
            </Link>
          </li>
          {p.onLeave && (
            <li>
              <button type="button" className="btn danger-text" onClick={pick(p.onLeave)}>
                {t("groups.leave")}
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

/** Close an open popup on Escape or a press outside it (focus back on its button after Escape). */
function useCloseOutside(open: boolean, box: React.RefObject<HTMLElement | null>, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const down = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) close();
    };
    const key = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      close();
      box.current?.querySelector("button")?.focus();
    };
    document.addEventListener("pointerdown", down);
    document.addEventListener("keydown", key);
    return () => {
      document.removeEventListener("pointerdown", down);
      document.removeEventListener("keydown", key);
    };
  }, [open, box, close]);
}

/** Leave the group after a confirmation; a refusal shows as the page's notice. */
export function useLeave(group: Group, setNotice: (s: string) => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const joinLeave = useJoinLeave();
  return async () => {
    if (!window.confirm(t("groups.confirmLeave", { name: group.name }))) return;
    try {
      storeGroup(qc, await joinLeave.mutateAsync({ id: group.id, join: false }));
    } catch (err) {
      setNotice(errorText(err, t));
    }
  };
}

function SpeakerIcon() {
  return (
    <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor">
      <path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z" strokeWidth="2.2" strokeLinejoin="round" />
      <path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
