import type { ServiceType } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "./form";

/** The editable fields of one session (one-off slot or weekly rule), as typed. */
export interface Session {
  serviceType: ServiceType;
  start: string;
  end: string;
  capacity: string;
}

/** Service, start and end time, seats: the fields a one-off slot and a weekly rule share. */
export function SessionFields({
  services,
  value,
  errors,
  onChange,
}: {
  services: ServiceType[];
  value: Session;
  errors: { start?: string | undefined; end?: string | undefined; capacity?: string | undefined };
  onChange: (patch: Partial<Session>) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t("booking.service")}
        value={value.serviceType}
        options={services.map((s) => ({ value: s, label: t(`service.${s}`) }))}
        onChange={(e) => onChange({ serviceType: e.target.value as ServiceType })}
      />
      <TextField
        label={t("slots.start")}
        type="time"
        value={value.start}
        error={errors.start}
        onChange={(e) => onChange({ start: e.target.value })}
      />
      <TextField
        label={t("slots.end")}
        type="time"
        value={value.end}
        error={errors.end}
        onChange={(e) => onChange({ end: e.target.value })}
      />
      <TextField
        label={t("slots.capacity")}
        type="number"
        min={1}
        value={value.capacity}
        error={errors.capacity}
        onChange={(e) => onChange({ capacity: e.target.value })}
      />
    </>
  );
}
