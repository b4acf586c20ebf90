import type { BodyRegion } from "@carecircle/shared";
import type { KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

type Shape =
  | { kind: "rect"; x: number; y: number; w: number; h: number }
  | { kind: "ellipse"; cx: number; cy: number; rx: number; ry: number };

const r = (x: number, y: number, w: number, h: number): Shape => ({ kind: "rect", x, y, w, h });
const e = (cx: number, cy: number, rx: number, ry: number): Shape => ({ kind: "ellipse", cx, cy, rx, ry });

/*
 * A simple outline, 100 x 180 units per side. On the front view the child's left is on the
 * viewer's right; on the back view it is on the viewer's left (as when standing behind the child).
 */
const FRONT: [BodyRegion, Shape][] = [
  ["head_front", e(50, 11, 12, 8)],
  ["face", e(50, 25, 11, 7)],
  ["neck_front", r(44, 32, 12, 6)],
  ["chest", r(32, 38, 36, 22)],
  ["belly", r(34, 60, 32, 24)],
  ["right_arm_front", r(19, 39, 11, 44)],
  ["left_arm_front", r(70, 39, 11, 44)],
  ["right_hand", e(24, 90, 6, 6)],
  ["left_hand", e(76, 90, 6, 6)],
  ["right_leg_front", r(35, 85, 14, 66)],
  ["left_leg_front", r(51, 85, 14, 66)],
  ["right_foot", e(41, 160, 8, 6)],
  ["left_foot", e(59, 160, 8, 6)],
];
const BACK: [BodyRegion, Shape][] = [
  ["head_back", e(50, 18, 12, 14)],
  ["neck_back", r(44, 32, 12, 6)],
  ["upper_back", r(32, 38, 36, 24)],
  ["lower_back", r(34, 62, 32, 12)],
  ["buttocks", r(34, 74, 32, 12)],
  ["left_arm_back", r(19, 39, 11, 48)],
  ["right_arm_back", r(70, 39, 11, 48)],
  ["left_leg_back", r(35, 86, 14, 72)],
  ["right_leg_back", r(51, 86, 14, 72)],
];

/**
 * A front and back body outline whose named regions toggle on click, Enter or Space (each is a
 * focusable checkbox with its name), for locating an incident. `readOnly` only shows the marks.
 */
export function BodyOutline({
  value,
  onChange,
  readOnly = false,
}: {
  value: readonly BodyRegion[];
  /** Called with a function of the previous value (several toggles may land before a re-render). */
  onChange?: (update: (prev: BodyRegion[]) => BodyRegion[]) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const toggle = (region: BodyRegion) => {
    if (readOnly || !onChange) return;
    onChange((prev) => (prev.includes(region) ? prev.filter((x) => x !== region) : [...prev, region]));
  };
  const onKey = (ev: KeyboardEvent, region: BodyRegion) => {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    ev.preventDefault();
    toggle(region);
  };
  const side = (title: string, regions: [BodyRegion, Shape][]) => (
    <figure className="body-side">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; the group names its side's regions */}
      <svg viewBox="0 0 100 170" role="group" aria-label={title} className="body-svg">
        {regions.map(([region, s]) => {
          const on = value.includes(region);
          const props = {
            className: on ? "body-region on" : "body-region",
            "data-region": region,
            ...(readOnly
              ? { role: "img", "aria-label": `${t(`body.${region}`)}${on ? ` ✓` : ""}` }
              : {
                  role: "checkbox",
                  "aria-checked": on,
                  "aria-label": t(`body.${region}`),
                  // Lower case: in the SVG namespace the attribute name is case-sensitive.
                  tabindex: 0,
                  onClick: () => toggle(region),
                  onKeyDown: (ev: KeyboardEvent) => onKey(ev, region),
                }),
          };
          return s.kind === "rect" ? (
            <rect key={region} {...props} x={s.x} y={s.y} width={s.w} height={s.h} rx={4} />
          ) : (
            <ellipse key={region} {...props} cx={s.cx} cy={s.cy} rx={s.rx} ry={s.ry} />
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
  return (
    <div className="body-outline">
      <div className="body-sides">
        {side(t("body.front"), FRONT)}
        {side(t("body.back"), BACK)}
      </div>
      <p className="small" aria-live="polite">
        {value.length ? value.map((x) => t(`body.${x}`)).join("、") : t("body.none")}
      </p>
    </div>
  );
}
