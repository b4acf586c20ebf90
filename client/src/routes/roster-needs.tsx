import type { RosterEntry, Slot } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useCareNeedTypes } from "../api/care-needs";
import { needLabel } from "./child-care-needs";

/**
 * A child's care needs on the roster, highlighted, each with who on shift is qualified for it
 * (issue 19 §3); a need nobody on shift can meet is said plainly. Instructions show only where
 * the care notes do.
 */
export function RosterNeeds({ slot, entry }: { slot: Slot; entry: RosterEntry }) {
  const { t, i18n } = useTranslation();
  const types = useCareNeedTypes();
  const needs = entry.child.careNeeds;
  if (needs.length === 0) return null;
  const onShift = slot.onShift ?? [];
  return (
    <section className="roster-alert roster-needs" aria-label={t("roster.needsTitle")}>
      <strong>{t("roster.needsTitle")}</strong>
      <dl>
        {needs.map((n) => {
          const label = needLabel(
            types.data?.find((x) => x.code === n.code),
            n.code,
            i18n.language,
          );
          const who = onShift.filter((s) => s.needs.includes(n.code)).map((s) => s.displayName);
          return (
            <div key={n.code}>
              <dt>{label}</dt>
              {n.instructions && <dd>{n.instructions}</dd>}
              <dd className={who.length ? "qualified" : "unqualified"}>
                {who.length
                  ? t("roster.qualifiedOnShift", { names: who.join("、") })
                  : t("roster.nobodyQualified")}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
