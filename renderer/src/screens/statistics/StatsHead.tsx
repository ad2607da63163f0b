/**
 * A statistics table's column heading: the label on the lines given (so that it breaks between words, 调解/成功率,
 * never inside one, 调解成/功率, even in 大字 at 1024 px), the unit below. Shared by 统计's tables.
 */

export function StatsHead({ label, unit, lines }: { label: string; unit: string; lines?: readonly string[] }) {
  return (
    <div className="stats-head" aria-label={`${label}（${unit}）`}>
      {(lines ?? [label]).map((line) => (
        <span key={line}>{line}</span>
      ))}
      <small>（{unit}）</small>
    </div>
  );
}
