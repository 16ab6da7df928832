/**
 * "Did you mean": the commands closest to what was typed, by edit distance
 * (a swapped pair of letters counts as one edit: `clinet` is one from
 * `client`), over as many words as each command has.
 */
import { commandTable, singularNoun } from '../command-table.js';

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The routes closest to the leading words of `argv` (options left out),
 * nearest first, at most `limit`; none when nothing is near enough to be a
 * plausible typo (more than a quarter of the letters wrong).
 */
export function closestCommands(argv: readonly string[], limit = 3): string[] {
  const words = argv.filter((word) => !word.startsWith('-'));
  const routes = commandTable();
  // One word typed: the nouns are candidates too (`epic clinet` → `epic client`).
  const nouns = words.length === 1 ? [...new Set(routes.filter((r) => r.route.includes(' ')).map((r) => r.route.split(' ')[0] ?? ''))] : [];
  const candidates = [...routes.filter((r) => r.hidden !== true).map((r) => r.route), ...nouns];
  const scored = candidates.map((route) => {
    const parts = route.split(' ');
    const typed = words.slice(0, parts.length).map((word, i) => (i === 0 ? singularNoun(word.toLowerCase()) : word.toLowerCase()));
    const distance = editDistance(typed.join(' '), route);
    return { route, distance, allowed: Math.max(1, Math.floor(route.length / 4)) };
  });
  const near = scored.filter((s) => s.distance <= s.allowed);
  // The nearest only: `client lst` is `client list`, not also `client edit`.
  const best = Math.min(...near.map((s) => s.distance));
  return near
    .filter((s) => s.distance === best)
    .sort((a, b) => a.route.localeCompare(b.route))
    .slice(0, limit)
    .map((s) => s.route);
}
