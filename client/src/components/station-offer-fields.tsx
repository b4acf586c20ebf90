import { DISABILITY_TYPES, SERVICE_TYPES } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, type FieldErrors } from "./form";

interface StationOffer {
  disabilityTypes: string[];
  serviceTypes: string[];
}

/** Which children a station accepts and which services it offers: asked on create and on edit. */
export function StationOfferFields({
  value,
  errors,
  onChange,
}: {
  value: StationOffer;
  errors: FieldErrors;
  onChange: (patch: Partial<StationOffer>) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <CheckboxGroup
        legend={t("stations.accepts")}
        options={DISABILITY_TYPES.map((d) => ({ value: d, label: t(`disability.${d}`) }))}
        value={value.disabilityTypes}
        error={errors.disabilityTypes}
        onChange={(disabilityTypes) => onChange({ disabilityTypes })}
      />
      <CheckboxGroup
        legend={t("stations.services")}
        options={SERVICE_TYPES.map((d) => ({ value: d, label: t(`service.${d}`) }))}
        value={value.serviceTypes}
        error={errors.serviceTypes}
        onChange={(serviceTypes) => onChange({ serviceTypes })}
      />
    </>
  );
}
