/** Number and table formatting shared by the bench reports. */

/** A rounded integer with thousands separators. */
export const int = (value: number): string => Math.round(value).toLocaleString('en-US');

/** How a figure stands against its goal. */
export const verdict = (pass: boolean): string => (pass ? 'met' : 'MISSED');

/** A check the bench holds a figure to; listed at the end when it misses. */
export interface Verdict {
  name: string;
  pass: boolean;
}

/** Left-aligned columns, two spaces apart; the first row is the header. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
