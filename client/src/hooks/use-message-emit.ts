import type { ApiError } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError } from "../api/client";
import { errorText } from "../components/form";
import { currentSocket } from "../realtime/socket";

/** The socket events a message's own controls send (edit, delete, react). */
export type MessageEvent = "message:delete" | "message:edit" | "message:react";

/**
 * Send one message event and wait for its acknowledgement. `emit` resolves to whether the server
 * accepted it; a refusal or a lost connection becomes `error`, a translated text for the message.
 */
export function useMessageEmit() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);

  async function emit(event: MessageEvent, payload: never): Promise<boolean> {
    setError(null);
    const s = currentSocket();
    if (!s?.connected) {
      setError(t("chat.needConnection"));
      return false;
    }
    try {
      const res = await (
        s.timeout(10_000).emitWithAck as (e: string, p: unknown) => Promise<{ ok: boolean; error?: never }>
      )(event, payload);
      if (!res.ok) {
        setError(errorText(new ApiRequestError(0, res.error as unknown as ApiError), t));
        return false;
      }
      return true;
    } catch {
      setError(t("chat.needConnection"));
      return false;
    }
  }

  return { emit, error, setError };
}
