import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useOpenConversation } from "../api/direct";
import { errorText } from "./form";

/**
 * "Message this family": opens (or reopens) the conversation and goes there. `target` names the
 * family, or one of its caregivers (from an alert, a report or a group member).
 */
export function MessageFamilyButton({
  target,
  small = false,
}: {
  target: { familyId: string } | { userId: string };
  small?: boolean;
}) {
  const { t } = useTranslation();
  const open = useOpenConversation();
  const navigate = useNavigate();
  return (
    <>
      <button
        type="button"
        className={small ? "btn small" : "btn primary"}
        disabled={open.isPending}
        onClick={async () => {
          const c = await open.mutateAsync(target).catch(() => undefined);
          if (c) navigate(`/messages/${c.id}`);
        }}
      >
        {t("direct.messageFamily")}
      </button>
      {open.isError && (
        <p className="form-error" role="alert">
          {errorText(open.error, t)}
        </p>
      )}
    </>
  );
}
