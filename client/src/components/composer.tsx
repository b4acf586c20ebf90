import { MESSAGE_LIMITS, type Member, type Message } from "@carecircle/shared";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { chatStore } from "../realtime/chat-store";
import { currentSocket } from "../realtime/socket";
import { validate } from "./form";
import { loadChatSchemas } from "./lazy-schemas";
import { AttachExtras, AttachToggle, useAttach, VoiceSlot, VoiceToggle } from "./media-attach";
import { mediaLabel } from "./message-media";

/**
 * Write a message (or record one, or send a photo): replies, @mention suggestions, typing signal. Sending goes through the outbox,
 * so it works offline too (delivered once the connection is back).
 */
export function Composer({
  groupId,
  members,
  replyTo,
  onCancelReply,
}: {
  groupId: string;
  members: Member[];
  replyTo: Message | null;
  onCancelReply(): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const lastTyping = useRef(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const attach = useAttach({ groupId, replyToSeq: replyTo?.seq, onSent: onCancelReply });

  const mentionQuery = /(?:^|\s)@([^\s@]*)$/.exec(text)?.[1];
  const suggestions =
    mentionQuery === undefined
      ? []
      : members.filter((m) => m.displayName.toLowerCase().includes(mentionQuery.toLowerCase())).slice(0, 6);

  function typing(isTyping: boolean) {
    const s = currentSocket();
    if (!s?.connected) return;
    const now = Date.now();
    if (isTyping && now - lastTyping.current < MESSAGE_LIMITS.typingThrottleMs) return;
    lastTyping.current = isTyping ? now : 0;
    s.emit("typing", { groupId, isTyping });
  }

  async function send() {
    const { MessageBody } = await loadChatSchemas();
    const v = validate(MessageBody, text, t);
    if (!v.ok) {
      setError(v.errors._form ?? t("validation.invalid"));
      return;
    }
    setError(null);
    void chatStore.send(groupId, text, replyTo?.seq);
    setText("");
    onCancelReply();
    typing(false);
    ref.current?.focus();
  }

  function mention(name: string) {
    setText((x) => x.replace(/@([^\s@]*)$/, `@${name} `));
    ref.current?.focus();
  }

  return (
    <form
      className="composer"
      // the form's schema is fetched when she starts to write, not while the chat is opening
      onFocus={() => void loadChatSchemas().catch(() => undefined)}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {replyTo && (
        <div className="reply-bar">
          <span className="reply-text">
            {t("chat.replyingTo", { name: replyTo.sender?.displayName ?? "" })}
            {replyTo.body ?? (replyTo.media ? mediaLabel(replyTo.media, t) : "")}
          </span>
          <button type="button" className="btn small" onClick={onCancelReply}>
            {t("chat.cancelReply")}
          </button>
        </div>
      )}
      <div className={attach.voice ? "composer-row voice-mode" : "composer-row"}>
        <VoiceToggle a={attach} />
        {attach.voice ? (
          <VoiceSlot a={attach} />
        ) : (
          <TextBox
            boxRef={ref}
            value={text}
            error={error}
            onChange={(v) => {
              setText(v);
              typing(v.length > 0);
            }}
            onBlur={() => typing(false)}
            onSend={() => void send()}
          />
        )}
        {/* WeChat's convention: "+" while there is nothing to send, "send" once there is */}
        {text && !attach.voice ? (
          <button type="submit" className="btn primary send-btn">
            {t("chat.send")}
          </button>
        ) : (
          <AttachToggle a={attach} />
        )}
      </div>
      {suggestions.length > 0 && (
        <ul className="mention-list" aria-label={t("chat.mentionSuggestions")}>
          {suggestions.map((m) => (
            <li key={m.id}>
              <button type="button" className="btn small" onClick={() => mention(m.displayName)}>
                @{m.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" id="composer-err" role="alert">
          {error}
        </p>
      )}
      <AttachExtras a={attach} />
    </form>
  );
}

/** The text box (one line that grows with the text); Ctrl+Enter sends. */
function TextBox(p: {
  boxRef: React.RefObject<HTMLTextAreaElement | null>;
  value: string;
  error: string | null;
  onChange(v: string): void;
  onBlur(): void;
  onSend(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor="composer-text" className="sr-only">
        {t("chat.writeLabel")}
      </label>
      <textarea
        id="composer-text"
        ref={p.boxRef}
        rows={1}
        value={p.value}
        maxLength={MESSAGE_LIMITS.bodyMax * 2}
        placeholder={t("chat.writePlaceholder")}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? "composer-err" : undefined}
        onChange={(e) => p.onChange(e.target.value)}
        onBlur={p.onBlur}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            p.onSend();
          }
        }}
      />
    </>
  );
}
