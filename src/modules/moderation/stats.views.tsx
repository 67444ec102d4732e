import type { VNode } from 'preact';
import type { Translate } from '../../web/i18n/i18n';
import { OUTCOMES, type ModerationStats, type StatsTable } from './stats';

/** Colours with at least 3:1 contrast against the white page (WCAG 1.4.11). */
const COLOURS: Record<(typeof OUTCOMES)[number], string> = { published: '#1a7f37', held: '#9a6700', review: '#0969da', rejected: '#cf222e', spam: '#6e40c9' };
const W = 720;
const H = 200;
/** SVG coordinates to a tenth: enough for the eye, no float noise in the markup. */
const r1 = (n: number) => Math.round(n * 10) / 10;

function HourlyChart({ s, t }: { s: ModerationStats; t: Translate }): VNode {
  const max = Math.max(1, ...s.hourly.map((b) => OUTCOMES.reduce((n, o) => n + b.counts[o], 0)));
  const bw = W / s.hourly.length;
  return (
    <svg viewBox={`0 0 ${W} ${H + 24}`} width="100%" aria-hidden="true" focusable="false">
      {s.hourly.map((b, i) => {
        let y = H;
        return OUTCOMES.map((o) => {
          const h = (b.counts[o] / max) * H;
          y -= h;
          return h > 0 ? <rect x={r1(i * bw + 1)} y={r1(y)} width={r1(Math.max(1, bw - 2))} height={r1(h)} fill={COLOURS[o]} /> : null;
        });
      })}
      <line x1="0" y1={H} x2={W} y2={H} stroke="#57606a" />
      {OUTCOMES.map((o, i) => (
        <g>
          <rect x={i * 140} y={H + 10} width="10" height="10" fill={COLOURS[o]} />
          <text x={i * 140 + 14} y={H + 20} font-size="11" fill="#24292f">{t(`stats.outcome.${o}`)}</text>
        </g>
      ))}
    </svg>
  );
}

/** Horizontal bars, one per labelled value, with an optional marker (the budget). */
function Bars({ bars, marker }: { bars: { label: string; value: number }[]; marker?: { label: string; value: number } }): VNode {
  const max = Math.max(1e-9, marker?.value ?? 0, ...bars.map((b) => b.value));
  const row = 28;
  const left = 220;
  const width = W - left - 60;
  return (
    <svg viewBox={`0 0 ${W} ${bars.length * row + 20}`} width="100%" aria-hidden="true" focusable="false">
      {bars.map((b, i) => (
        <g>
          <text x="0" y={i * row + 18} font-size="12" fill="#24292f">{b.label.slice(0, 34)}</text>
          <rect x={left} y={i * row + 6} width={r1((b.value / max) * width)} height="16" fill="#0969da" />
          <text x={r1(left + (b.value / max) * width + 4)} y={i * row + 18} font-size="12" fill="#24292f">{String(b.value)}</text>
        </g>
      ))}
      {marker ? (
        <g>
          <line x1={left + (marker.value / max) * width} y1="0" x2={left + (marker.value / max) * width} y2={bars.length * row + 6} stroke="#cf222e" stroke-width="2" stroke-dasharray="4 2" />
          <text x={left + (marker.value / max) * width + 4} y={bars.length * row + 18} font-size="12" fill="#cf222e">{marker.label}</text>
        </g>
      ) : null}
    </svg>
  );
}

function Table({ table }: { table: StatsTable }): VNode {
  return (
    <table>
      <thead><tr>{table.columns.map((c) => <th scope="col">{c}</th>)}</tr></thead>
      <tbody>{table.rows.map((r) => <tr>{r.map((v, i) => (i === 0 ? <th scope="row">{String(v)}</th> : <td>{String(v)}</td>))}</tr>)}</tbody>
    </table>
  );
}

function chartOf(id: StatsTable['id'], s: ModerationStats, t: Translate): VNode {
  if (id === 'hourly') return <HourlyChart s={s} t={t} />;
  if (id === 'delay') return <Bars bars={[{ label: t('stats.delay.median'), value: Number((s.delay.medianMinutes ?? 0).toFixed(1)) }, { label: t('stats.delay.p90'), value: Number((s.delay.p90Minutes ?? 0).toFixed(1)) }]} />;
  if (id === 'falseHolds') return <Bars bars={[{ label: t('stats.falseHolds.rate'), value: Number(((s.falseHolds.rate ?? 0) * 100).toFixed(1)) }]} marker={{ label: t('stats.falseHolds.budget'), value: s.falseHolds.budget * 100 }} />;
  return <Bars bars={s.hot.map((h) => ({ label: h.title, value: h.comments }))} />;
}

/** Each figure: its chart (decorative for screen readers) and the table that says the same. */
export function StatsPage({ t, stats, tables }: { t: Translate; stats: ModerationStats; tables: StatsTable[] }): VNode {
  return (
    <>
      <p><a href="/admin/moderation/stats.csv" download="moderation-stats.csv">{t('stats.csv')}</a></p>
      {tables.map((table) => (
        <figure class="stats-figure" id={`stats-${table.id}`}>
          <figcaption>{table.title}</figcaption>
          {chartOf(table.id, stats, t)}
          {table.id === 'hot' && table.rows.length === 0 ? <p>{t('stats.hot.none')}</p> : <Table table={table} />}
        </figure>
      ))}
    </>
  );
}
