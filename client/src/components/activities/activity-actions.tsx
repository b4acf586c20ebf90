import type { Activity } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLeaveActivity, useSignUpActivity } from "../../api/activities";
import { useMe } from "../../hooks/use-auth";
import { Dialog } from "../dialog";
import { FormMessage } from "../form";
import { When } from "./activity-when";
import { activityErrorText, closed, mayJoin } from "./activity-words";

/**
 * The caller's one button on an activity: 报名 (or 排队 when it is full), or 取消报名 behind a
 * confirmation. Nothing once it has started; refusals are said in words.
 */
export function ActivityActions({ a }: { a: Activity }) {
  const { t } = useTranslation();
  const me = useMe();
  const signUp = useSignUpActivity();
  const leave = useLeaveActivity();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (closed(a)) return null;
  if (!a.mySignup && !mayJoin(me.role, a.audience)) return null;

  async function run(p: () => Promise<unknown>) {
    setError(null);
    try {
      await p();
      setConfirming(false);
    } catch (err) {
      setError(activityErrorText(err, t));
      setConfirming(false);
    }
  }

  const full = a.confirmedCount >= a.capacity;
  return (
    <div className="activity-actions">
      {a.mySignup ? (
        <button type="button" className="btn block" onClick={() => setConfirming(true)}>
          {t("activities.leave")}
        </button>
      ) : (
        <button
          type="button"
          className={full ? "btn block" : "btn primary block"}
          disabled={signUp.isPending}
          onClick={() => void run(() => signUp.mutateAsync(a.id))}
        >
          {full ? t("activities.joinQueue") : t("activities.signUp")}
        </button>
      )}
      <FormMessage error={error} />
      <LeaveDialog
        a={a}
        open={confirming}
        busy={leave.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() => void run(() => leave.mutateAsync(a.id))}
      />
    </div>
  );
}

/** "Really withdraw?" with what is given up: a seat (it goes to the next in the queue) or a queue place. */
function LeaveDialog({
  a,
  open,
  busy,
  onClose,
  onConfirm,
}: {
  a: Activity;
  open: boolean;
  busy: boolean;
  onClose(): void;
  onConfirm(): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog title={t("activities.leaveTitle")} open={open} onClose={onClose}>
      <p>
        <When a={a} /> · {a.topic}
      </p>
      <p>{a.mySignup?.status === "confirmed" ? t("activities.leaveSeat") : t("activities.leaveQueue")}</p>
      <div className="row confirm-actions">
        <button type="button" className="btn danger" disabled={busy} onClick={onConfirm}>
          {t("activities.leaveConfirm")}
        </button>
      </div>
    </Dialog>
  );
}
