import { SUPPORT_TIE_KINDS, type SupportTie } from "@carecircle/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";

const SIZE = 320;
const C = SIZE / 2;
const RING = 108;
const NODE = 16;
/** Labels stay inside the picture: about 100 units wide at most. */
const LABEL_X = (x: number) => Math.min(Math.max(x, 54), SIZE - 54);
const WIDTH = { 1: 1.5, 2: 4, 3: 7 } as const;

/** A label short enough to sit under a node on a phone. */
const short = (s: string) => (s.length > 7 ? `${s.slice(0, 6)}…` : s);

/** Where each tie sits: around the family, grouped by kind, starting at the top. */
function layout(ties: readonly SupportTie[]) {
  const order = (t: SupportTie) => SUPPORT_TIE_KINDS.indexOf(t.kind);
  const sorted = [...ties].sort((a, b) => order(a) - order(b));
  return sorted.map((tie, i) => {
    const angle = -Math.PI / 2 + (i / Math.max(sorted.length, 1)) * 2 * Math.PI;
    return {
      tie,
      x: C + RING * Math.cos(angle),
      y: C + RING * Math.sin(angle),
      below: Math.sin(angle) > -0.3,
    };
  });
}

/**
 * The ecomap (issue 18 §3): the family in the centre, ties around it grouped by kind (colour),
 * line thickness = strength, solid = seen on the platform, dashed = recorded. The picture is one
 * image with a summary; every tie is also in the list under it for screen readers.
 */
export function SupportMapPicture({ ties, summary }: { ties: readonly SupportTie[]; summary: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const placed = layout(ties);
  return (
    <figure className="ecomap">
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-labelledby={titleId} className="ecomap-svg">
        <title id={titleId}>{t("supportMap.pictureLabel", { summary })}</title>
        {placed.map(({ tie, x, y }) => (
          <line
            key={`l-${tie.key}`}
            x1={C}
            y1={C}
            x2={x}
            y2={y}
            className={`ecomap-line kind-${tie.kind}`}
            strokeWidth={WIDTH[tie.strength as 1 | 2 | 3]}
            strokeDasharray={tie.origin === "recorded" ? "7 5" : undefined}
          />
        ))}
        <circle cx={C} cy={C} r={34} className="ecomap-family" />
        <text x={C} y={C + 6} textAnchor="middle" className="ecomap-family-text">
          {t("supportMap.family")}
        </text>
        {placed.map(({ tie, x, y, below }) => (
          <g key={`n-${tie.key}`}>
            <circle cx={x} cy={y} r={NODE} className={`ecomap-node kind-${tie.kind}`} />
            <text
              x={LABEL_X(x)}
              y={below ? y + NODE + 16 : y - NODE - 6}
              textAnchor="middle"
              className="ecomap-label"
            >
              {short(tie.label)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="ecomap-legend">
        <span className="legend-item">
          <svg width="36" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="36" y2="5" className="ecomap-line" strokeWidth="3" />
          </svg>
          {t("supportMap.legendPlatform")}
        </span>
        <span className="legend-item">
          <svg width="36" height="10" aria-hidden="true">
            <line
              x1="0"
              y1="5"
              x2="36"
              y2="5"
              className="ecomap-line"
              strokeWidth="3"
              strokeDasharray="7 5"
            />
          </svg>
          {t("supportMap.legendRecorded")}
        </span>
        <span className="legend-item">{t("supportMap.legendStrength")}</span>
        <span className="legend-kinds">
          {SUPPORT_TIE_KINDS.map((k) => (
            <span key={k} className="legend-item">
              <span className={`legend-dot kind-${k}`} aria-hidden="true" />
              {t(`supportMap.kind.${k}`)}
            </span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}
