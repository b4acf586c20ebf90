import { type Slot, SlotCancelSchema } from "@carecircle/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useStationAdmin } from "../api/booking";
import { useDates } from "../i18n/dates";
import { explainError } from "../i18n/errors";
import { Dialog } from "./dialog";
import { FormMessage, TextArea, validate } from "./form";

/**
 * Staff cancel a slot with the reason every booked family will read (required, at most 500
 * characters, checked with the shared schema before it is sent).
 */
export function CancelSlotDialog({ slot, open, onClose }: { slot: Slot; open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const d = useDates();
  const admin = useStationAdmin();
  const [reason, setReason] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const tz = slot.station.timeZone;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const r = validate(SlotCancelSchema, { reason }, t);
    if (!r.ok) return setFieldError(r.errors.reason);
    setFieldError(undefined);
    setFormError(undefined);
    try {
      await admin.cancelSlot.mutateAsync({ id: slot.id, reason: r.data.reason });
      setReason("");
      onClose();
    } catch (err) {
      const x = explainError(err, t, ["reason"]);
      setFieldError(x.fields.reason);
      setFormError(x.form);
    }
  }

  return (
    <Dialog title={t("slots.cancelTitle")} open={open} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p>
          <strong>
            {d.day(slot.startsAt, tz)} {slot.localStartTime}–{slot.localEndTime}
          </strong>{" "}
          · {slot.station.name}
        </p>
        <p className="muted">{t("slots.cancelWho", { n: slot.confirmedCount + slot.waitlistCount })}</p>
        <TextArea
          label={t("slots.cancelReason")}
          hint={t("slots.cancelReasonHint")}
          value={reason}
          rows={3}
          error={fieldError}
          onChange={(e) => {
            setReason(e.target.value);
            setFieldError(undefined);
          }}
        />
        <FormMessage error={formError} />
        <button type="submit" className="btn danger" disabled={admin.cancelSlot.isPending}>
          {t("slots.cancelConfirm")}
        </button>
      </form>
    </Dialog>
  );
}
