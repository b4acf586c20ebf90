import type { ReactNode } from "react";
import { splitChatPhones, telHref } from "./phone-numbers";

/** http(s) addresses up to a space or CJK punctuation; other schemes stay plain text. */
const URL = /(https?:\/\/[^\s<>"'，。！？、；：（）【】《》“”]+)/gi;
/** Punctuation that ends a sentence rather than the address ("see https://x.cn/a." ). */
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** Split text into plain parts and web addresses: odd indexes are the addresses. */
export function splitLinks(text: string): string[] {
  const parts = text.split(URL);
  for (let i = 1; i < parts.length; i += 2) {
    const tail = TRAILING.exec(parts[i] ?? "")?.[0] ?? "";
    if (!tail) continue;
    parts[i] = (parts[i] ?? "").slice(0, -tail.length);
    parts[i + 1] = tail + (parts[i + 1] ?? "");
  }
  return parts;
}

function mentions(text: string, key: string): ReactNode[] {
  return text.split(/(@[^\s@]{1,40})/g).map((p, i) =>
    p.startsWith("@") ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
      <span key={`${key}m${i}`} className="mention">
        {p}
      </span>
    ) : (
      p
    ),
  );
}

function phones(text: string, key: string): ReactNode[] {
  return splitChatPhones(text).flatMap((p, i) =>
    i % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
      <a key={`${key}t${i}`} className="tel" href={telHref(p)}>
        {p}
      </a>
    ) : (
      mentions(p, `${key}t${i}`)
    ),
  );
}

/**
 * Message text with web links (http/https only, opened in a new tab), phone numbers as `tel:`
 * links and @mentions highlighted. Always rendered as text nodes, never as HTML.
 */
export function MessageText({ body }: { body: string }) {
  return (
    <p className="msg-body">
      {splitLinks(body).flatMap((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
          <a key={`l${i}`} href={part} target="_blank" rel="noopener noreferrer" className="msg-link">
            {part}
          </a>
        ) : (
          phones(part, `p${i}`)
        ),
      )}
    </p>
  );
}
