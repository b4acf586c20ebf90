import type { Message } from "@carecircle/shared";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { readAloud, stopReading } from "../components/read-aloud";

const KEY = "cc.readNewAloud";

/**
 * Care mode's "read new messages aloud": once on, each message that arrives from someone else is
 * read out with the sender's name, in order, on the device (decision 115). Remembered per device.
 */
export function useReadNewAloud(messages: Message[], myId: string, loaded: boolean) {
  const { t, i18n } = useTranslation();
  const [on, setOn] = useState(() => localStorage.getItem(KEY) === "on");
  const last = messages.at(-1);
  // null until the history has loaded: what was there on opening is not read out
  const spoken = useRef<number | null>(null);
  useEffect(() => {
    if (!loaded) return;
    const lastSeq = last?.seq ?? 0;
    if (spoken.current === null || !on) {
      spoken.current = lastSeq;
      return;
    }
    const from = spoken.current;
    const fresh = messages.filter((m) => m.seq > from && m.sender?.id !== myId && m.body);
    spoken.current = Math.max(from, lastSeq);
    for (const m of fresh)
      readAloud(t("chat.saidBy", { name: m.sender?.displayName ?? "", text: m.body }), i18n.language, {
        queue: true,
      });
  }, [loaded, on, last, messages, myId, t, i18n.language]);
  useEffect(() => () => stopReading(), []);
  const toggle = () =>
    setOn((x) => {
      localStorage.setItem(KEY, x ? "off" : "on");
      if (x) stopReading();
      return !x;
    });
  return { on, toggle };
}
